using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Xunit.Sdk;

namespace LstmGen.Tests.Loading.Support;

/// <summary>Bit-for-bit comparisons, which tell −0 from +0 and one NaN from another, with the first difference in the message.</summary>
public static class Bits
{
    public static void AssertEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values but got {actual.Length}.");
        }

        int size = Marshal.SizeOf<T>();
        ReadOnlySpan<byte> left = MemoryMarshal.AsBytes(expected);
        ReadOnlySpan<byte> right = MemoryMarshal.AsBytes(actual);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!left.Slice(i * size, size).SequenceEqual(right.Slice(i * size, size)))
            {
                throw new XunitException($"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R} (not the same bits).");
            }
        }
    }

    /// <summary>Converts to <typeparamref name="T"/> the way the library does: round to nearest from double.</summary>
    public static T[] To<T>(System.Collections.Generic.IReadOnlyList<double> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = new T[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = T.CreateTruncating(values[i]);
        }

        return result;
    }

    public static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }
}
