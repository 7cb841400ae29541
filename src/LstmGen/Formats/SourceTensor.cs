using System.Collections.Generic;
using System.Globalization;

namespace LstmGen.Formats;

/// <summary>A tensor as a model file stores it: its name (or place) in the file, its shape and its values in row-major order.</summary>
internal sealed class SourceTensor
{
    public SourceTensor(string name, long[] shape, double[] values)
    {
        Name = name;
        Shape = shape;
        Values = values;
    }

    /// <summary>The tensor's name in a state_dict, or its place in the file: <c>layers[1] (lstm) weights[0] (kernel)</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<long> Shape { get; }

    public double[] Values { get; }

    /// <summary>Whether the shape is exactly the given extents.</summary>
    public bool HasShape(params long[] expected)
    {
        if (Shape.Count != expected.Length)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (Shape[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns element <paramref name="index"/> (row-major) rounded to the layer's element type, and throws when it is not
    /// finite there: one rule for every format and for baking, since one NaN weight makes every output NaN.
    /// </summary>
    public double Element(int index, bool single)
    {
        double value = Values[index];
        double rounded = single ? (float)value : value;
        if (double.IsNaN(rounded) || double.IsInfinity(rounded))
        {
            string written = double.IsNaN(value) ? "NaN"
                : double.IsInfinity(value) ? (value > 0 ? "+Infinity" : "-Infinity")
                : value.ToString("R", CultureInfo.InvariantCulture) + $", which is infinite as {(single ? "float" : "double")}";
            FormatError.Throw($"The tensor '{Name}' holds {written} at {IndexText(index)}; LstmGen accepts only finite weights.");
        }

        return rounded;
    }

    /// <summary>Writes a row-major index as coordinates: <c>[3, 0]</c>.</summary>
    public string IndexText(int index)
    {
        var coordinates = new long[Shape.Count];
        long rest = index;
        for (int axis = Shape.Count - 1; axis >= 0; axis--)
        {
            long extent = Shape[axis] == 0 ? 1 : Shape[axis];
            coordinates[axis] = rest % extent;
            rest /= extent;
        }

        return FormatError.Shape(coordinates);
    }
}
