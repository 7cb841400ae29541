using System.Collections.Generic;

namespace LstmGen.Formats;

/// <summary>Reads a tensor written as nested JSON arrays of numbers (as Python's <c>tolist()</c> writes one).</summary>
internal static class JsonTensor
{
    /// <summary>Reads a rectangular nested array of numbers; its shape is read from the nesting.</summary>
    /// <param name="value">The JSON value.</param>
    /// <param name="name">The tensor's name for messages.</param>
    /// <exception cref="System.IO.InvalidDataException">The value is not a rectangular array of numbers.</exception>
    public static SourceTensor Read(JsonNode value, string name)
    {
        var shape = new List<long>();
        for (JsonNode node = value; node is JsonArray array; node = array.Items[0])
        {
            shape.Add(array.Items.Count);
            if (array.Items.Count == 0)
            {
                break;
            }
        }

        if (shape.Count == 0)
        {
            FormatError.Throw($"The tensor '{name}' is {value.Describe()}, not an array of numbers.");
        }

        long count = 1;
        foreach (long extent in shape)
        {
            count *= extent;
        }

        var values = new List<double>((int)System.Math.Min(count, 1 << 24));
        Collect(value, shape, 0, values, name);
        return new SourceTensor(name, shape.ToArray(), values.ToArray());
    }

    private static void Collect(JsonNode node, List<long> shape, int depth, List<double> values, string name)
    {
        if (depth == shape.Count)
        {
            if (node is not JsonNumber number)
            {
                FormatError.Throw($"The tensor '{name}' holds {node.Describe()} at {node.Path}, where a number belongs.");
                return;
            }

            if (double.IsInfinity(number.Value))
            {
                var index = new SourceTensor(name, shape.ToArray(), new double[0]).IndexText(values.Count);
                FormatError.Throw($"The tensor '{name}' holds {number.Text} at {index}, which is beyond the range of double; LstmGen accepts only finite weights.");
            }

            values.Add(number.Value);
            return;
        }

        if (node is not JsonArray array || array.Items.Count != shape[depth])
        {
            FormatError.Throw($"The tensor '{name}' is not a rectangular array: {node.Path} is {node.Describe()} where an array of {shape[depth]} belongs.");
            return;
        }

        foreach (JsonNode item in array.Items)
        {
            Collect(item, shape, depth + 1, values, name);
        }
    }
}
