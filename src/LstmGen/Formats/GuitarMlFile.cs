using System.Collections.Generic;
using System.Linq;
using System.Globalization;

namespace LstmGen.Formats;

/// <summary>
/// Reads the JSON of the Automated-GuitarAmpModelling / GuitarML tools (the amp captures guitarists share):
/// <c>{"model_data": {"model": "SimpleRNN", "unit_type": "LSTM", "input_size", "hidden_size", "output_size", "num_layers",
/// "skip", "bias_fl"}, "state_dict": {"rec.weight_ih_l0": [[…]], …, "lin.weight": [[…]], "lin.bias": […]}}</c>, which is
/// <c>nn.LSTM(input_size, hidden_size, num_layers)</c> → <c>nn.Linear(hidden_size, output_size)</c>, plus
/// <c>x[..., 0:skip]</c> added to the output when skip is not 0. The LSTM always has biases; the linear layer has one
/// when bias_fl is true or absent.
/// </summary>
internal static class GuitarMlFile
{
    public static bool Recognizes(JsonObject root) => root.Contains("model_data") && root.Contains("state_dict");

    public static ModelFileContent Read(JsonObject root)
    {
        root.TryGet("model_data", out JsonNode dataNode);
        root.TryGet("state_dict", out JsonNode stateNode);
        if (dataNode is not JsonObject data)
        {
            FormatError.Throw($"The model file's model_data is {dataNode.Describe()}; it must be an object.");
            return null!;
        }

        if (stateNode is not JsonObject state)
        {
            FormatError.Throw($"The model file's state_dict is {stateNode.Describe()}; it must be an object of tensors.");
            return null!;
        }

        if (data.TryGet("unit_type", out JsonNode unitNode) && (unitNode is not JsonString unit || unit.Value != "LSTM"))
        {
            string found = unitNode is JsonString text ? $"\"{text.Value}\"" : unitNode.Describe();
            FormatError.Throw($"The model file's model_data has unit_type {found}; LstmGen models read \"LSTM\" only.");
        }

        if (data.TryGet("model", out JsonNode modelNode) && (modelNode is not JsonString model || model.Value != "SimpleRNN"))
        {
            string found = modelNode is JsonString text ? $"\"{text.Value}\"" : modelNode.Describe();
            FormatError.Throw($"The model file's model_data has model {found}; LstmGen reads \"SimpleRNN\" (a recurrent layer stack and a linear read-out).");
        }

        int inputSize = Count(data, "input_size", required: true);
        int hiddenSize = Count(data, "hidden_size", required: true);
        int outputSize = Count(data, "output_size", required: true);
        int layerCount = Count(data, "num_layers", required: false, fallback: 1);
        int skip = data.Contains("skip") ? Count(data, "skip", required: true, minimum: 0) : 0;
        bool linearBias = Flag(data, "bias_fl", fallback: true);

        List<StateDictLayers.Module> modules = StateDictLayers.Find(StateDictJson.Entries(state), naturalOrder: false);
        if (modules.Count != 2 || !modules[0].IsLstm || modules[0].Prefix != "rec." || modules[1].IsLstm || modules[1].Prefix != "lin.")
        {
            FormatError.Throw($"The model file's state_dict holds {StateDictJson.Describe(modules)}; a SimpleRNN model holds the LSTM 'rec' and then the nn.Linear 'lin'.");
        }

        List<LayerTensors> layers = modules[0].Layers;
        LayerTensors head = modules[1].Layers[0];
        Expect(layers.Count, layerCount, "num_layers", "LSTM layers in 'rec'");
        string sizes = string.Format(CultureInfo.InvariantCulture, "input_size = {0}, hidden_size = {1}, output_size = {2}", inputSize, hiddenSize, outputSize);
        for (int k = 0; k < layers.Count; k++)
        {
            int i = k == 0 ? inputSize : hiddenSize;
            ExpectShape(layers[k].Tensors.First(), new long[] { 4L * hiddenSize, i }, sizes);
            ExpectShape(layers[k].Tensors.Skip(1).First(), new long[] { 4L * hiddenSize, hiddenSize }, sizes);
        }

        ExpectShape(head.Tensors.First(), new long[] { outputSize, hiddenSize }, sizes);
        ExpectBiases(state, layers.Count, linearBias);
        if (skip != 0 && skip != 1 && skip != outputSize)
        {
            FormatError.Throw($"The model file's model_data has skip = {skip}: the residual x[..., 0:{skip}] cannot be added to {outputSize} output(s); LstmGen supports skip 0, 1 and output_size.");
        }

        if (skip > inputSize)
        {
            FormatError.Throw($"The model file's model_data has skip = {skip}, but the model has only {inputSize} input(s) to add to the output.");
        }

        var all = new List<LayerTensors>(layers) { head };
        return new ModelFileContent(ModelFileFormat.GuitarMl, inputSize, all, skip, storesActivations: true);
    }

