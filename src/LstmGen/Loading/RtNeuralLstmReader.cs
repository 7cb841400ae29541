using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.Json;

namespace LstmGen.Loading;

/// <summary>
/// Reads one <c>lstm</c> layer of an RTNeural JSON model (as RTNeural's <c>model_utils.save_model</c> writes a Keras model)
/// into Keras-layout arrays, checking everything the file says about the layer's sizes first.
/// </summary>
internal static class RtNeuralLstmReader
{
    private const string LstmType = "lstm";

    /// <summary>Parses the model and returns the selected layer's kernel, recurrent kernel and bias (empty without a bias).</summary>
    /// <param name="utf8Json">The model file.</param>
    /// <param name="layerIndex">The index of the layer in the model's <c>layers</c> array (all layer types counted).</param>
    /// <param name="inputWidth">The layer's I.</param>
    /// <param name="stateWidth">The layer's H.</param>
    /// <exception cref="System.IO.InvalidDataException">The JSON is malformed, or the layer does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">There is no such layer, or it is not an <c>lstm</c> layer.</exception>
    public static (T[] Kernel, T[] RecurrentKernel, T[] Bias) Read<T>(ReadOnlySpan<byte> utf8Json, int layerIndex, int inputWidth, int stateWidth)
        where T : IBinaryFloatingPointIeee754<T>
    {
        RtNeuralModel model = Parse(utf8Json);
        List<RtNeuralLayer> layers = model.Layers!;
        if (layerIndex >= layers.Count || !string.Equals(layers[layerIndex].Type, LstmType, StringComparison.Ordinal))
        {
            string found = layerIndex >= layers.Count ? $"the model has {layers.Count} layers" : $"layers[{layerIndex}] is a '{layers[layerIndex].Type}' layer";
            int[] lstms = Enumerable.Range(0, layers.Count).Where(k => layers[k].Type == LstmType).ToArray();
            string where = lstms.Length == 0 ? "the model has no lstm layer" : "its lstm layers are at " + string.Join(", ", lstms);
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex, $"Expected the index of an lstm layer in the model's 'layers', but {found}; {where}.");
        }

        RtNeuralLayer layer = layers[layerIndex];
        string what = $"layers[{layerIndex}] (lstm)";
        CheckWidth(layer.Shape, stateWidth, $"{what} has shape {{0}}, so {{1}} units, but the layer has H = {{2}}.");
        JsonElement inputShape = layerIndex == 0 ? model.InShape : layers[layerIndex - 1].Shape;
        string source = layerIndex == 0 ? "the model's in_shape" : $"the shape of layers[{layerIndex - 1}]";
        CheckWidth(inputShape, inputWidth, $"{what} reads {source} {{0}}, so {{1}} inputs, but the layer has I = {{2}}.");

        JsonElement weights = layer.Weights;
        int count = weights.ValueKind == JsonValueKind.Array ? weights.GetArrayLength() : -1;
        if (count is not (2 or 3))
        {
            string found = count switch { < 0 => "none", 1 => "1 entry", _ => $"{count} entries" };
            ModelFormatError.Throw($"{what} needs a 'weights' array of kernel, recurrent_kernel and bias (or the first two without a bias), but it has {found}.");
        }

        long rows = 4L * stateWidth;
        T[] kernel = JsonTensor.Read<T>(weights[0], [inputWidth, rows], $"{what} weights[0] (kernel)", "I × 4H");
        T[] recurrent = JsonTensor.Read<T>(weights[1], [stateWidth, rows], $"{what} weights[1] (recurrent_kernel)", "H × 4H");
        T[] bias = count == 3 ? JsonTensor.Read<T>(weights[2], [rows], $"{what} weights[2] (bias)", "4H") : [];
        return (kernel, recurrent, bias);
    }

    private static RtNeuralModel Parse(ReadOnlySpan<byte> utf8Json)
    {
        RtNeuralModel? model = null;
        try
        {
            model = JsonSerializer.Deserialize(utf8Json, LoadingJsonContext.Default.RtNeuralModel);
        }
        catch (JsonException exception)
        {
            ModelFormatError.Throw($"The RTNeural model is not valid JSON of the expected form: {exception.Message}", exception);
        }

        if (model?.Layers is null)
        {
            ModelFormatError.Throw("The RTNeural model has no 'layers' array.");
        }

        return model;
    }

    /// <summary>Checks the last entry of a shape such as <c>[null, null, 8]</c> when the file gives one.</summary>
    private static void CheckWidth(JsonElement shape, int width, string messageFormat)
    {
        if (shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() == 0)
        {
            return;
        }

        JsonElement last = shape[shape.GetArrayLength() - 1];
        if (last.ValueKind == JsonValueKind.Number && (!last.TryGetInt64(out long found) || found != width))
        {
            ModelFormatError.Throw(string.Format(CultureInfo.InvariantCulture, messageFormat, Describe(shape), last.GetRawText(), width));
        }
    }

    /// <summary>Writes a shape on one line, whatever the file's indentation: <c>[null, null, 8]</c>.</summary>
    private static string Describe(JsonElement shape) =>
        "[" + string.Join(", ", shape.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Array ? "[…]" : e.GetRawText())) + "]";
}
