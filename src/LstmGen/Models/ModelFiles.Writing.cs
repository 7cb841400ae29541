using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using LstmGen.Loading;

namespace LstmGen;

/// <summary>Writing models to files that PyTorch tools and amp players read (run time only: the generator reads, never writes).</summary>
public static partial class ModelFiles
{
    /// <summary>
    /// Writes a model's parameters as a PyTorch state_dict in safetensors, float models as F32 and double models as F64, so
    /// that the file holds every value exactly and loads back into the same model type bit for bit.
    /// </summary>
    /// <remarks>
    /// Layer k is the module <c>layers.k</c>, as in an <c>nn.Sequential</c> named <c>layers</c>: an LSTM as one-layer
    /// <c>nn.LSTM</c> tensors (<c>layers.0.weight_ih_l0</c> 4H×I, <c>weight_hh_l0</c> 4H×H, <c>bias_ih_l0</c> holding the
    /// bias and <c>bias_hh_l0</c> zeros), a dense layer as <c>nn.Linear</c> tensors (<c>layers.1.weight</c> O×I,
    /// <c>bias</c> O). Tensors are sorted by name, and <c>__metadata__</c> holds <c>format: pt</c> and
    /// <paramref name="metadata"/>. A state_dict records no activations or residual path: load it into a model type that
    /// declares them.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="metadata">Extra <c>__metadata__</c> entries, such as where the model came from; or null.</param>
    /// <returns>The whole file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null, or a metadata key or value is.</exception>
    /// <exception cref="ArgumentException">A metadata key appears twice or is <c>format</c>.</exception>
    public static byte[] ToSafeTensors<T>(ILstmModel<T> model, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensorsWriter.CheckMetadata(metadata);
        ModelStructure structure = model.Structure;
        var canonical = new T[structure.ParameterCount];
        model.ExportParameters(canonical);
        var tensors = new SortedDictionary<string, (long[] Shape, T[] Values)>(StringComparer.Ordinal);
        int offset = 0;
        for (int k = 0; k < structure.Layers.Count; k++)
        {
            ModelLayer layer = structure.Layers[k];
            string prefix = $"layers.{k}.";
            int i = layer.InputWidth;
            int o = layer.OutputWidth;
            if (layer.Kind == ModelLayerKind.Lstm)
            {
                tensors[prefix + "weight_ih_l0"] = ([4L * o, i], Take(canonical, ref offset, 4 * o * i));
                tensors[prefix + "weight_hh_l0"] = ([4L * o, o], Take(canonical, ref offset, 4 * o * o));
                tensors[prefix + "bias_ih_l0"] = ([4L * o], Take(canonical, ref offset, 4 * o));
                tensors[prefix + "bias_hh_l0"] = ([4L * o], new T[4 * o]);
            }
            else if (layer.Kind == ModelLayerKind.Dense)
            {
                tensors[prefix + "weight"] = ([o, i], Take(canonical, ref offset, o * i));
                tensors[prefix + "bias"] = ([o], Take(canonical, ref offset, o));
            }
        }

        return SafeTensorsWriter.Write<T>(
            tensors.Keys.ToArray(),
            tensors.Values.Select(tensor => tensor.Shape).ToArray(),
            tensors.Values.Select(tensor => tensor.Values).ToArray(),
            metadata);
    }

