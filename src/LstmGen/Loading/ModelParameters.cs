using System.Numerics;

namespace LstmGen.Formats;

/// <summary>Turns the readers' doubles (already rounded to the element type) into the layer's element type.</summary>
internal static class ModelParameters
{
    public static T[] Convert<T>(double[] values)
        where T : IBinaryFloatingPointIeee754<T>
    {
        var converted = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            converted[i] = T.CreateTruncating(values[i]);
        }

        return converted;
    }
}
