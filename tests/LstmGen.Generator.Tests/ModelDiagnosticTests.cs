using System;
using System.Globalization;
using System.Linq;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// [LstmModel]'s diagnostics, each with its ID, its location and a message that says what was found: declarations that
/// cannot be a model, model files that are missing, unreadable, of a shape the declaration contradicts, or holding a layer
/// LstmGen lacks. A model whose file fails keeps its members, so the diagnostic is the build's only error.
/// </summary>
public sealed class ModelDiagnosticTests
{
    private const string Amp = "[{|LstmModel(1, new[] { 8 }, 1, Residual = true, Weights = \"amp.json\")|}] public partial class Amp;";

    [Fact]
    public void A_file_given_model_compiles_clean_from_every_format()
    {
        AssertGenerates("[LstmModel(Weights = \"amp.json\")] public partial class Amp;", ("amp.json", ModelFileTexts.GuitarMl(2, 6, 1)), "LSTM(2→6) → Dense(6→1) + x[0]");
        AssertGenerates(
            "[LstmModel(LayersFrom = \"keras.json\", MaxSteps = 4)] public partial struct Keras;",
            ("keras.json", ModelFileTexts.RtNeural(2, ("dense", "tanh", 8), ("lstm", "tanh", 8), ("dense", "", 1))),
            "Dense(2→8, tanh) → LSTM(8→8) → Dense(8→1)");
        AssertGenerates("[LstmModel(Weights = \"stack.json\")] public partial class Stack;", ("stack.json", ModelFileTexts.GuitarMl(3, 5, 2, layers: 2, skip: 0)), "LSTM(3→5) → LSTM(5→5) → Dense(5→2)");
    }

    [Fact]
    public void LSTM010_the_model_file_is_not_listed() =>
        AssertReports("LSTM010", Amp, [], "'amp.json' of 'Amp' is not among the project's AdditionalFiles");

    [Fact]
    public void LSTM010_a_layers_from_file_is_not_listed_and_the_model_keeps_its_common_members() =>
        AssertReports("LSTM010", "[{|LstmModel(LayersFrom = \"red.json\")|}] public partial class Red;", [], "'red.json' of 'Red' is not among");

    [Fact]
    public void LSTM011_the_model_file_is_not_json() =>
        AssertReports("LSTM011", Amp, [FileAdditionalText.Create("amp.json", "{\"model_data\": "u8.ToArray())], "'amp.json' cannot be read");

    [Theory]
    [InlineData(1, 12, 1, 1, "The file holds LSTM(1→12) → Dense(12→1) + x[0], but the model is LSTM(1→8) → Dense(8→1) + x[0]")]
    [InlineData(2, 8, 1, 1, "reads 2 input(s) per step, the model 1")]
    [InlineData(1, 8, 1, 0, "residual width (skip) is 0, the model's 1")]
    public void LSTM012_the_file_contradicts_the_stated_sizes(int i, int h, int o, int skip, string message) =>
        AssertReports("LSTM012", Amp, [FileAdditionalText.Create("amp.json", ModelFileTexts.GuitarMl(i, h, o, skip: skip))], message);

    [Fact]
    public void LSTM012_a_gru_capture_is_an_unsupported_layer() =>
        AssertReports("LSTM012", "[{|LstmModel(Weights = \"gru.json\")|}] public partial class Gru;", [FileAdditionalText.Create("gru.json", ModelFileTexts.GuitarMl(1, 8, 1, unitType: "GRU"))], "unit_type \"GRU\"");

    [Fact]
    public void LSTM012_an_rtneural_layer_lstmgen_lacks_is_named() =>
        AssertReports(
            "LSTM012",
            "[{|LstmModel(Weights = \"conv.json\")|}] public partial class Conv;",
            [FileAdditionalText.Create("conv.json", ModelFileTexts.RtNeural(1, ("conv1d", "", 4), ("dense", "", 1)))],
            "conv1d");

    [Fact]
    public void LSTM012_more_layers_in_the_file_than_the_type_has() =>
        AssertReports(
            "LSTM012",
            "[{|LstmModel(2, new[] { 8, 8 }, 1, Weights = \"stack.json\")|}] public partial class Stack;",
            [FileAdditionalText.Create("stack.json", ModelFileTexts.GuitarMl(2, 8, 1, layers: 3, skip: 0))],
            "the file has 4 layer(s), the model 3");

    [Fact]
    public void LSTM012_an_activation_the_file_records_differs_from_the_declared_one() =>
        AssertReports(
            "LSTM012",
            "[{|LstmModel(2, Weights = \"keras.json\")|}][Dense(8, ActivationKind.ReLU)][Lstm(8)][Dense(1)] public partial class Keras;",
            [FileAdditionalText.Create("keras.json", ModelFileTexts.RtNeural(2, ("dense", "tanh", 8), ("lstm", "tanh", 8), ("dense", "", 1)))],
            "layer 0 is Dense(2→8, tanh) in the file");

    [Fact]
    public void LSTM012_a_state_dict_with_hidden_activations_asks_for_the_layers() =>
        AssertReports(
            "LSTM012",
            "[{|LstmModel(Weights = \"torch.safetensors\")|}] public partial class Torch;",
            [FileAdditionalText.Create("torch.safetensors", WeightFiles.Tensors(
                ("dense.weight", "F32", [4, 2], new byte[32]), ("dense.bias", "F32", [4], new byte[16]),
                ("out.weight", "F32", [1, 4], new byte[16]), ("out.bias", "F32", [1], new byte[4])))],
            "declare the layers");

