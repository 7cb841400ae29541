using System.Collections.Generic;
using System.Globalization;

namespace LstmGen.Formats;

/// <summary>
/// Reads RTNeural's JSON for a Keras model (<c>model_utils.save_model</c>): <c>{"in_shape": [null, null, I], "layers": [
/// {"type": "dense" | "time-distributed-dense" | "lstm" | "activation", "activation": "tanh" | "relu" | "sigmoid" | "" ,
/// "shape": [null, null, width], "weights": [...]}, …]}</c>. Dense weights are <c>[kernel (I×O), bias (O)]</c>, LSTM weights
/// <c>[kernel (I×4H), recurrent_kernel (H×4H), bias (4H)]</c> with Keras' gate order i, f, c, o.
/// </summary>
internal static class RtNeuralFile
{
    public static bool Recognizes(JsonObject root) => root.Contains("layers");

    public static ModelFileContent Read(JsonObject root)
    {
        List<LayerTensors> layers = ReadLayers(root, out int inputWidth);
        return new ModelFileContent(ModelFileFormat.RtNeuralJson, inputWidth, ModelFileContent.Fold(layers), residualWidth: null, storesActivations: true);
    }

    /// <summary>Reads every layer as listed (activation layers not folded), checking shapes against one another.</summary>
    public static List<LayerTensors> ReadLayers(JsonObject root, out int inputWidth)
    {
        root.TryGet("layers", out JsonNode layersNode);
        if (layersNode is not JsonArray entries)
        {
            FormatError.Throw($"The RTNeural model's 'layers' is {layersNode.Describe()}; it must be an array of layers.");
            inputWidth = 0;
            return null!;
        }

        if (entries.Items.Count == 0)
        {
            FormatError.Throw("The RTNeural model's 'layers' array is empty.");
        }

        int? stated = root.TryGet("in_shape", out JsonNode inShape) ? LastExtent(inShape, "the model's in_shape") : null;
        var layers = new List<LayerTensors>();
        int width = stated ?? 0;
        for (int k = 0; k < entries.Items.Count; k++)
        {
            string from = k == 0 ? "the model's in_shape gives" : $"layers[{k - 1}] writes";
            LayerTensors layer = ReadLayer(entries.Items[k], k, width, from);
            layers.Add(layer);
            width = layer.Layer.OutputWidth;
        }

        inputWidth = stated ?? layers[0].Layer.InputWidth;
        return layers;
    }

    private static LayerTensors ReadLayer(JsonNode node, int index, int inputWidth, string inputSource)
    {
        string where = $"layers[{index}]";
        if (node is not JsonObject entry)
        {
            FormatError.Throw($"The RTNeural model's {where} is {node.Describe()}; each layer must be an object.");
            return null!;
        }

        string type = Text(entry, "type", where) ?? string.Empty;
        string activationName = Text(entry, "activation", where) ?? string.Empty;
        int? shapeWidth = entry.TryGet("shape", out JsonNode shape) ? LastExtent(shape, $"{where}'s shape") : null;
        string source = $"{where} ({type})";
        switch (type)
        {
            case "dense":
            case "time-distributed-dense":
            {
                ActivationKind activation = Activation(activationName, source);
                IReadOnlyList<JsonNode> weights = Weights(entry, source, 1, 2, "[kernel] or [kernel, bias]");
                SourceTensor kernel = JsonTensor.Read(weights[0], $"{source} weights[0] (kernel)");
                if (kernel.Shape.Count != 2 || kernel.Shape[0] < 1 || kernel.Shape[1] < 1 || (inputWidth > 0 && kernel.Shape[0] != inputWidth))
                {
                    FormatError.Throw($"The tensor '{kernel.Name}' has shape {FormatError.Shape(kernel.Shape)}, but {inputSource} {Width(inputWidth)} inputs, so the dense layer needs [{Width(inputWidth)}, O].");
                }

                int i = (int)kernel.Shape[0];
                int o = (int)kernel.Shape[1];
                SourceTensor? bias = weights.Count == 2 ? Vector(weights[1], $"{source} weights[1] (bias)", o) : null;
                CheckWidth(shapeWidth, o, source);
                return LayerTensors.Dense(new ModelLayer(ModelLayerKind.Dense, i, o, activation), source, TensorLayout.Keras, kernel, bias);
            }

            case "lstm":
            {
                if (activationName is not ("tanh" or ""))
                {
                    FormatError.Throw($"The RTNeural model's {source} has activation \"{activationName}\"; LstmGen's LSTM uses tanh.");
                }

                IReadOnlyList<JsonNode> weights = Weights(entry, source, 2, 3, "[kernel, recurrent_kernel, bias] or the first two");
                SourceTensor recurrent = JsonTensor.Read(weights[1], $"{source} weights[1] (recurrent_kernel)");
                if (recurrent.Shape.Count != 2 || recurrent.Shape[0] < 1 || recurrent.Shape[1] != 4 * recurrent.Shape[0])
                {
                    FormatError.Throw($"The tensor '{recurrent.Name}' has shape {FormatError.Shape(recurrent.Shape)}; an LSTM's recurrent_kernel is H × 4H.");
                }

                int h = (int)recurrent.Shape[0];
                SourceTensor kernel = JsonTensor.Read(weights[0], $"{source} weights[0] (kernel)");
                if (kernel.Shape.Count != 2 || kernel.Shape[0] < 1 || kernel.Shape[1] != 4L * h || (inputWidth > 0 && kernel.Shape[0] != inputWidth))
                {
                    string why = inputWidth > 0 ? $", since {inputSource} {Width(inputWidth)} inputs" : string.Empty;
                    FormatError.Throw($"The tensor '{kernel.Name}' has shape {FormatError.Shape(kernel.Shape)} but the layer needs [{Width(inputWidth)}, {4 * h}] (I × 4H){why}.");
                }

                SourceTensor? bias = weights.Count == 3 ? Vector(weights[2], $"{source} weights[2] (bias)", 4 * h) : null;
                CheckWidth(shapeWidth, h, source);
                return LayerTensors.KerasLstm((int)kernel.Shape[0], h, source, kernel, recurrent, bias);
            }

            case "activation":
            {
                int width = inputWidth > 0 ? inputWidth : shapeWidth ?? 0;
                if (width < 1)
                {
                    FormatError.Throw($"The RTNeural model's {source} is the first layer and gives no width; state in_shape.");
                }

                CheckWidth(shapeWidth, width, source);
                return LayerTensors.Activation(new ModelLayer(ModelLayerKind.Activation, width, width, Activation(activationName, source)), source);
            }

            default:
                FormatError.Throw($"The RTNeural model's {where} is a \"{type}\" layer; LstmGen models chain dense, lstm and activation layers.");
                return null!;
        }
    }

