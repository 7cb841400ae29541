using System.Globalization;

namespace LstmGen.Generator.Emit;

/// <summary>Culture-invariant, round-trip-exact C# literals.</summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Float(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            return float.IsNaN(value) ? "float.NaN" : value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        }

        return text + "f";
    }

    public static string Double(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return double.IsNaN(value) ? "double.NaN" : value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G17", CultureInfo.InvariantCulture);
        }

        return text + "d";
    }
}
