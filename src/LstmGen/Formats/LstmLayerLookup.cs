using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LstmGen.Formats;

/// <summary>
/// Finds one LSTM layer's tensors in a file, for the single-layer loaders and for baking <c>[LstmLayer(Weights = …)]</c>:
/// in a safetensors file or a JSON state_dict (GuitarML's included) by PyTorch's names <c>{prefix}weight_ih_l{layer}</c> and
/// so on, in an RTNeural model by the index of its <c>lstm</c> entry in <c>layers</c>.
/// </summary>
internal static class LstmLayerLookup
{
    /// <summary>Finds the layer and checks its sizes.</summary>
    /// <param name="file">The whole file.</param>
    /// <param name="prefix">The module path before the PyTorch names, with its trailing dot; ignored for RTNeural models.</param>
    /// <param name="layer">The <c>k</c> of <c>weight_ih_lk</c>, or the index in an RTNeural model's <c>layers</c>.</param>
    /// <param name="inputWidth">The layer's I.</param>
    /// <param name="stateWidth">The layer's H.</param>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed, or the layer is missing or does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An RTNeural model has no <c>lstm</c> layer at <paramref name="layer"/>.</exception>
    public static LayerTensors Find(ReadOnlySpan<byte> file, string prefix, int layer, int inputWidth, int stateWidth)
    {
        if (ModelFileReader.IsSafeTensors(file))
        {
            SafeTensorsFile parsed = SafeTensorsFile.Parse(file);
            byte[] data = file.Slice(parsed.DataStart).ToArray();
            return PyTorch(prefix, layer, inputWidth, stateWidth, parsed.Describe, name => parsed.TryGet(name, out SafeTensorsEntry entry)
                ? (entry.Shape.ToArray(), () => SafeTensorsModel.Decode(entry, data))
                : null);
        }

        if (JsonParser.Parse(file, "The model file") is not JsonObject root)
        {
            FormatError.Throw("The model file is neither safetensors nor a JSON object.");
            return null!;
        }

        if (RtNeuralFile.Recognizes(root) && !GuitarMlFile.Recognizes(root))
        {
            return RtNeural(root, layer, inputWidth, stateWidth);
        }

        JsonObject state = StateDictJson.Tensors(root);

        return PyTorch(prefix, layer, inputWidth, stateWidth, () => string.Join(", ", state.Members.Take(32).Select(m => m.Key)), name =>
        {
            if (!state.TryGet(name, out JsonNode value))
            {
                return null;
            }

            SourceTensor tensor = JsonTensor.Read(value, name);
            return (tensor.Shape.ToArray(), () => tensor);
        });
    }

    private static LayerTensors PyTorch(
        string prefix,
        int layer,
        int inputWidth,
        int stateWidth,
        Func<string> describe,
        Func<string, (long[] Shape, Func<SourceTensor> Read)?> find)
    {
        string suffix = "_l" + layer.ToString(CultureInfo.InvariantCulture);
        foreach (string unsupported in new[] { "weight_hr", "weight_ih" + suffix + "_reverse" })
        {
            string name = prefix + (unsupported.StartsWith("weight_hr", StringComparison.Ordinal) ? unsupported + suffix : unsupported);
            if (find(name) is not null)
            {
                string what = unsupported.StartsWith("weight_hr", StringComparison.Ordinal) ? "uses projections (proj_size)" : "is bidirectional";
                FormatError.Throw($"The file has '{name}': the LSTM {what}, which LstmGen layers do not support.");
            }
        }

        long rows = 4L * stateWidth;
        SourceTensor Tensor(string tensor, long[] shape, string meaning, bool required)
        {
            string name = prefix + tensor + suffix;
            (long[] Shape, Func<SourceTensor> Read)? found = find(name);
            if (found is null)
            {
                if (required)
                {
                    FormatError.Throw($"The file has no tensor '{name}'. It has: {describe()}.");
                }

                return null!;
            }

            if (!found.Value.Shape.SequenceEqual(shape))
            {
                FormatError.Throw($"The tensor '{name}' has shape {FormatError.Shape(found.Value.Shape)} but the layer needs {FormatError.Shape(shape)} ({meaning}).");
            }

            return found.Value.Read();
        }

        SourceTensor weightIh = Tensor("weight_ih", new[] { rows, inputWidth }, "4H × I", required: true);
        SourceTensor weightHh = Tensor("weight_hh", new[] { rows, stateWidth }, "4H × H", required: true);
        SourceTensor? biasIh = Tensor("bias_ih", new[] { rows }, "4H", required: false);
        SourceTensor? biasHh = Tensor("bias_hh", new[] { rows }, "4H", required: false);
        if ((biasIh is null) != (biasHh is null))
        {
            FormatError.Throw(StateDictLayers.HalfBiasPair(prefix, (biasIh is null ? "bias_ih" : "bias_hh") + suffix, (biasIh is null ? "bias_hh" : "bias_ih") + suffix));
        }

        string source = $"{(prefix.Length == 0 ? "the nn.LSTM" : prefix.TrimEnd('.'))} (layer {layer})";
        return LayerTensors.PyTorchLstm(inputWidth, stateWidth, source, weightIh, weightHh, biasIh, biasHh);
    }

    private static LayerTensors RtNeural(JsonObject root, int index, int inputWidth, int stateWidth)
    {
        List<LayerTensors> layers = RtNeuralFile.ReadLayers(root, out int modelInput);
        if (index >= layers.Count || layers[index].Layer.Kind != ModelLayerKind.Lstm)
        {
            string found = index >= layers.Count ? $"the model has {layers.Count} layers" : $"layers[{index}] is {layers[index].Layer}";
            int[] lstms = Enumerable.Range(0, layers.Count).Where(k => layers[k].Layer.Kind == ModelLayerKind.Lstm).ToArray();
            string where = lstms.Length == 0 ? "the model has no lstm layer" : "its lstm layers are at " + string.Join(", ", lstms);
            throw new ArgumentOutOfRangeException("layerIndex", index, FormatError.Bound($"Expected the index of an lstm layer in the model's 'layers', but {found}; {where}."));
        }

        ModelLayer layer = layers[index].Layer;
        if (layer.InputWidth != inputWidth || layer.OutputWidth != stateWidth)
        {
            FormatError.Throw(string.Format(
                CultureInfo.InvariantCulture,
                "The RTNeural model's layers[{0}] is {1}, but the layer is LSTM({2}→{3}).",
                index,
                layer,
                inputWidth,
                stateWidth));
        }

        return layers[index];
    }
}
