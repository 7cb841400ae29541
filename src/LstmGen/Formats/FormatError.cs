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
    public static void Throw(string message) => throw new InvalidDataException(Bound(message));

    /// <summary>The longest word a message keeps whole: longer ones are names, numbers or strings copied from a file.</summary>
    private const int MaxWord = 80;

    /// <summary>The longest message: a file's content, not its size, decides what a message says.</summary>
    private const int MaxMessage = 1000;

    /// <summary>
    /// Bounds a message that quotes a file: a word (text between spaces) over <see cref="MaxWord"/> characters keeps its
    /// start and end around an ellipsis, and the message its first and last part, so a million-digit number or a
    /// megabyte-long tensor name in a file does not become a megabyte-long message (or a build log line).
    /// </summary>
    public static string Bound(string message)
    {
        if (message.Length <= MaxWord)
        {
            return message;
        }

        var text = new System.Text.StringBuilder(System.Math.Min(message.Length, MaxMessage + 16));
        int start = 0;
        while (start <= message.Length)
        {
            int end = message.IndexOf(' ', start);
            if (end < 0)
            {
                end = message.Length;
            }

            int length = end - start;
            if (length > MaxWord)
            {
                text.Append(message, start, MaxWord / 2).Append('…').Append(message, end - (MaxWord / 2), MaxWord / 2);
            }
            else
            {
                text.Append(message, start, length);
            }

            if (end < message.Length)
            {
                text.Append(' ');
            }

            start = end + 1;
        }

        return text.Length <= MaxMessage
            ? text.ToString()
            : text.ToString(0, (MaxMessage * 2) / 3) + " … " + text.ToString(text.Length - (MaxMessage / 3), MaxMessage / 3);
    }

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
