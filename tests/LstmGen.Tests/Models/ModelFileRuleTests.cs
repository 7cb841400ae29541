using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>
/// The rules every loader shares, each tested over its whole kind: one decision of how a file is read (a damaged
/// safetensors file is refused for being damaged safetensors, never for being bad JSON), a bias missing from a pair or
/// against the file's own model_data is damage and not a zero bias, a wrapped state_dict reads as the state_dict, messages
/// stay short whatever the file holds, and <see cref="ModelFileInfo.Fits"/> gives the answer loading gives.
/// </summary>
public sealed class ModelFileRuleTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "models");

    private static TorchStackModel Source()
    {
        var model = new TorchStackModel();
        model.InitializeParameters(11);
        return model;
    }

    /// <summary>Every cut of a safetensors file, and every wrong header length, is refused with the safetensors reader's reason.</summary>
    [Fact]
    public void A_damaged_safetensors_file_is_refused_as_safetensors_at_every_cut_and_header_length()
    {
        byte[] file = ModelFiles.ToSafeTensors(Source());
        ulong header = BitConverter.ToUInt64(file, 0);
        var damaged = Enumerable.Range(1, 120).Select(length => file[..length]).ToList();
        damaged.Add(file[..^1]);
        foreach (ulong length in new ulong[] { 0, 1, header - 1, header + 1, (ulong)file.Length, 100_000_000, 1UL << 62, ulong.MaxValue })
        {
            byte[] copy = (byte[])file.Clone();
            BitConverter.GetBytes(length).CopyTo(copy, 0);
            damaged.Add(copy);
        }

        var target = new TorchStackModel();
        foreach (byte[] bytes in damaged)
        {
            string loading = Assert.Throws<InvalidDataException>(() => target.LoadWeights(bytes)).Message;
            string reading = Assert.Throws<InvalidDataException>(() => ModelFiles.ReadStructure(bytes)).Message;
            Assert.Equal(loading, reading);
            Assert.DoesNotContain("not valid JSON at byte 0", loading, StringComparison.Ordinal);
            Assert.Contains("safetensors", loading, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>JSON text, with or without a byte order mark and leading whitespace, is still read as JSON.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData(" \r\n\t")]
    public void JSON_text_is_read_as_json_whatever_leads_it(string lead)
    {
        byte[] json = Encoding.UTF8.GetBytes(lead + File.ReadAllText(Path.Combine(Folder, "stack-I3-H10-L2-O2.state_dict.json")));
        Assert.Equal(ModelFileFormat.StateDictJson, ModelFiles.ReadStructure(json).Format);
        byte[] notJson = Encoding.UTF8.GetBytes(lead + "nonsense");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => ModelFiles.ReadStructure(notJson)).Message, StringComparison.Ordinal);
    }

    /// <summary>One bias of an LSTM layer's pair, in any layer, through the model loader and the layer loader alike.</summary>
    [Theory]
    [InlineData("rec.bias_ih_l0", "rec.bias_hh_l0")]
    [InlineData("rec.bias_hh_l0", "rec.bias_ih_l0")]
    [InlineData("rec.bias_hh_l1", "rec.bias_ih_l1")]
    public void One_bias_of_a_pair_is_damage_not_a_zero_bias(string missing, string present)
    {
        JsonObject state = StateDict();
        state.Remove(missing);
        byte[] file = Encoding.UTF8.GetBytes(state.ToJsonString());
        ModelAssert.RejectsUnchanged(Source(), file, $"lacks '{missing}'", $"'{present}'");

        // The layer loader reads the same file the same way.
        var layer = new StackLayer1();
        if (missing.EndsWith("_l1", StringComparison.Ordinal))
        {
            string layerMessage = Assert.Throws<InvalidDataException>(() => layer.Weights.Load(file, "rec.", 1)).Message;
            Assert.Contains($"lacks '{missing}'", layerMessage, StringComparison.Ordinal);
        }
    }

    /// <summary>A layer saved with bias=False has neither bias: that is a zero bias, and loads.</summary>
    [Fact]
    public void Both_biases_missing_is_bias_false_and_loads_as_zero()
    {
        JsonObject state = StateDict();
        state.Remove("rec.bias_ih_l1");
        state.Remove("rec.bias_hh_l1");
        var model = new TorchStackModel();
        model.LoadWeights(Encoding.UTF8.GetBytes(state.ToJsonString()));
        float[] weightIh = new float[400], weightHh = new float[400], biasIh = new float[40], biasHh = new float[40];
        model.Lstm1.Weights.ExportPyTorch(weightIh, weightHh, biasIh, biasHh);
        Assert.All(biasIh.Concat(biasHh), value => Assert.Equal(0f, value));
        Assert.Contains(weightIh, value => value != 0);
    }

    /// <summary>A GuitarML file's biases follow its model_data: the LSTM always has them, lin.bias exactly when bias_fl is not false.</summary>
    [Theory]
    [InlineData("rec.bias_hh_l0", null, "lacks 'rec.bias_hh_l0'")]
    [InlineData("rec.bias_ih_l1", null, "lacks 'rec.bias_ih_l1'")]
    [InlineData("rec.bias_ih_l0+rec.bias_hh_l0", null, "lacks 'rec.bias_ih_l0'")]
    [InlineData("lin.bias", null, "lacks 'lin.bias'")]
    [InlineData("lin.bias", "true", "lacks 'lin.bias'")]
    [InlineData(null, "false", "holds 'lin.bias', but model_data has bias_fl = false")]
    [InlineData(null, "1", "bias_fl = the number 1; it must be true or false")]
    public void A_guitarml_file_with_biases_against_its_model_data_is_refused(string? removed, string? biasFlag, string expected)
    {
        JsonObject root = GuitarMl();
        foreach (string name in (removed ?? string.Empty).Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            root["state_dict"]!.AsObject().Remove(name);
        }

        if (biasFlag is not null)
        {
            root["model_data"]!["bias_fl"] = JsonNode.Parse(biasFlag);
        }

        ModelAssert.RejectsUnchanged(Source(), Encoding.UTF8.GetBytes(root.ToJsonString()), expected);
    }

    /// <summary>bias_fl = false with no lin.bias is a linear read-out without bias: it loads, with a zero bias.</summary>
    [Fact]
    public void A_guitarml_file_with_bias_fl_false_loads_without_lin_bias()
    {
        JsonObject root = GuitarMl();
        root["state_dict"]!.AsObject().Remove("lin.bias");
        root["model_data"]!["bias_fl"] = false;
        var model = new TorchStackModel();
        model.LoadWeights(Encoding.UTF8.GetBytes(root.ToJsonString()));
        Assert.Equal(0f, model.Dense2.Weights.Bias(0));
        Assert.Equal(0f, model.Dense2.Weights.Bias(1));
    }

    /// <summary><c>{"state_dict": {…}}</c> with nothing beside it reads as the state_dict; beside other keys it is refused by name.</summary>
    [Fact]
    public void A_wrapped_state_dict_reads_as_the_state_dict()
    {
        string plain = File.ReadAllText(Path.Combine(Folder, "stack-I3-H10-L2-O2.state_dict.json"));
        var fromPlain = new TorchStackModel();
        fromPlain.LoadWeights(Encoding.UTF8.GetBytes(plain));
        var fromWrapped = new TorchStackModel();
        fromWrapped.LoadWeights(Encoding.UTF8.GetBytes("{\"state_dict\": " + plain + "}"));
        Assert.Equal(ModelAssert.ParameterBits(fromPlain), ModelAssert.ParameterBits(fromWrapped));
        Assert.Equal(ModelFileFormat.StateDictJson, ModelFiles.ReadStructure(Encoding.UTF8.GetBytes("{\"state_dict\": " + plain + "}")).Format);

        var layer = new StackLayer1();
        layer.Weights.Load(Encoding.UTF8.GetBytes("{\"state_dict\": " + plain + "}"), "rec.", 1);
        Assert.Equal(fromPlain.Lstm1.Parameters.ToArray(), layer.Parameters.ToArray());

        string message = Assert.Throws<InvalidDataException>(() => new TorchStackModel().LoadWeights(Encoding.UTF8.GetBytes("{\"epoch\": 3, \"state_dict\": " + plain + "}"))).Message;
        Assert.Contains("'epoch'", message, StringComparison.Ordinal);
        Assert.Contains("model_data", message, StringComparison.Ordinal);
    }

    /// <summary>Whatever a file holds (a million-digit number, a long name, a long string), a message quoting it stays short.</summary>
    [Theory]
    [InlineData("number")]
    [InlineData("name")]
    [InlineData("string")]
    [InlineData("spaced string")]
    public void A_message_that_quotes_the_file_stays_short(string kind)
    {
        JsonObject root = GuitarMl();
        string huge = new('9', 1_000_000);
        string text = kind switch
        {
            "number" => root.ToJsonString().Replace("\"lin.bias\":[", "\"lin.bias\":[" + huge + ",", StringComparison.Ordinal),
            "name" => root.ToJsonString().Replace("\"lin.bias\"", "\"lin." + new string('b', 1_000_000) + "\"", StringComparison.Ordinal),
            "string" => root.ToJsonString().Replace("\"LSTM\"", "\"" + new string('G', 1_000_000) + "\"", StringComparison.Ordinal),
            _ => root.ToJsonString().Replace("\"LSTM\"", "\"" + string.Concat(Enumerable.Repeat("GRU ", 250_000)) + "\"", StringComparison.Ordinal),
        };
        string message = Assert.Throws<InvalidDataException>(() => new TorchStackModel().LoadWeights(Encoding.UTF8.GetBytes(text))).Message;
        Assert.InRange(message.Length, 20, 1_100);
        Assert.StartsWith("The ", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// ReadStructure's Fits gives LoadWeights' answer: a capture written as safetensors (no residual recorded) fits its
    /// type, though its Structure alone differs, and a file of another shape fits nothing it would not load into.
    /// </summary>
    [Fact]
    public void Fits_answers_as_loading_does()
    {
        var amp = new AmpKnobModel();
        amp.InitializeParameters(3);
        foreach (byte[] file in new[] { ModelFiles.ToSafeTensors(amp), ModelFiles.ToGuitarMlJson(amp) })
        {
            ModelFileInfo info = ModelFiles.ReadStructure(file);
            Assert.True(info.Fits(AmpKnobModel.Structure));
            Assert.Equal(info.StoresResidual, info.Structure.Equals(AmpKnobModel.Structure));
            Assert.False(info.Fits(TorchStackModel.Structure));
            new AmpKnobModel().LoadWeights(file);
            Assert.Throws<InvalidDataException>(() => new TorchStackModel().LoadWeights(file));
        }

        Assert.Throws<ArgumentNullException>(() => ModelFiles.ReadStructure(ModelFiles.ToSafeTensors(amp)).Fits(null!));
    }

    /// <summary>A hyper-parameter out of range is shown as the caller wrote it in its own type (float), not widened to double.</summary>
    [Fact]
    public void An_out_of_range_hyper_parameter_is_shown_in_its_own_type()
    {
        var model = new TorchRtNeuralModel();
        string beta = Assert.Throws<ArgumentOutOfRangeException>(() => model.ApplyAdam(1e-3f, -0.1f, 0.999f, 1e-8f)).Message;
        Assert.Contains("but it is -0.1.", beta, StringComparison.Ordinal);
        string rate = Assert.Throws<ArgumentOutOfRangeException>(() => model.ApplySgd(-0.3f)).Message;
        Assert.Contains("but it is -0.3.", rate, StringComparison.Ordinal);
        string norm = Assert.Throws<ArgumentOutOfRangeException>(() => model.ClipGradients(-0.7f)).Message;
        Assert.Contains("but it is -0.7.", norm, StringComparison.Ordinal);
        var layer = new StackLayer1Training();
        string layerRate = Assert.Throws<ArgumentOutOfRangeException>(() => layer.ApplySgd(-0.3f)).Message;
        Assert.Contains("but it is -0.3.", layerRate, StringComparison.Ordinal);
    }

    private static JsonObject StateDict() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "stack-I3-H10-L2-O2.state_dict.json")))!.AsObject();

    private static JsonObject GuitarMl() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ModelFixture.Folder, "stack-I3-H10-L2-O2-T9.json")))!.AsObject();
}

/// <summary>The second layer of the committed stack (I = H = 10), for the layer loader.</summary>
[LstmLayer(10, 10)]
public partial class StackLayer1;

/// <summary>A training layer, for the hyper-parameter messages of layers.</summary>
[LstmLayer(10, 10, MaxSteps = 4)]
public partial class StackLayer1Training;
