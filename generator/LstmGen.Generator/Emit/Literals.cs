using System.Globalization;
using System.Text;
using LstmGen.Formats;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Culture-invariant C# literals that give back exactly the value written: the shortest decimal that round-trips, checked
/// with the runtime's own correctly rounded reader (<see cref="DecimalText"/>), so the result is the same whatever the
/// compiler's host does with "R" formatting.
/// </summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Float(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            return float.IsNaN(value) ? "float.NaN" : value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        for (int digits = 1; digits <= 9; digits++)
        {
            string text = value.ToString("G" + Int(digits), CultureInfo.InvariantCulture);
            if ((float)DecimalText.ToDouble(Encoding.ASCII.GetBytes(Normalize(text))) == value && !IsNegativeZeroLost(text, value))
            {
                return text + "f";
            }
        }

        return value.ToString("G9", CultureInfo.InvariantCulture) + "f";
    }

    public static string Double(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return double.IsNaN(value) ? "double.NaN" : value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        for (int digits = 1; digits <= 17; digits++)
        {
            string text = value.ToString("G" + Int(digits), CultureInfo.InvariantCulture);
            if (DecimalText.ToDouble(Encoding.ASCII.GetBytes(Normalize(text))) == value && !IsNegativeZeroLost(text, value))
            {
                return text + "d";
            }
        }

        return value.ToString("G17", CultureInfo.InvariantCulture) + "d";
    }

    /// <summary>Rewrites .NET's exponent form (<c>1E-05</c>) in JSON's grammar, which <see cref="DecimalText"/> reads.</summary>
    private static string Normalize(string text) => text.Replace("E+", "E");

    /// <summary>−0 compares equal to +0, so make sure its sign is written.</summary>
    private static bool IsNegativeZeroLost(string text, double value) => value == 0 && System.Math.Sign(1 / value) < 0 && !text.StartsWith("-", System.StringComparison.Ordinal);
}