    [Theory]
    [InlineData("[{|LstmModel(1)|}] public partial class M;", "declares no layers")]
    [InlineData("[{|LstmModel|}] public partial class M;", "reads its layers from a file: set Weights")]
    [InlineData("[LstmModel(1, new[] { 4 }, 1)][{|Dense(2)|}] public partial class M;", "already declares every layer")]
    [InlineData("[LstmModel][{|Lstm(4)|}] public partial class M;", "need the model's input width first")]
    [InlineData("[LstmModel(1, {|new int[0]|}, 1)] public partial class M;", "hiddenWidths must list at least one")]
    [InlineData("[LstmModel(Weights = \"a.json\", {|LayersFrom = \"b.json\"|})] public partial class M;", "Weights and LayersFrom cannot both be set")]
    [InlineData("[LstmModel(1, new[] { 4 }, 1, {|Weights = \"a.json\"|}, MaxSteps = 8)] public partial class M;", "Weights and MaxSteps cannot both be set")]
    [InlineData("[{|LstmModel(1, new[] { 4 }, 2, Residual = true)|}] public partial class M;", null)]
    [InlineData("[LstmModel(2)][Lstm(3)][{|Dense(4, (ActivationKind)9)|}] public partial class M;", "activation 9 is not a known ActivationKind")]
    [InlineData("[LstmModel(1, new[] { 4 }, 1, {|Streams = 0|})] public partial class M;", "Streams must be between 1 and 4096, but it is 0")]
    [InlineData("[LstmModel(1, new[] { 4 }, 1, {|Streams = 4097|})] public partial class M;", "Streams must be between 1 and 4096, but it is 4097")]
    public void LSTM008_declarations_that_cannot_be_a_model(string markup, string? message)
    {
        if (message is null)
        {
            // The residual path x[0] onto each of two outputs is a model; this row proves the check lets it through.
            (string body, _) = Markup.Parse(markup);
            GeneratorRun run = GeneratorHarness.Run("using LstmGen;\n" + body + "\n");
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics());
            return;
        }

        AssertReports("LSTM008", markup, [], message, generates: false);
    }

    [Fact]
    public void LSTM008_layer_attributes_on_another_partial_declaration()
    {
        const string Source = "using LstmGen;\n[LstmModel(1)][Lstm(4)] public partial class M;\n[Dense(1)] public partial class M;\n";
        GeneratorRun run = GeneratorHarness.Run(Source);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("LSTM008", diagnostic.Id);
        Assert.Equal("Dense(1)", Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("must sit on the declaration that carries [LstmModel]", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void LSTM002_a_layer_of_width_zero_is_reported_at_its_attribute() =>
        AssertReports("LSTM002", "[LstmModel(2)][{|Lstm(0)|}][Dense(1)] public partial class M;", [], "hidden width of layer 0 of 'M' is 0", generates: false);

    [Fact]
    public void LSTM003_a_model_too_large_for_the_runtime() =>
        AssertReports("LSTM003", "[LstmModel(64, new[] { 1024, 1024 }, 1, {|MaxSteps = 4000|})] public partial class Huge;", [], "more than the limit of 125,829,120", generates: false);

    [Fact]
    public void LSTM003_a_model_whose_streams_make_it_too_large_is_reported_at_streams() =>
        AssertReports("LSTM003", "[LstmModel(64, new[] { 1024, 1024 }, 1, {|Streams = 4096|})] public partial class Huge;", [], "more than the limit of 125,829,120", generates: false);

    [Fact]
    public void LSTM003_a_streamed_training_model_counts_every_streams_sequences() =>
        AssertReports("LSTM003", "[LstmModel(16, new[] { 64 }, 16, Streams = 256, {|MaxSteps = 1000|})] public partial class Batch;", [], "more than the limit", generates: false);

    [Fact]
    public void LSTM003_a_file_given_model_too_large_is_reported_at_the_attribute() =>
        AssertReports(
            "LSTM003",
            "[{|LstmModel(LayersFrom = \"big.json\", MaxSteps = 60000)|}] public partial class Big;",
            [FileAdditionalText.Create("big.json", ModelFileTexts.GuitarMl(1, 64, 1))],
            "more than the limit");

    [Fact]
    public void LSTM007_a_member_named_like_a_layer_clashes()
    {
        AssertReports("LSTM007", "[LstmModel(1, new[] { 4 }, 1)] public partial class M { public int {|Dense1|}; }", [], "'M' already has a member named 'Dense1'", generates: false);
        AssertReports(
            "LSTM007",
            "[{|LstmModel(Weights = \"amp.json\")|}] public partial class M { public int Lstm0; }",
            [FileAdditionalText.Create("amp.json", ModelFileTexts.GuitarMl(1, 4, 1))],
            "named 'Lstm0'");
    }

    private static void AssertGenerates(string declaration, (string Path, byte[] Bytes) file, string structure)
    {
        GeneratorRun run = GeneratorHarness.Run("using LstmGen;\n" + declaration + "\n", additionalTexts: [FileAdditionalText.Create(file.Path, file.Bytes)]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics());
        Assert.Contains(structure, Assert.Single(run.Sources).SourceText.ToString(), StringComparison.Ordinal);
    }

    private static void AssertReports(string id, string markup, AdditionalText[] files, string message, bool generates = true)
    {
        (string body, TextSpan span) = Markup.Parse(markup);
        const string Prefix = "using LstmGen;\n";
        GeneratorRun run = GeneratorHarness.Run(Prefix + body + "\n", additionalTexts: files);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(new TextSpan(span.Start + Prefix.Length, span.Length), diagnostic.Location.SourceSpan);
        string text = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(text.Contains(message, StringComparison.Ordinal), $"The message is: {text}");
        if (generates)
        {
            Assert.Single(run.Sources);
            Assert.Empty(run.CompilationDiagnostics());
        }
    }
}