    /// <summary>
    /// Writes a model as the JSON that GuitarML's and Automated-GuitarAmpModelling's tools save and amp-capture players load:
    /// <c>{"model_data": {"model": "SimpleRNN", "input_size", "skip", "output_size", "unit_type": "LSTM", "num_layers",
    /// "hidden_size", "bias_fl": true}, "state_dict": {"rec.weight_ih_l0": [[…]], …, "lin.weight", "lin.bias"}}</c>.
    /// </summary>
    /// <remarks>
    /// The format holds one <c>nn.LSTM</c> of <c>num_layers</c> layers of one width, then one <c>nn.Linear</c> with no
    /// activation, and <c>skip</c> = 1 when x[0] is added to every output (<see cref="ModelStructure.ResidualWidth"/> 1).
    /// Matrices are nested arrays, row by row; values are written in the shortest form that reads back exactly. The LSTM
    /// bias goes to <c>rec.bias_ih_l{k}</c>, with zeros in <c>rec.bias_hh_l{k}</c>.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="model">The model.</param>
    /// <returns>The whole file, UTF-8.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model is not LSTM layers of one width followed by one linear read-out, with no residual path or x[0]'s.</exception>
    public static byte[] ToGuitarMlJson<T>(ILstmModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelStructure structure = model.Structure;
        IReadOnlyList<ModelLayer> layers = structure.Layers;
        int lstmCount = layers.Count - 1;
        ModelLayer readOut = layers[layers.Count - 1];
        bool fits = lstmCount >= 1
            && layers.Take(lstmCount).All(layer => layer.Kind == ModelLayerKind.Lstm && layer.OutputWidth == layers[0].OutputWidth)
            && readOut.Kind == ModelLayerKind.Dense && readOut.Activation == ActivationKind.Identity
            && structure.ResidualWidth <= 1;
        if (!fits)
        {
            throw new ArgumentException(
                $"The GuitarML format holds LSTM layers of one width, one linear read-out and at most x[0] as the residual path, but the model is {structure}; write it with ToSafeTensors instead.",
                nameof(model));
        }

        var canonical = new T[structure.ParameterCount];
        model.ExportParameters(canonical);
        int h = layers[0].OutputWidth;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("model_data");
            json.WriteString("model", "SimpleRNN");
            json.WriteNumber("input_size", structure.InputWidth);
            json.WriteNumber("skip", structure.ResidualWidth);
            json.WriteNumber("output_size", structure.OutputWidth);
            json.WriteString("unit_type", "LSTM");
            json.WriteNumber("num_layers", lstmCount);
            json.WriteNumber("hidden_size", h);
            json.WriteBoolean("bias_fl", true);
            json.WriteEndObject();
            json.WriteStartObject("state_dict");
            int offset = 0;
            for (int k = 0; k < lstmCount; k++)
            {
                int i = layers[k].InputWidth;
                WriteMatrix(json, $"rec.weight_ih_l{k}", Take(canonical, ref offset, 4 * h * i), i);
                WriteMatrix(json, $"rec.weight_hh_l{k}", Take(canonical, ref offset, 4 * h * h), h);
                WriteMatrix(json, $"rec.bias_ih_l{k}", Take(canonical, ref offset, 4 * h), 0);
                WriteMatrix(json, $"rec.bias_hh_l{k}", new T[4 * h], 0);
            }

            WriteMatrix(json, "lin.weight", Take(canonical, ref offset, readOut.OutputWidth * h), h);
            WriteMatrix(json, "lin.bias", Take(canonical, ref offset, readOut.OutputWidth), 0);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static T[] Take<T>(T[] values, ref int offset, int count)
    {
        T[] taken = values.AsSpan(offset, count).ToArray();
        offset += count;
        return taken;
    }

    /// <summary>Writes a vector (<paramref name="columns"/> 0) or a row-major matrix as nested arrays.</summary>
    private static void WriteMatrix<T>(Utf8JsonWriter json, string name, T[] values, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        json.WriteStartArray(name);
        int rows = columns == 0 ? 1 : values.Length / columns;
        for (int r = 0; r < rows; r++)
        {
            if (columns != 0)
            {
                json.WriteStartArray();
            }

            foreach (T value in columns == 0 ? values : values.AsSpan(r * columns, columns).ToArray())
            {
                if (typeof(T) == typeof(float))
                {
                    json.WriteNumberValue(float.CreateTruncating(value));
                }
                else
                {
                    json.WriteNumberValue(double.CreateTruncating(value));
                }
            }

            if (columns != 0)
            {
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
    }
}
