using System;
using System.Numerics;

namespace LstmGen.Formats;

/// <summary>
/// Converts decimal text to the nearest double (IEEE round-half-to-even), the same on every runtime. The build-time reader
/// runs inside the compiler, which may be hosted on .NET Framework, whose <c>double.Parse</c> is not correctly rounded for
/// every 17-digit input; baked weights must equal the weights a .NET 8+ program loads from the same file, bit for bit.
/// </summary>
internal static class DecimalText
{
    /// <summary>Significant digits kept; correct rounding of any double needs at most 768, and the rest only decide a sticky bit.</summary>
    private const int MaxDigits = 800;

    /// <summary>Exponents beyond this many decimal places give 0 or infinity, whatever the digits.</summary>
    private const int ExponentLimit = 100_000;

    private static readonly double[] ExactPowers =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>
    /// Returns the double nearest to a number in JSON's grammar (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>),
    /// which the caller has already matched; magnitudes beyond the double range give ±infinity, below it ±0.
    /// </summary>
    public static double ToDouble(ReadOnlySpan<byte> text)
    {
        int position = 0;
        bool negative = text[0] == (byte)'-';
        if (negative)
        {
            position++;
        }

        // The significant digits, without leading zeros, and the power of ten that scales them.
        var digits = new System.Text.StringBuilder();
        bool sticky = false;
        long exponent = 0;
        bool fraction = false;
        for (; position < text.Length; position++)
        {
            byte c = text[position];
            if (c == (byte)'.')
            {
                fraction = true;
                continue;
            }

            if (c is (byte)'e' or (byte)'E')
            {
                break;
            }

            if (digits.Length == 0 && c == (byte)'0')
            {
                if (fraction)
                {
                    exponent--;
                }

                continue;
            }

            if (digits.Length < MaxDigits)
            {
                digits.Append((char)c);
                if (fraction)
                {
                    exponent--;
                }
            }
            else
            {
                sticky |= c != (byte)'0';
                if (!fraction)
                {
                    exponent++;
                }
            }
        }

        if (position < text.Length)
        {
            position++;
            bool negativeExponent = text[position] == (byte)'-';
            if (text[position] is (byte)'-' or (byte)'+')
            {
                position++;
            }

            long written = 0;
            for (; position < text.Length; position++)
            {
                written = Math.Min((written * 10) + (text[position] - '0'), ExponentLimit * 10L);
            }

            exponent += negativeExponent ? -written : written;
        }

        double magnitude = digits.Length == 0 ? 0 : Magnitude(digits.ToString(), exponent, sticky);
        return negative ? -magnitude : magnitude;
    }

    private static double Magnitude(string digits, long exponent, bool sticky)
    {
        // The value is digits·10^exponent with digits in [10^(n−1), 10^n); far outside the double range it is 0 or ∞.
        long scale = digits.Length + exponent;
        if (scale > 310)
        {
            return double.PositiveInfinity;
        }

        if (scale < -330)
        {
            return 0;
        }

        // Clinger's fast path: both operands are exact doubles, so one correctly rounded operation gives the answer.
        if (!sticky && digits.Length <= 15 && exponent >= -22 && exponent <= 22)
        {
            double whole = 0;
            foreach (char c in digits)
            {
                whole = (whole * 10) + (c - '0');
            }

            return exponent >= 0 ? whole * ExactPowers[exponent] : whole / ExactPowers[-exponent];
        }

        BigInteger numerator = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (exponent >= 0)
        {
            return Round(numerator * BigInteger.Pow(10, (int)exponent), 0, sticky);
        }

        // digits / 10^−exponent, with the quotient scaled to at least 64 bits so that rounding sees every bit it needs.
        BigInteger denominator = BigInteger.Pow(10, (int)-exponent);
        int shift = Math.Max(0, 64 + BitLength(denominator) - BitLength(numerator));
        BigInteger quotient = BigInteger.DivRem(numerator << shift, denominator, out BigInteger remainder);
        return Round(quotient, -shift, sticky || !remainder.IsZero);
    }

    /// <summary>Rounds value·2^binaryExponent (plus a nonzero tail when <paramref name="sticky"/>) to the nearest double.</summary>
    private static double Round(BigInteger value, int binaryExponent, bool sticky)
    {
        const int MantissaBits = 53;
        const int MinExponent = -1074; // of the last mantissa bit of a subnormal
        const int MaxExponent = 971;   // of the last mantissa bit of the largest finite double
        int bits = BitLength(value);
        int exponent = Math.Max(binaryExponent + bits - MantissaBits, MinExponent);
        int drop = exponent - binaryExponent;
        BigInteger mantissa;
        if (drop > 0)
        {
            mantissa = value >> drop;
            BigInteger dropped = value - (mantissa << drop);
            BigInteger half = BigInteger.One << (drop - 1);
            int comparison = dropped.CompareTo(half);
            if (comparison > 0 || (comparison == 0 && (sticky || !mantissa.IsEven)))
            {
                mantissa += 1;
            }
        }
        else
        {
            mantissa = value << -drop;
        }

        if (BitLength(mantissa) > MantissaBits)
        {
            mantissa >>= 1;
            exponent++;
        }

        if (exponent > MaxExponent)
        {
            return double.PositiveInfinity;
        }

        long significand = (long)mantissa;
        long pattern = significand < (1L << 52)
            ? significand
            : ((long)(exponent + 1075) << 52) | (significand - (1L << 52));
        return BitConverter.Int64BitsToDouble(pattern);
    }

    /// <summary>The number of bits of a non-negative integer (netstandard2.0 has no <c>GetBitLength</c>).</summary>
    private static int BitLength(BigInteger value)
    {
        if (value.IsZero)
        {
            return 0;
        }

        byte[] bytes = value.ToByteArray();
        int top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0)
        {
            top--;
        }

        int bits = top * 8;
        for (int b = bytes[top]; b != 0; b >>= 1)
        {
            bits++;
        }

        return bits;
    }
}
