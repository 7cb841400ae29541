using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LstmGen.Tests.Support;

/// <summary>
/// An independent, strict decoding of the test stack nn.LSTM(3, 10, num_layers=2) → nn.Linear(10, 2) from any of its file
/// formats, written with System.Text.Json (duplicate keys refused) and BinaryPrimitives, sharing no code with LstmGen's
/// readers. It returns the canonical parameters a model would hold: per LSTM layer Wx, Wh and the two biases summed in
/// float (a zero addend leaving the other as it is, the rule LstmGen documents), then the read-out's W and b. It throws on
/// anything it cannot decode.
/// </summary>
public static class IndependentStackDecoder
{
    private const int H = 10;
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public static float[] Decode(byte[] file)
    {
        Dictionary<string, (long[] Shape, double[] Values)> tensors = file.Length > 8 && file[8] == (byte)'{' && file[0] != (byte)'{'
            ? SafeTensors(file)
            : Json(file);
        var canonical = new List<float>();
        for (int k = 0; k < 2; k++)
        {
            int i = k == 0 ? 3 : H;
            canonical.AddRange(Tensor(tensors, [$"rec.weight_ih_l{k}", $"layers.{k}.weight_ih_l0"], [4 * H, i]).Select(v => (float)v));
            canonical.AddRange(Tensor(tensors, [$"rec.weight_hh_l{k}", $"layers.{k}.weight_hh_l0"], [4 * H, H]).Select(v => (float)v));
            double[] biasIh = Tensor(tensors, [$"rec.bias_ih_l{k}", $"layers.{k}.bias_ih_l0"], [4 * H]);
            if (tensors.ContainsKey($"rec.bias_hh_l{k}") || tensors.ContainsKey($"layers.{k}.bias_hh_l0"))
            {
                double[] biasHh = Tensor(tensors, [$"rec.bias_hh_l{k}", $"layers.{k}.bias_hh_l0"], [4 * H]);
                // PyTorch's two biases summed in float; LstmGen's documented rule keeps the other value, sign included, when
                // one addend is zero (exports write bias_hh as zeros, and −0 + 0 would be +0).
                canonical.AddRange(biasIh.Zip(biasHh, (a, b) => b == 0 ? (float)a : a == 0 ? (float)b : (float)a + (float)b));
            }
            else
            {
                // Keras holds one bias: taken as it is (a −0 stays −0, which adding a zero would turn into +0).
                canonical.AddRange(biasIh.Select(v => (float)v));
            }
        }

        canonical.AddRange(Tensor(tensors, ["lin.weight", "layers.2.weight"], [2, H]).Select(v => (float)v));
        canonical.AddRange(Tensor(tensors, ["lin.bias", "layers.2.bias"], [2]).Select(v => (float)v));
        if (canonical.Any(v => !float.IsFinite(v)))
        {
            throw new FormatException("a value is not finite as a float");
        }

        return canonical.ToArray();
    }

    private static double[] Tensor(Dictionary<string, (long[] Shape, double[] Values)> tensors, string[] names, long[] shape)
    {
        (long[] Shape, double[] Values) tensor = names.Where(tensors.ContainsKey).Select(name => tensors[name]).Single();
        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new FormatException($"{names[0]} has shape [{string.Join(", ", tensor.Shape)}]");
        }

        return tensor.Values;
    }

    private static Dictionary<string, (long[] Shape, double[] Values)> Json(byte[] file)
    {
        using JsonDocument document = JsonDocument.Parse(file, Strict);
        JsonElement root = document.RootElement;
        var tensors = new Dictionary<string, (long[], double[])>(StringComparer.Ordinal);
        if (root.TryGetProperty("layers", out JsonElement layers))
        {
            // RTNeural's Keras JSON: kernels are I × 4H and H × 4H, one bias; the dense kernel is I × O.
            JsonElement[] entries = layers.EnumerateArray().ToArray();
            for (int k = 0; k < 2; k++)
            {
                JsonElement[] weights = entries[k].GetProperty("weights").EnumerateArray().ToArray();
                tensors[$"rec.weight_ih_l{k}"] = Transposed(weights[0]);
                tensors[$"rec.weight_hh_l{k}"] = Transposed(weights[1]);
                tensors[$"rec.bias_ih_l{k}"] = Nested(weights[2]);
            }

            JsonElement[] dense = entries[2].GetProperty("weights").EnumerateArray().ToArray();
            tensors["lin.weight"] = Transposed(dense[0]);
            tensors["lin.bias"] = Nested(dense[1]);
            return tensors;
        }

        JsonElement state = root.TryGetProperty("state_dict", out JsonElement inner) ? inner : root;
        foreach (JsonProperty property in state.EnumerateObject())
        {
            tensors[property.Name] = Nested(property.Value);
        }

        return tensors;
    }

    private static (long[] Shape, double[] Values) Nested(JsonElement element)
    {
        var shape = new List<long>();
        for (JsonElement e = element; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
        {
            shape.Add(e.GetArrayLength());
            if (e.GetArrayLength() == 0)
            {
                break;
            }
        }

        var values = new List<double>();
        void Add(JsonElement e, int depth)
        {
            if (depth < shape.Count)
            {
                if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != shape[depth])
                {
                    throw new FormatException("ragged array");
                }

                foreach (JsonElement item in e.EnumerateArray())
                {
                    Add(item, depth + 1);
                }
            }
            else
            {
                values.Add(e.GetDouble());
            }
        }

        Add(element, 0);
        return (shape.ToArray(), values.ToArray());
    }

    private static (long[] Shape, double[] Values) Transposed(JsonElement element)
    {
        (long[] shape, double[] values) = Nested(element);
        if (shape.Length != 2)
        {
            throw new FormatException("not a matrix");
        }

        int rows = (int)shape[0];
        int columns = (int)shape[1];
        var transposed = new double[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                transposed[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return ([columns, rows], transposed);
    }

    private static Dictionary<string, (long[] Shape, double[] Values)> SafeTensors(byte[] file)
    {
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > (ulong)(file.Length - 8))
        {
            throw new FormatException("header past the end");
        }

        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength), Strict);
        int dataStart = 8 + (int)headerLength;
        var tensors = new Dictionary<string, (long[], double[])>(StringComparer.Ordinal);
        var spans = new List<(long Start, long End)>();
        foreach (JsonProperty property in header.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                continue;
            }

            string dtype = property.Value.GetProperty("dtype").GetString()!;
            long[] shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            long[] offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            int size = dtype switch { "F32" => 4, "F64" => 8, _ => throw new FormatException(dtype) };
            long count = shape.Aggregate(1L, (a, b) => a * b);
            if (offsets.Length != 2 || offsets[1] - offsets[0] != count * size || dataStart + offsets[1] > file.Length)
            {
                throw new FormatException("bad offsets");
            }

            spans.Add((offsets[0], offsets[1]));
            var values = new double[count];
            for (int v = 0; v < count; v++)
            {
                int at = dataStart + (int)offsets[0] + (v * size);
                values[v] = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(at));
            }

            tensors[property.Name] = (shape, values);
        }

        // The reference reader's rule: the tensors tile the data section exactly.
        long expected = 0;
        foreach ((long start, long end) in spans.OrderBy(s => s.Start))
        {
            if (start != expected)
            {
                throw new FormatException("gap or overlap");
            }

            expected = end;
        }

        if (dataStart + expected != file.Length)
        {
            throw new FormatException("trailing bytes");
        }

        return tensors;
    }
}
