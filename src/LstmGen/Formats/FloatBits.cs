using System.Runtime.InteropServices;

namespace LstmGen.Formats;

/// <summary>Bit-level conversions the readers need on every runtime (netstandard2.0 has neither <c>System.Half</c> nor <c>Int32BitsToSingle</c>).</summary>
internal static class FloatBits
{
    /// <summary>Reinterprets 32 bits as a float and widens it to double (exact).</summary>
    public static double ToSingle(uint bits) => new Union { Bits = bits }.Value;

    /// <summary>Returns the bits of a float.</summary>
    public static uint ToBits(float value) => new Union { Value = value }.Bits;

    /// <summary>IEEE 754 binary16 to double, exactly: signed zeros, subnormals, infinities and NaN included.</summary>
    public static double HalfToDouble(ushort bits)
    {
        // The sign is applied last, to a double: an integer product would turn −0 into +0.
        double sign = (bits >> 15) != 0 ? -1.0 : 1.0;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        return exponent switch
        {
            0 => sign * (mantissa * System.Math.Pow(2, -24)),
            31 => mantissa == 0 ? sign * double.PositiveInfinity : double.NaN,
            _ => sign * (1 + (mantissa / 1024.0)) * System.Math.Pow(2, exponent - 15),
        };
    }

    [StructLayout(LayoutKind.Explicit)]
    private struct Union
    {
        [FieldOffset(0)]
        public uint Bits;

        [FieldOffset(0)]
        public float Value;
    }
}
