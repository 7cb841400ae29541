using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>
/// Whole-model loading in every format: the committed files (TestData/models/README.md), files the tests write, round trips
/// through the runtime's writers, and malformed or mismatched files, each of which must be rejected with a message that says
/// what was found, leaving the model's parameters and state exactly as they were.
/// </summary>
public sealed class ModelLoadingTests
{
    private const string Stack = "stack-I3-H10-L2-O2-T9";

    public static IEnumerable<object[]> CommittedFiles => new object[][]
    {
        ["pytorch-models/stack-I3-H10-L2-O2-T9.json", ModelFileFormat.GuitarMl, true, true],
        ["models/stack-I3-H10-L2-O2.safetensors", ModelFileFormat.SafeTensors, false, false],
        ["models/stack-I3-H10-L2-O2.state_dict.json", ModelFileFormat.StateDictJson, false, false],
        ["models/stack-I3-H10-L2-O2.rtneural.json", ModelFileFormat.RtNeuralJson, true, false],
    };

    [Theory]
    [MemberData(nameof(CommittedFiles))]
    public void Every_format_of_the_committed_stack_loads_and_reproduces_pytorch(string path, ModelFileFormat format, bool activations, bool residual)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", path));
        ModelFileInfo info = ModelFiles.ReadStructure(file);
        Assert.Equal(format, info.Format);
        Assert.Equal(activations, info.StoresActivations);
        Assert.Equal(residual, info.StoresResidual);
        Assert.Equal("LSTM(3→10) → LSTM(10→10) → Dense(10→2)", info.Structure.ToString());

        var model = (ILstmTrainingModel<double>)Activator.CreateInstance(ModelFixture.TypeOf(Stack, "Double"))!;
        model.LoadWeights(file);
        ModelFixture fixture = ModelFixture.Load(Stack);
        var ys = new double[fixture.Y.Length];
        model.Forward(fixture.X, ys);
        Numerics.AssertClose(fixture.Y, ys, 1e-12, $"{path}: y");

