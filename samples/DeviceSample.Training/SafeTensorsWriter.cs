using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DeviceSample.Training;

/// <summary>One float32 tensor to write: its name, its shape and its values in row-major order.</summary>
/// <param name="Name">The tensor's name, for example <c>weight_ih_l0</c>.</param>
/// <param name="Shape">The dimensions; their product is the number of values.</param>
/// <param name="Values">The values, row-major.</param>
public sealed record SafeTensor(string Name, int[] Shape, float[] Values);

/// <summary>
/// Writes the safetensors format: an 8-byte little-endian header length, a JSON header that maps each tensor name to its
/// dtype, shape and byte range, then the raw little-endian data. The header is padded with spaces to a multiple of 8
/// bytes, as the reference implementation does, so the data that follows stays aligned.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>
    /// Returns a file holding one LSTM layer under PyTorch's <c>nn.LSTM</c> state_dict names: <c>weight_ih_l0</c> (4H×I),
    /// <c>weight_hh_l0</c> (4H×H), <c>bias_ih_l0</c> (4H) and <c>bias_hh_l0</c> (4H), gate rows in the order i, f, g, o.
    /// </summary>
    /// <param name="inputWidth">I.</param>
    /// <param name="stateWidth">H.</param>
    /// <param name="canonical">The parameters in LstmGen's canonical order (Wx, Wh, then the two biases summed), as
    /// <c>ExportParameters</c> writes them; the summed bias becomes <c>bias_ih_l0</c> and <c>bias_hh_l0</c> is zero.</param>
    /// <param name="metadata">String pairs for the header's <c>__metadata__</c> entry.</param>
    public static byte[] WriteLstm(int inputWidth, int stateWidth, ReadOnlySpan<float> canonical, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        int rows = 4 * stateWidth;
        int expected = rows * (inputWidth + stateWidth + 1);
        if (canonical.Length != expected)
        {
            throw new ArgumentException($"An {inputWidth}x{stateWidth} LSTM has {expected} parameters, not {canonical.Length}.", nameof(canonical));
        }

        int inputWeights = rows * inputWidth;
        int hiddenWeights = rows * stateWidth;
        var tensors = new[]
        {
            new SafeTensor("weight_ih_l0", new[] { rows, inputWidth }, canonical.Slice(0, inputWeights).ToArray()),
            new SafeTensor("weight_hh_l0", new[] { rows, stateWidth }, canonical.Slice(inputWeights, hiddenWeights).ToArray()),
            new SafeTensor("bias_ih_l0", new[] { rows }, canonical.Slice(inputWeights + hiddenWeights, rows).ToArray()),
            new SafeTensor("bias_hh_l0", new[] { rows }, new float[rows]),
        };
        return Write(tensors, metadata);
    }

    /// <summary>Returns a safetensors file holding <paramref name="tensors"/> as F32, in the given order.</summary>
    /// <param name="tensors">The tensors.</param>
    /// <param name="metadata">String pairs for the header's <c>__metadata__</c> entry; none omits it.</param>
    public static byte[] Write(IReadOnlyList<SafeTensor> tensors, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var header = new StringBuilder("{");
        if (metadata.Count > 0)
        {
            header.Append("\"__metadata__\":{");
            for (int i = 0; i < metadata.Count; i++)
            {
                header.Append(i == 0 ? string.Empty : ",").Append(Quote(metadata[i].Key)).Append(':').Append(Quote(metadata[i].Value));
            }

            header.Append('}');
        }

        long offset = 0;
        foreach (SafeTensor tensor in tensors)
        {
            long elements = 1;
            foreach (int dimension in tensor.Shape)
            {
                elements *= dimension;
            }

            if (elements != tensor.Values.Length)
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' has shape [{string.Join(",", tensor.Shape)}] but {tensor.Values.Length} values.", nameof(tensors));
            }

            long end = offset + (4 * elements);
            header.Append(header.Length > 1 ? "," : string.Empty)
                .Append(Quote(tensor.Name))
                .Append(CultureInfo.InvariantCulture, $":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", tensor.Shape)}],\"data_offsets\":[{offset},{end}]}}");
            offset = end;
        }

        header.Append('}');
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        int padded = (headerBytes.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        headerBytes.CopyTo(file, 8);
        file.AsSpan(8 + headerBytes.Length, padded - headerBytes.Length).Fill((byte)' ');
        int position = 8 + padded;
        foreach (SafeTensor tensor in tensors)
        {
            foreach (float value in tensor.Values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(position), value);
                position += 4;
            }
        }

        return file;
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                < ' ' => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