    private static int Count(JsonObject data, string key, bool required, int fallback = 0, int minimum = 1)
    {
        if (!data.TryGet(key, out JsonNode node))
        {
            if (required)
            {
                FormatError.Throw($"The model file's model_data has no \"{key}\".");
            }

            return fallback;
        }

        if (node is not JsonNumber number || !number.TryGetInteger(minimum, int.MaxValue, out long value))
        {
            FormatError.Throw($"The model file's model_data has {key} = {node.Describe()}; it must be an integer of at least {minimum}.");
            return 0;
        }

        return (int)value;
    }

    /// <summary>
    /// SimpleRNN builds its <c>nn.LSTM</c> with biases and its <c>nn.Linear</c> with <c>bias=bias_fl</c> (true unless stated),
    /// and PyTorch saves every parameter a module has: a bias missing, or present against bias_fl, means a damaged file, not
    /// a zero bias.
    /// </summary>
    private static void ExpectBiases(JsonObject state, int layerCount, bool linearBias)
    {
        for (int k = 0; k < layerCount; k++)
        {
            foreach (string name in new[] { "rec.bias_ih_l", "rec.bias_hh_l" })
            {
                string key = name + k.ToString(CultureInfo.InvariantCulture);
                if (!state.Contains(key))
                {
                    FormatError.Throw($"The model file's state_dict lacks '{key}'; SimpleRNN's nn.LSTM always has biases.");
                }
            }
        }

        if (linearBias != state.Contains("lin.bias"))
        {
            FormatError.Throw(linearBias
                ? "The model file's state_dict lacks 'lin.bias', which model_data's bias_fl (true, or absent) says it has."
                : "The model file's state_dict holds 'lin.bias', but model_data has bias_fl = false.");
        }
    }

    private static bool Flag(JsonObject data, string key, bool fallback)
    {
        if (!data.TryGet(key, out JsonNode node))
        {
            return fallback;
        }

        if (node.Kind is not (JsonKind.True or JsonKind.False))
        {
            FormatError.Throw($"The model file's model_data has {key} = {node.Describe()}; it must be true or false.");
        }

        return node.Kind == JsonKind.True;
    }

    /// <summary>Checks a tensor against the shape model_data gives it, naming the tensor and both shapes.</summary>
    private static void ExpectShape(SourceTensor tensor, long[] expected, string sizes)
    {
        if (!tensor.Shape.SequenceEqual(expected))
        {
            FormatError.Throw($"The tensor '{tensor.Name}' has shape {FormatError.Shape(tensor.Shape)}, but the model file's model_data ({sizes}) needs {FormatError.Shape(expected)}.");
        }
    }

    private static void Expect(int found, int stated, string key, string what)
    {
        if (found != stated)
        {
            FormatError.Throw(string.Format(CultureInfo.InvariantCulture, "The model file's model_data has {0} = {1}, but its state_dict has {2} {3}.", key, stated, found, what));
        }
    }
}