        var reference = (ILstmTrainingModel<double>)Activator.CreateInstance(ModelFixture.TypeOf(Stack, "Double"))!;
        reference.LoadWeights(File.ReadAllBytes(fixture.ModelPath));
        Assert.Equal(ModelAssert.ParameterBits(reference), ModelAssert.ParameterBits(model));
    }

    [Fact]
    public void Written_files_load_back_bit_for_bit_in_float_and_double()
    {
        var single = new TorchStackModel();
        single.InitializeParameters(7);
        AssertRoundTrip(single, ModelFiles.ToSafeTensors(single, [new("source", "a test")]), new TorchStackModel());
        AssertRoundTrip(single, ModelFiles.ToGuitarMlJson(single), new TorchStackModel());

        var knob = new AmpKnobModelDouble();
        knob.InitializeParameters(8);
        byte[] guitarMl = ModelFiles.ToGuitarMlJson(knob);
        Assert.Equal(1, ModelFiles.ReadStructure(guitarMl).Structure.ResidualWidth);
        AssertRoundTrip(knob, guitarMl, new AmpKnobModelDouble());
        AssertRoundTrip(knob, ModelFiles.ToSafeTensors(knob), new AmpKnobModelDouble());

        var mixed = new MixedKerasModel();
        mixed.InitializeParameters(9);
        AssertRoundTrip(mixed, ModelFiles.ToSafeTensors(mixed), new MixedKerasModel());
        Assert.Contains("write it with ToSafeTensors", Assert.Throws<ArgumentException>(() => ModelFiles.ToGuitarMlJson(mixed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keras_model_written_as_rtneural_json_loads_with_its_activations()
    {
        var source = new KerasRtNeuralModel();
        source.InitializeParameters(12);
        byte[] file = RtNeuralJson(source, ["tanh", "tanh", ""]);
        ModelFileInfo info = ModelFiles.ReadStructure(file);
        Assert.Equal(KerasRtNeuralModel.Structure, info.Structure);
        AssertRoundTrip(source, file, new KerasRtNeuralModel());

        var target = new KerasRtNeuralModel();
        target.InitializeParameters(1);
        ModelAssert.RejectsUnchanged(target, RtNeuralJson(source, ["relu", "tanh", ""]), "Dense(2→8, ReLU)", "Dense(2→8, tanh)");
    }

    public static IEnumerable<object[]> BrokenGuitarMl => new object[][]
    {
        ["\"unit_type\": \"LSTM\"", "\"unit_type\": \"GRU\"", "GRU"],
        ["\"num_layers\": 2", "\"num_layers\": 3", "num_layers"],
        ["\"skip\": 0", "\"skip\": 1", "residual"],
        ["\"hidden_size\": 10", "\"hidden_size\": 12", "hidden_size"],
        ["\"lin.bias\": [", "\"lin.bias\": [NaN, ", "NaN"],
        ["\"lin.bias\": [", "\"lin2.weight\": [1.0], \"lin.bias\": [", "lin2.weight"],
        ["\"input_size\": 3", "\"input_size\": 4", "input"],
    };

    [Theory]
    [MemberData(nameof(BrokenGuitarMl))]
    public void A_broken_or_mismatched_guitarml_file_is_rejected_and_changes_nothing(string find, string replace, string expected)
    {
        string text = Normalized(File.ReadAllText(ModelFixture.Load(Stack).ModelPath));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var model = (ILstmTrainingModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(Stack, "Single"))!;
        model.InitializeParameters(4);
        ModelAssert.RejectsUnchanged(model, Encoding.UTF8.GetBytes(text.Replace(find, replace, StringComparison.Ordinal)), expected);
    }

    [Fact]
    public void A_tensor_of_the_wrong_shape_is_named_with_both_shapes()
    {
        JsonObject root = JsonNode.Parse(File.ReadAllText(ModelFixture.Load(Stack).ModelPath))!.AsObject();
        foreach (JsonNode? row in root["state_dict"]!["lin.weight"]!.AsArray())
        {
            row!.AsArray().RemoveAt(0);
        }

        var model = (ILstmTrainingModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(Stack, "Single"))!;
        model.InitializeParameters(4);
        ModelAssert.RejectsUnchanged(model, Encoding.UTF8.GetBytes(root.ToJsonString()), "lin.weight", "[2, 9]");
    }

    [Fact]
    public void Another_model_is_rejected_with_both_structures_named()
    {
        var model = (ILstmTrainingModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(Stack, "Single"))!;
        model.InitializeParameters(4);
        byte[] amp = File.ReadAllBytes(Path.Combine(ModelFixture.Folder, "amp-I1-H8-T64.json"));
        ModelAssert.RejectsUnchanged(model, amp, "LSTM(1→8) → Dense(8→1) + x[0]", "LSTM(3→10) → LSTM(10→10) → Dense(10→2)");
    }

    [Fact]
    public void Truncated_and_corrupted_files_of_every_format_are_rejected_and_change_nothing()
    {
        var model = new TorchStackModel();
        model.InitializeParameters(5);
        var files = new List<byte[]>
        {
            ModelFiles.ToSafeTensors(model),
            ModelFiles.ToGuitarMlJson(model),
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "models", "stack-I3-H10-L2-O2.state_dict.json")),
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "models", "stack-I3-H10-L2-O2.rtneural.json")),
        };
        var target = new TorchStackModel();
        target.InitializeParameters(6);
        foreach (byte[] file in files)
        {
            foreach (int length in new[] { 0, 1, 7, 8, 9, file.Length / 3, file.Length / 2, file.Length - 2 })
            {
                Assert.True(Rejects(target, file.AsSpan(0, length).ToArray()), $"format {ModelFileFormatOf(file)}: the first {length} of {file.Length} bytes were accepted");
                ModelAssert.RejectsUnchanged(target, file.AsSpan(0, length).ToArray());
            }

            byte[] flipped = (byte[])file.Clone();
            flipped[4] ^= 0x40;
            ModelAssert.RejectsUnchanged(target, flipped);
        }
    }

    private static bool Rejects(ILstmMutableModel<float> model, byte[] file)
    {
        try
        {
            model.LoadWeights(file);
            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }

    private static string ModelFileFormatOf(byte[] file) => file.Length > 8 && file[8] == (byte)'{' ? "safetensors" : Encoding.UTF8.GetString(file.AsSpan(0, Math.Min(20, file.Length)));

    private static void AssertRoundTrip<TModel>(TModel source, byte[] file, TModel target)
        where TModel : ILstmMutableModel<float>
    {
        target.LoadWeights(file);
        Assert.Equal(ModelAssert.ParameterBits(source), ModelAssert.ParameterBits(target));
    }

    private static void AssertRoundTrip(ILstmMutableModel<double> source, byte[] file, ILstmMutableModel<double> target)
    {
        target.LoadWeights(file);
        Assert.Equal(ModelAssert.ParameterBits(source), ModelAssert.ParameterBits(target));
    }

    /// <summary>The fixture's JSON with one space after every colon, so the replacements can find their text.</summary>
    private static string Normalized(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).Replace("\":", "\": ", StringComparison.Ordinal);

    /// <summary>Writes RTNeural's JSON for a Dense → LSTM → Dense model from its canonical parameters, with the given activations.</summary>
    private static byte[] RtNeuralJson(ILstmModel<float> model, string[] activations)
    {
        ModelStructure structure = model.Structure;
        var canonical = new float[structure.ParameterCount];
        model.ExportParameters(canonical);
        var layers = new JsonArray();
        int offset = 0;
        for (int k = 0; k < structure.Layers.Count; k++)
        {
            ModelLayer layer = structure.Layers[k];
            int i = layer.InputWidth;
            int o = layer.OutputWidth;
            var weights = new JsonArray();
            if (layer.Kind == ModelLayerKind.Lstm)
            {
                weights.Add(Transposed(canonical, offset, 4 * o, i));
                weights.Add(Transposed(canonical, offset + (4 * o * i), 4 * o, o));
                weights.Add(Vector(canonical, offset + (4 * o * (i + o)), 4 * o));
            }
            else
            {
                weights.Add(Transposed(canonical, offset, o, i));
                weights.Add(Vector(canonical, offset + (o * i), o));
            }

            offset += (int)layer.ParameterCount;
            layers.Add(new JsonObject
            {
                ["type"] = layer.Kind == ModelLayerKind.Lstm ? "lstm" : "dense",
                ["activation"] = activations[k],
                ["shape"] = new JsonArray(null, null, o),
                ["weights"] = weights,
            });
        }

        var root = new JsonObject { ["in_shape"] = new JsonArray(null, null, structure.InputWidth), ["layers"] = layers };
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>A rows × columns block of canonical values written transposed (columns × rows), as Keras stores kernels.</summary>
    private static JsonArray Transposed(float[] values, int offset, int rows, int columns)
    {
        var result = new JsonArray();
        for (int c = 0; c < columns; c++)
        {
            var row = new JsonArray();
            for (int r = 0; r < rows; r++)
            {
                row.Add(values[offset + (r * columns) + c]);
            }

            result.Add(row);
        }

        return result;
    }

    private static JsonArray Vector(float[] values, int offset, int count) => new(values.AsSpan(offset, count).ToArray().Select(v => (JsonNode?)v).ToArray());
}
