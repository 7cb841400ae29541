using System.Runtime.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace LstmGen.Formats;

/// <summary>
/// Raises the exception every reader uses for a file whose content is wrong: truncated, malformed, or not what the layer or
/// model needs. The generator turns the same exceptions into build diagnostics, so a file fails alike at build and run time.
/// </summary>
internal static class FormatError
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string message) => throw new InvalidDataException(message);

    /// <summary>Formats a shape the way messages show it: <c>[32, 1]</c>.</summary>
    public static string Shape(System.Collections.Generic.IReadOnlyList<long> shape)
    {
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < shape.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