    private static ActivationKind Activation(string name, string source) => name switch
    {
        "" or "linear" => ActivationKind.Identity,
        "tanh" => ActivationKind.Tanh,
        "relu" => ActivationKind.ReLU,
        "sigmoid" => ActivationKind.Sigmoid,
        _ => Unsupported(name, source),
    };

    private static ActivationKind Unsupported(string name, string source)
    {
        FormatError.Throw($"The RTNeural model's {source} has activation \"{name}\"; LstmGen has identity, tanh, relu and sigmoid.");
        return default;
    }

    private static string? Text(JsonObject entry, string key, string where)
    {
        if (!entry.TryGet(key, out JsonNode node))
        {
            if (key == "type")
            {
                FormatError.Throw($"The RTNeural model's {where} has no \"type\".");
            }

            return null;
        }

        if (node is not JsonString text)
        {
            FormatError.Throw($"The RTNeural model's {where} has a \"{key}\" that is {node.Describe()}, not a string.");
            return null;
        }

        return text.Value;
    }

    private static IReadOnlyList<JsonNode> Weights(JsonObject entry, string source, int min, int max, string expected)
    {
        if (!entry.TryGet("weights", out JsonNode node) || node is not JsonArray weights || weights.Items.Count < min || weights.Items.Count > max)
        {
            string found = node is JsonArray array ? (array.Items.Count == 1 ? "1 entry" : $"{array.Items.Count} entries") : node?.Describe() ?? "none";
            FormatError.Throw($"The RTNeural model's {source} needs 'weights' {expected}, but it has {found}.");
            return null!;
        }

        return weights.Items;
    }

    private static SourceTensor Vector(JsonNode node, string name, long length)
    {
        SourceTensor tensor = JsonTensor.Read(node, name);
        if (!tensor.HasShape(length))
        {
            FormatError.Throw($"The tensor '{name}' has shape {FormatError.Shape(tensor.Shape)} but its layer needs [{length}].");
        }

        return tensor;
    }

    /// <summary>The last entry of a shape such as <c>[null, null, 8]</c> when it is a number, else null.</summary>
    private static int? LastExtent(JsonNode shape, string what)
    {
        if (shape is not JsonArray array || array.Items.Count == 0)
        {
            return null;
        }

        JsonNode last = array.Items[array.Items.Count - 1];
        if (last.Kind == JsonKind.Null)
        {
            return null;
        }

        if (last is not JsonNumber number || !number.TryGetInteger(1, int.MaxValue, out long width))
        {
            FormatError.Throw($"The RTNeural model's {what} ends in {last.Describe()}; it must be a positive integer or null.");
            return null;
        }

        return (int)width;
    }

    private static void CheckWidth(int? stated, int found, string source)
    {
        if (stated is int width && width != found)
        {
            FormatError.Throw(string.Format(CultureInfo.InvariantCulture, "The RTNeural model's {0} has shape ending in {1}, but its weights give {2}.", source, width, found));
        }
    }

    private static string Width(int width) => width > 0 ? width.ToString(CultureInfo.InvariantCulture) : "I";
}
