using System;
using System.Text;

namespace LstmGen.Generator.Emit;

/// <summary>A minimal indenting writer for emitted C#: four spaces per level, '\n' line endings on every platform.</summary>
internal sealed class SourceWriter
{
    /// <summary>The longest line the writer aims for, indentation included, so generated code reads without scrolling.</summary>
    public const int MaxLineLength = 150;

    private const int IndentSize = 4;
    private readonly StringBuilder _text = new();

    public int Indentation { get; set; }

    /// <summary>Writes a line at the current indentation; a comment longer than <see cref="MaxLineLength"/> continues on the next lines.</summary>
    public SourceWriter Line(string line = "")
    {
        int indent = Indentation * IndentSize;
        string? marker = line.StartsWith("/// ", StringComparison.Ordinal) ? "/// " : line.StartsWith("// ", StringComparison.Ordinal) ? "// " : null;
        while (marker is not null && indent + line.Length > MaxLineLength && BreakAt(line, MaxLineLength - indent) is int cut and > 0)
        {
            _text.Append(' ', indent).Append(line, 0, cut).Append('\n');
            line = marker + line.Substring(cut + 1);
        }

        if (line.Length > 0)
        {
            _text.Append(' ', indent).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>
    /// Writes <c>head(item, item…)tail</c> on one line when it fits, else with one item per line: for long signatures and calls.
    /// </summary>
    public SourceWriter List(string head, System.Collections.Generic.IReadOnlyList<string> items, string tail)
    {
        string joined = head + "(" + string.Join(", ", items) + ")" + tail;
        if ((Indentation * IndentSize) + joined.Length <= MaxLineLength || items.Count < 2)
        {
            return Line(joined);
        }

        Line(head + "(");
        Indentation++;
        for (int i = 0; i < items.Count; i++)
        {
            Line(items[i] + (i == items.Count - 1 ? ")" + tail : ","));
        }

        Indentation--;
        return this;
    }

    /// <summary>The last space before <paramref name="limit"/> outside double quotes (an attribute value), or -1.</summary>
    private static int BreakAt(string line, int limit)
    {
        int found = -1;
        bool quoted = false;
        for (int i = 0; i < line.Length && i < limit; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ' ' && !quoted && i > 4)
            {
                found = i;
            }
        }

        return found;
    }

    /// <summary>Writes several lines, each at the current indentation.</summary>
    public SourceWriter Lines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope that writes <c>}</c> (plus an optional suffix) when disposed.</summary>
    public Block OpenBlock(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        Indentation++;
        return new Block(this, closing);
    }

    public override string ToString() => _text.ToString();

    /// <summary>Removes a blank line just written, so a block never ends with one.</summary>
    private void DropTrailingBlankLine()
    {
        int length = _text.Length;
        if (length >= 2 && _text[length - 1] == '\n' && _text[length - 2] == '\n')
        {
            _text.Length = length - 1;
        }
    }

    internal readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closing;

        public Block(SourceWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer.DropTrailingBlankLine();
            _writer.Indentation--;
            _writer.Line(_closing);
        }
    }
}
