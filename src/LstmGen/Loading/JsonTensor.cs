using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text.Json;

namespace LstmGen.Loading;

/// <summary>Reads nested JSON arrays of numbers (a tensor as Python's <c>tolist()</c> writes it) into a flat row-major array.</summary>
internal static class JsonTensor
{
    /// <summary>Returns the extents of a nested array, following the first element at each level: <c>[[1, 2, 3]]</c> gives [1, 3].</summary>
    public static long[] ShapeOf(JsonElement element)
    {
        var shape = new List<long>();
        while (element.ValueKind == JsonValueKind.Array)
        {
            int length = element.GetArrayLength();
            shape.Add(length);
            if (length == 0)
            {
                break;
            }

            element = element[0];
        }

        return shape.ToArray();
    }

    /// <summary>
    /// Checks that <paramref name="element"/> is a rectangular array of numbers of exactly <paramref name="expected"/>
    /// shape, and returns its values in row-major order, rounded to <typeparamref name="T"/> from double.
    /// </summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="expected">The shape the layer needs.</param>
    /// <param name="what">What the value is, for messages: <c>layers[1] (lstm) weights[0] (kernel)</c>.</param>
    /// <param name="meaning">The shape in symbols, for example <c>I × 4H</c>.</param>
    /// <exception cref="System.IO.InvalidDataException">The value has another shape, is ragged, or holds something other than finite numbers.</exception>
    public static T[] Read<T>(JsonElement element, ReadOnlySpan<long> expected, string what, string meaning)
        where T : IBinaryFloatingPointIeee754<T>
    {
        long[] found = ShapeOf(element);
        if (!found.AsSpan().SequenceEqual(expected))
        {
            ModelFormatError.Throw($"{what} has shape {ModelFormatError.Shape(found)} but the layer needs {ModelFormatError.Shape(expected)} ({meaning}).");
        }

        long count = 1;
        foreach (long extent in expected)
        {
            count *= extent;
        }

        var values = new T[count];
        int next = 0;
        Collect(element, expected, 0, values, ref next, what);
        return values;
    }

    private static void Collect<T>(JsonElement element, ReadOnlySpan<long> shape, int depth, T[] values, ref int next, string what)
        where T : IBinaryFloatingPointIeee754<T>
    {
        if (depth == shape.Length)
        {
            double value = 0;
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out value) || !double.IsFinite(value))
            {
                ModelFormatError.Throw($"{what} holds {Describe(element)} where a finite number belongs.");
            }

            values[next++] = T.CreateTruncating(value);
            return;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != shape[depth])
        {
            ModelFormatError.Throw($"{what} is not a rectangular array: an entry at depth {depth} is {Describe(element)} where {shape[depth]} elements belong.");
        }

        foreach (JsonElement item in element.EnumerateArray())
        {
            Collect(item, shape, depth + 1, values, ref next, what);
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => $"an array of {element.GetArrayLength()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
