extern alias runtime;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using runtime::LstmGen;

namespace LstmGen.Generator.Tests.Support;

/// <summary>Safetensors files for baking tests: well-formed ones through the runtime library's writer, odd ones by hand.</summary>
public static class WeightFiles
{
    /// <summary>One nn.LSTM layer of I × H with deterministic U(−1/√H, 1/√H) float32 weights, as the library writes it.</summary>
    public static byte[] Lstm(int inputWidth, int stateWidth, ulong seed, string prefix = "", int layer = 0)
    {
        var layout = new LstmParameterLayout(inputWidth, stateWidth, stateWidth);
        var weights = new LstmWeights<float>(new float[layout.ParameterCount], layout);
        weights.InitializeUniform(seed, 1 / Math.Sqrt(stateWidth));
        return weights.ToSafeTensors(prefix, layer);
    }

    /// <summary>A file of the given tensors, each with its dtype tag and raw bytes, after a header padded to 8 bytes.</summary>
    public static byte[] Tensors(params (string Name, string DType, int[] Shape, byte[] Data)[] tensors)
    {
        var header = new StringBuilder("{");
        long offset = 0;
        foreach ((string name, string dtype, int[] shape, byte[] data) in tensors)
        {
            header.Append(header.Length > 1 ? "," : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + data.Length}]}}");
            offset += data.Length;
        }

        return Raw(header.Append('}').ToString(), tensors.SelectMany(t => t.Data).ToArray());
    }

    /// <summary>A file from any header text and data bytes.</summary>
    public static byte[] Raw(string header, byte[] data)
    {
        byte[] text = Encoding.UTF8.GetBytes(header.PadRight((header.Length + 7) / 8 * 8));
        var file = new byte[8 + text.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)text.Length);
        text.CopyTo(file, 8);
        data.CopyTo(file, 8 + text.Length);
        return file;
    }

    /// <summary>Encodes values little-endian as F64, F32, F16 or BF16 (BF16 keeps the top half of the float, truncating).</summary>
    public static byte[] Encode(IReadOnlyList<double> values, string dtype)
    {
        int size = dtype switch { "F64" => 8, "F32" => 4, _ => 2 };
        var data = new byte[values.Count * size];
        for (int i = 0; i < values.Count; i++)
        {
            Span<byte> slot = data.AsSpan(i * size, size);
            switch (dtype)
            {
                case "F64": BinaryPrimitives.WriteDoubleLittleEndian(slot, values[i]); break;
                case "F32": BinaryPrimitives.WriteSingleLittleEndian(slot, (float)values[i]); break;
                case "F16": BinaryPrimitives.WriteHalfLittleEndian(slot, (Half)values[i]); break;
                default: BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)(BitConverter.SingleToUInt32Bits((float)values[i]) >> 16)); break;
            }
        }

        return data;
    }
}
