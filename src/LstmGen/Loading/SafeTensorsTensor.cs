using System;
using System.Buffers.Binary;
using System.Numerics;

namespace LstmGen.Loading;

/// <summary>
/// One tensor of a parsed safetensors file whose byte range has been checked against the data section, so reading any
/// element of its shape cannot fail.
/// </summary>
internal sealed class SafeTensorsTensor
{
    public SafeTensorsTensor(string name, string dtypeName, long[] shape, long begin, long end)
    {
        Name = name;
        DTypeName = dtypeName;
        DType = SafeTensorsDTypes.Parse(dtypeName);
        Shape = shape;
        Begin = begin;
        End = end;
    }

    public string Name { get; }

    /// <summary>The dtype as the header spells it (kept for messages about unsupported dtypes).</summary>
    public string DTypeName { get; }

    public SafeTensorsDType DType { get; }

    public long[] Shape { get; }

    /// <summary>The first byte, relative to the start of the data section.</summary>
    public long Begin { get; }

    /// <summary>One past the last byte, relative to the start of the data section.</summary>
    public long End { get; }

    public bool HasShape(ReadOnlySpan<long> expected) => Shape.AsSpan().SequenceEqual(expected);

    /// <summary>Reads element <paramref name="index"/> and rounds it to <typeparamref name="T"/> (exact when T is wider).</summary>
    /// <param name="data">The file's whole data section.</param>
    /// <param name="index">The row-major element index.</param>
    public T Read<T>(ReadOnlySpan<byte> data, int index)
        where T : IBinaryFloatingPointIeee754<T>
    {
        int size = SafeTensorsDTypes.Size(DType);
        ReadOnlySpan<byte> bytes = data.Slice((int)Begin + (index * size), size);
        return DType switch
        {
            SafeTensorsDType.F64 => T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes)),
            SafeTensorsDType.F32 => T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
            SafeTensorsDType.F16 => T.CreateTruncating(BinaryPrimitives.ReadHalfLittleEndian(bytes)),
            _ => T.CreateTruncating(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16)),
        };
    }
}
