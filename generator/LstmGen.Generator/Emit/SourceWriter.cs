using System;
using System.Text;

namespace LstmGen.Generator.Emit;

/// <summary>A minimal indenting writer for emitted C#: four spaces per level, '\n' line endings on every platform.</summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _text = new();

    public int Indentation { get; set; }

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', Indentation * IndentSize).Append(line);
        }

        _text.Append('\n');
        return this;
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
