using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace LstmGen.Loading;

/// <summary>Raises the exception every loader uses for a file whose content is wrong: truncated, malformed or not fitting the layer.</summary>
internal static class ModelFormatError
{
    [DoesNotReturn]
    public static void Throw(string message) => throw new InvalidDataException(message);

    [DoesNotReturn]
    public static void Throw(string message, System.Exception inner) => throw new InvalidDataException(message, inner);

    /// <summary>Formats a shape the way the messages show it: <c>[32, 1]</c>.</summary>
    public static string Shape(System.ReadOnlySpan<long> shape)
    {
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
