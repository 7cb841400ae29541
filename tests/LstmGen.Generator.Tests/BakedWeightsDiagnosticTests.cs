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
/// is wrong. As the Regex generator does when it cannot generate, the layer keeps its members (with zero weights, in a build
/// that fails anyway), so the diagnostic is the only error: no use of the layer fails with CS1061 or CS0117.
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
    public void LSTM010_a_path_that_names_two_files_is_ambiguous() =>
        AssertReports(
            "LSTM010",
            "[{|LstmLayer(1, 8, Weights = \"amp.safetensors\")|}] public partial class Amp;",
            [FileAdditionalText.Create("v1/amp.safetensors", WeightFiles.Lstm(1, 8, 1)), FileAdditionalText.Create("v2/amp.safetensors", WeightFiles.Lstm(1, 8, 2))],
            "is ambiguous: it names 2 AdditionalFiles entries");

    [Theory]
    [InlineData("v1/amp.safetensors", "v1/amp.safetensors")]
    [InlineData("./v2/amp.safetensors", "v2/amp.safetensors")]
    [InlineData("..\\v2\\amp.safetensors", "v2/amp.safetensors")]
    [InlineData("V1/AMP.safetensors", "v1/amp.safetensors")]
    [InlineData("models/amp.safetensors", "models/amp.safetensors")]
    [InlineData("models/./amp.safetensors", "models/amp.safetensors")]
    [InlineData("models//amp.safetensors", "models/amp.safetensors")]
    [InlineData("models/../models/amp.safetensors", "models/amp.safetensors")]
    [InlineData("v1/../v2/./amp.safetensors", "v2/amp.safetensors")]
    [InlineData("/project/v2/amp.safetensors", "v2/amp.safetensors")]
    public void A_path_names_one_file_case_first(string requested, string expected)
    {
        string[] paths = { "v1/amp.safetensors", "/project/./v2/amp.safetensors", "models/amp.safetensors", "Models/amp.safetensors" };
        AdditionalText[] files = paths.Select((path, index) => (AdditionalText)FileAdditionalText.Create(path, WeightFiles.Lstm(1, 8, (ulong)index + 1))).ToArray();
        string source = $"using LstmGen;\n[LstmLayer(1, 8, Weights = @\"{requested}\")] public partial class Amp;\n";
        GeneratorRun run = GeneratorHarness.Run(source, additionalTexts: files);
        Assert.Empty(run.GeneratorDiagnostics);
        string baked = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains($"baked from '{System.IO.Path.GetFileName(expected)}'", baked, StringComparison.Ordinal);
        ulong seed = (ulong)Array.FindIndex(paths, path => path.EndsWith(expected, StringComparison.Ordinal)) + 1;
        GeneratorRun only = GeneratorHarness.Run(source.Replace(requested, "only.safetensors", StringComparison.Ordinal), additionalTexts: [FileAdditionalText.Create("only.safetensors", WeightFiles.Lstm(1, 8, seed))]);
        Assert.Equal(Parameters(only), Parameters(run));
    }

    private static string Parameters(GeneratorRun run)
    {
        string text = Assert.Single(run.Sources).SourceText.ToString();
        int start = text.IndexOf("float[] bakedParameters =", StringComparison.Ordinal); // a Debug build's static array
        return text.Substring(start, text.IndexOf("};", start, StringComparison.Ordinal) - start);
    }

    [Fact]
    public void LSTM011_file_listed_but_not_on_disk() =>
        AssertReports("LSTM011", Layer, [new FileAdditionalText("/nonexistent/lstmgen/models/amp.safetensors")], "'models/amp.safetensors' cannot be read");

    [Theory]
    [InlineData("truncated", "the file is truncated")]
    [InlineData("header not JSON", "is not valid JSON at byte 24 (in lstm.weight_ih_l0): expected a member name in double quotes")]
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
    [InlineData("another prefix", "The file has no tensor 'lstm.weight_ih_l0'. It has: encoder.weight_ih_l0 (F32 [32, 1])")]
    [InlineData("another layer size", "The tensor 'lstm.weight_ih_l0' has shape [32, 2] but the layer needs [32, 1] (4H × I)")]
    [InlineData("unsupported dtype", "The safetensors tensor 'lstm.weight_ih_l0' has dtype I32; only F32, F64, F16 and BF16 can be loaded")]
    [InlineData("projections", "The file has 'lstm.weight_hr_l0': the LSTM uses projections (proj_size)")]
    [InlineData("a bias of another size", "The tensor 'lstm.bias_hh_l0' has shape [16] but the layer needs [32] (4H)")]
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
            "The file has no tensor 'weight_ih_l2'. It has: weight_ih_l0 (F32 [32, 1])");

    [Fact]
    public void A_good_baked_layer_beside_a_bad_one_is_still_generated()
    {
        string source = "using LstmGen;\n[LstmLayer(1, 8, Weights = \"good.safetensors\")] public partial class Good;\n[LstmLayer(1, 8, Weights = \"bad.safetensors\")] public partial class Bad;\n";
        GeneratorRun run = GeneratorHarness.Run(source, additionalTexts: [FileAdditionalText.Create("good.safetensors", WeightFiles.Lstm(1, 8, 1)), FileAdditionalText.Create("bad.safetensors", WeightFiles.Lstm(1, 4, 1))]);
        Assert.Equal("LSTM012", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal(new[] { "Bad.Lstm.g.cs", "Good.Lstm.g.cs" }, run.Sources.Select(s => s.HintName.Split('-')[0].Replace(".Lstm.g.cs", string.Empty) + ".Lstm.g.cs"));
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
        string text = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(text.Contains(message, StringComparison.Ordinal), $"The message is: {text}");
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics());
    }
}
