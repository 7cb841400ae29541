using System;
using System.Collections.Generic;
using System.Text;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Baking;

/// <summary>
/// Reads a safetensors file as PyTorch and Hugging Face write it: an 8-byte little-endian header length, a JSON header that
/// maps tensor names to dtype, shape and byte range, then the raw little-endian data.
/// </summary>
internal static class SafeTensorsHeaderReader
{
    /// <summary>Splits a file into its tensors. Data stays raw; <see cref="Decode"/> converts a tensor when it is needed.</summary>
    /// <exception cref="FormatException">The file is truncated or its header is malformed; the message says how.</exception>
    public static List<RawTensor> Read(byte[] file)
    {
        if (file.Length < 8)
        {
            throw new FormatException($"the file has {file.Length} bytes, fewer than the 8-byte header length");
        }

        ulong headerLength = ReadLittleEndian(file.AsSpan(0, 8));
        if (headerLength > (ulong)(file.Length - 8))
        {
            throw new FormatException($"the header claims {headerLength} bytes but only {file.Length - 8} follow: the file is truncated or not safetensors");
        }

        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        if (MiniJson.Parse(header) is not List<KeyValuePair<string, object?>> entries)
        {
            throw new FormatException("the header is not a JSON object");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = file.Length - dataStart;
        var tensors = new List<RawTensor>();
        foreach (KeyValuePair<string, object?> entry in entries)
        {
            if (entry.Key == "__metadata__")
            {
                continue;
            }

            if (entry.Value is not List<KeyValuePair<string, object?>> fields)
            {
                throw new FormatException($"the header entry '{entry.Key}' is not an object");
            }

            string dtype = Field(fields, "dtype") as string ?? throw new FormatException($"tensor '{entry.Key}' has no dtype");
            List<object?> shapeItems = Field(fields, "shape") as List<object?> ?? throw new FormatException($"tensor '{entry.Key}' has no shape");
            List<object?> offsets = Field(fields, "data_offsets") as List<object?> ?? throw new FormatException($"tensor '{entry.Key}' has no data_offsets");
            var shape = new int[shapeItems.Count];
            long elements = 1;
            for (int i = 0; i < shape.Length; i++)
            {
                shape[i] = WholeNumber(shapeItems[i], entry.Key, "shape");
                elements *= shape[i];
            }

            if (offsets.Count != 2)
            {
                throw new FormatException($"tensor '{entry.Key}' needs two data_offsets");
            }

            long begin = WholeNumber(offsets[0], entry.Key, "data_offsets");
            long end = WholeNumber(offsets[1], entry.Key, "data_offsets");
            if (begin > end || end > dataLength)
            {
                throw new FormatException($"tensor '{entry.Key}' spans bytes {begin}–{end} but the data section has {dataLength}: the file is truncated");
            }

            int elementSize = SizeOf(dtype);
            if (elementSize > 0 && (end - begin) != elements * elementSize)
            {
                throw new FormatException($"tensor '{entry.Key}' has {end - begin} bytes but its shape and {dtype} need {elements * elementSize}");
            }

            var data = new byte[end - begin];
            Array.Copy(file, dataStart + begin, data, 0, data.Length);
            tensors.Add(new RawTensor(entry.Key, dtype, new EquatableArray<int>(shape), new EquatableArray<byte>(data)));
        }

        return tensors;
    }

    /// <summary>Bytes per element of the dtypes the generator converts, or 0 for others.</summary>
    public static int SizeOf(string dtype) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        "F16" or "BF16" => 2,
        _ => 0,
    };

    /// <summary>Converts a tensor's data to doubles (exact for every supported dtype, signed zeros and subnormals included).</summary>
    /// <exception cref="FormatException">The dtype is not F64, F32, F16 or BF16.</exception>
    public static double[] Decode(RawTensor tensor)
    {
        ReadOnlySpan<byte> data = tensor.Data.AsSpan();
        int size = SizeOf(tensor.DType);
        if (size == 0)
        {
            throw new FormatException($"tensor '{tensor.Name}' has dtype {tensor.DType}; only F32, F64, F16 and BF16 are supported");
        }

        var values = new double[data.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> bytes = data.Slice(i * size, size);
            values[i] = tensor.DType switch
            {
                "F64" => BitConverter.Int64BitsToDouble((long)ReadLittleEndian(bytes)),
                "F32" => SingleFromBits((uint)ReadLittleEndian(bytes)),
                "F16" => HalfToDouble((ushort)ReadLittleEndian(bytes)),
                _ => SingleFromBits((uint)ReadLittleEndian(bytes) << 16),
            };
        }

        return values;
    }

    /// <summary>IEEE 754 binary16 to double; netstandard2.0 has no System.Half.</summary>
    public static double HalfToDouble(ushort bits)
    {
        // The sign is applied last, to a double: an int product would turn −0 into +0.
        double sign = (bits >> 15) != 0 ? -1.0 : 1.0;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        return exponent switch
        {
            0 => sign * (mantissa * Math.Pow(2, -24)),
            31 => mantissa == 0 ? sign * double.PositiveInfinity : double.NaN,
            _ => sign * (1 + (mantissa / 1024.0)) * Math.Pow(2, exponent - 15),
        };
    }

    /// <summary>Reads up to 8 bytes as a little-endian unsigned integer, whatever the host's byte order.</summary>
    private static ulong ReadLittleEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    private static double SingleFromBits(uint bits) => new SingleBits { Bits = bits }.Value;

    /// <summary>Reinterprets 32 bits as a float without allocating (netstandard2.0 lacks BitConverter.Int32BitsToSingle).</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
    private struct SingleBits
    {
        [System.Runtime.InteropServices.FieldOffset(0)]
        public uint Bits;

        [System.Runtime.InteropServices.FieldOffset(0)]
        public float Value;
    }

    private static object? Field(List<KeyValuePair<string, object?>> fields, string name)
    {
        foreach (KeyValuePair<string, object?> field in fields)
        {
            if (field.Key == name)
            {
                return field.Value;
            }
        }

        return null;
    }

    private static int WholeNumber(object? value, string tensor, string field)
    {
        if (value is double number && number >= 0 && number <= int.MaxValue && Math.Floor(number) == number)
        {
            return (int)number;
        }

        throw new FormatException($"tensor '{tensor}' has a {field} entry that is not a whole number");
    }
}
