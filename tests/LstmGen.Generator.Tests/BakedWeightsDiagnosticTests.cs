using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// The baked-weights diagnostics LSTM010, LSTM011 and LSTM012: exact ID, the attribute as location, a message that says what
/// is wrong, and no generated code for the layer (other layers are still generated).
/// </summary>
public sealed class BakedWeightsDiagnosticTests
{
    private const string Layer = "[{|LstmLayer(1, 8, Weights = \"models/amp.safetensors\", WeightsPrefix = \"lstm.\")|}] public partial class Amp;";

    [Fact]
    public void LSTM010_file_not_in_additional_files() =>
        AssertReports("LSTM010", Layer, [], "'models/amp.safetensors' of 'Amp' is not among the project's AdditionalFiles");

    [Fact]
    public void LSTM010_only_other_files_listed() =>
        AssertReports("LSTM010", Layer, [FileAdditionalText.Create("models/other.safetensors", WeightFiles.Lstm(1, 8, 1, "lstm."))], "<AdditionalFiles Include=\"models/amp.safetensors\" />");

    [Fact]
    public void LSTM011_file_listed_but_not_on_disk() =>
        AssertReports("LSTM011", Layer, [new FileAdditionalText("/nonexistent/lstmgen/models/amp.safetensors")], "'models/amp.safetensors' cannot be read");

    [Theory]
    [InlineData("truncated", "the file is truncated")]
    [InlineData("header not JSON", "malformed JSON")]
    [InlineData("tensor past the end", "the file is truncated")]
    [InlineData("tiny", "fewer than the 8-byte header length")]
    public void LSTM011_file_unreadable(string kind, string message)
    {
        byte[] file = kind switch
        {
            "truncated" => WeightFiles.Lstm(1, 8, 1, "lstm.")[..100],
            "header not JSON" => WeightFiles.Raw("{\"lstm.weight_ih_l0\": {", []),
            "tensor past the end" => WeightFiles.Lstm(1, 8, 1, "lstm.")[..^4],
            _ => new byte[3],
        };
        AssertReports("LSTM011", Layer, [FileAdditionalText.Create("models/amp.safetensors", file)], message);
    }

    [Theory]
    [InlineData("another prefix", "tensor 'lstm.weight_ih_l0' is missing (the file has: encoder.weight_ih_l0")]
    [InlineData("another layer size", "tensor 'lstm.weight_ih_l0' has shape [32, 2] but the layer needs [32, 1]")]
    [InlineData("unsupported dtype", "tensor 'lstm.weight_ih_l0' has dtype I32; only F32, F64, F16 and BF16 are supported")]
    [InlineData("projections", "it has 'lstm.weight_hr_l0': the LSTM uses projections (proj_size)")]
    [InlineData("a bias of another size", "tensor 'lstm.bias_hh_l0' has shape [16] but the layer needs [32]")]
    public void LSTM012_file_does_not_fit(string kind, string message)
    {
        byte[] file = kind switch
        {
            "another prefix" => WeightFiles.Lstm(1, 8, 1, "encoder."),
            "another layer size" => WeightFiles.Lstm(2, 8, 1, "lstm."),
            "unsupported dtype" => WeightFiles.Tensors(("lstm.weight_ih_l0", "I32", [32, 1], new byte[128]), ("lstm.weight_hh_l0", "F32", [32, 8], new byte[1024])),
            "projections" => WeightFiles.Tensors(("lstm.weight_ih_l0", "F32", [32, 1], new byte[128]), ("lstm.weight_hh_l0", "F32", [32, 8], new byte[1024]), ("lstm.weight_hr_l0", "F32", [8, 8], new byte[256])),
            _ => WeightFiles.Tensors(("lstm.weight_ih_l0", "F32", [32, 1], new byte[128]), ("lstm.weight_hh_l0", "F32", [32, 8], new byte[1024]), ("lstm.bias_hh_l0", "F32", [16], new byte[64])),
        };
        AssertReports("LSTM012", Layer, [FileAdditionalText.Create("models/amp.safetensors", file)], "does not fit 'Amp': " + message);
    }

    [Fact]
    public void LSTM012_missing_layer_index() =>
        AssertReports(
            "LSTM012",
            "[{|LstmLayer(1, 8, Weights = \"amp.safetensors\", WeightsLayer = 2)|}] public partial class Amp;",
            [FileAdditionalText.Create("amp.safetensors", WeightFiles.Lstm(1, 8, 1))],
            "tensor 'weight_ih_l2' is missing");

    [Fact]
    public void A_good_baked_layer_beside_a_bad_one_is_still_generated()
    {
        string source = "using LstmGen;\n[LstmLayer(1, 8, Weights = \"good.safetensors\")] public partial class Good;\n[LstmLayer(1, 8, Weights = \"bad.safetensors\")] public partial class Bad;\n";
        GeneratorRun run = GeneratorHarness.Run(source, additionalTexts: [FileAdditionalText.Create("good.safetensors", WeightFiles.Lstm(1, 8, 1)), FileAdditionalText.Create("bad.safetensors", WeightFiles.Lstm(1, 4, 1))]);
        Assert.Equal("LSTM012", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal("Good.Lstm.g.cs", Assert.Single(run.Sources).HintName);
        Assert.Empty(run.CompilationDiagnostics());
    }

    private static void AssertReports(string id, string markup, AdditionalText[] files, string message)
    {
        (string body, TextSpan span) = Markup.Parse(markup);
        const string Prefix = "using LstmGen;\n";
        GeneratorRun run = GeneratorHarness.Run(Prefix + body + "\n", additionalTexts: files);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/src/Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(new TextSpan(span.Start + Prefix.Length, span.Length), diagnostic.Location.SourceSpan);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }
}
