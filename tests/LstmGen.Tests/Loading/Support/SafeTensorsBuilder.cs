using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LstmGen.Tests.Loading.Support;

/// <summary>
/// Writes safetensors files for tests, independently of the library's own writer: the 8-byte little-endian header length,
/// a compact JSON header padded with spaces to a multiple of 8, then the tensors' little-endian data in the order added.
/// </summary>
public sealed class SafeTensorsBuilder
{
    private readonly List<(string Name, string DType, long[] Shape, byte[] Data)> _tensors = new();

    /// <summary>Adds a tensor of <paramref name="values"/> (row-major) encoded as <paramref name="dtype"/>.</summary>
    public SafeTensorsBuilder Add(string name, TensorDType dtype, long[] shape, IReadOnlyList<double> values)
    {
        int size = TensorDTypes.Size(dtype);
        var data = new byte[values.Count * size];
        for (int i = 0; i < values.Count; i++)
        {
            TensorDTypes.Write(data.AsSpan(i * size, size), values[i], dtype);
        }

        return AddRaw(name, TensorDTypes.Name(dtype), shape, data);
    }

    /// <summary>Adds a tensor with any dtype tag and bytes, for files the loaders must reject.</summary>
    public SafeTensorsBuilder AddRaw(string name, string dtype, long[] shape, byte[] data)
    {
        _tensors.Add((name, dtype, shape, data));
        return this;
    }

    /// <summary>Adds the four tensors of one nn.LSTM layer from a PyTorch case, optionally without biases.</summary>
    public SafeTensorsBuilder AddLstm(PyTorchCaseTensors tensors, string prefix, int layer, TensorDType dtype, bool biases = true)
    {
        long rows = 4L * tensors.StateWidth;
        Add($"{prefix}weight_ih_l{layer}", dtype, [rows, tensors.InputWidth], tensors.WeightIh);
        Add($"{prefix}weight_hh_l{layer}", dtype, [rows, tensors.StateWidth], tensors.WeightHh);
        if (biases)
        {
            Add($"{prefix}bias_ih_l{layer}", dtype, [rows], tensors.BiasIh);
            Add($"{prefix}bias_hh_l{layer}", dtype, [rows], tensors.BiasHh);
        }

        return this;
    }

    public byte[] Build()
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        foreach ((string name, string dtype, long[] shape, byte[] data) in _tensors)
        {
            string extents = string.Join(",", shape.Select(e => e.ToString(CultureInfo.InvariantCulture)));
            header.Append(CultureInfo.InvariantCulture, $",\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{extents}],\"data_offsets\":[{offset},{offset + data.Length}]}}");
            offset += data.Length;
        }

        header.Append('}');
        return WithHeader(header.ToString(), _tensors.SelectMany(t => t.Data).ToArray());
    }

    /// <summary>Assembles a file from any header text (padded to a multiple of 8) and data bytes.</summary>
    public static byte[] WithHeader(string headerJson, byte[] data)
    {
        byte[] text = Encoding.UTF8.GetBytes(headerJson);
        int padded = (text.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), (ulong)padded);
        text.CopyTo(file, 8);
        file.AsSpan(8 + text.Length, padded - text.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }
}
