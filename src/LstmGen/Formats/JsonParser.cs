using System;
using System.Collections.Generic;
using System.Text;

namespace LstmGen.Formats;

/// <summary>
/// A strict JSON reader (RFC 8259) for model files and safetensors headers, shared by the run-time loaders and the
/// generator's build-time reader (linked into it as source), so both accept exactly the same files and read the same values.
/// </summary>
/// <remarks>
/// Beyond the RFC's grammar it rejects what would make a file mean two things: a key twice in one object, invalid UTF-8 and
/// lone surrogates. Numbers keep their text (see <see cref="JsonNumber"/>) and are converted by <see cref="DecimalText"/>.
/// Nesting deeper than <see cref="MaxDepth"/> is rejected, as System.Text.Json does by default. A UTF-8 byte order mark at the
/// start is skipped. Errors are <see cref="System.IO.InvalidDataException"/>s that give the byte offset and the path.
/// </remarks>
internal ref struct JsonParser
{
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _text;
    private readonly string _document;
    private readonly List<string> _path;
    private int _position;

    private JsonParser(ReadOnlySpan<byte> text, string document)
    {
        _text = text;
        _document = document;
        _path = new List<string>();
        _position = 0;
    }

    /// <summary>Parses one complete JSON document.</summary>
    /// <param name="utf8">The document's bytes.</param>
    /// <param name="document">What the document is, for messages: "the model file", "the safetensors header".</param>
    /// <exception cref="System.IO.InvalidDataException">The bytes are not one valid JSON value.</exception>
    public static JsonNode Parse(ReadOnlySpan<byte> utf8, string document)
    {
        var parser = new JsonParser(utf8, document);
        if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
        {
            parser._position = 3;
        }

        parser.SkipWhitespace();
        JsonNode root = parser.ReadValue(0);
        parser.SkipWhitespace();
        if (parser._position < utf8.Length)
        {
            parser.Fail("more text follows the JSON value");
        }

        return root;
    }

    private JsonNode ReadValue(int depth)
    {
        if (_position >= _text.Length)
        {
            Fail("the text ends where a value belongs");
        }

        byte c = _text[_position];
        switch (c)
        {
            case (byte)'{':
                return ReadObject(depth + 1);
            case (byte)'[':
                return ReadArray(depth + 1);
            case (byte)'"':
                int start = _position;
                return new JsonString(start, ReadString());
            case (byte)'t':
                return ReadLiteral("true", JsonKind.True);
            case (byte)'f':
                return ReadLiteral("false", JsonKind.False);
            case (byte)'n':
                return ReadLiteral("null", JsonKind.Null);
            case (byte)'N':
            case (byte)'I':
                Fail("NaN and Infinity are not JSON (Python's json module writes them for non-finite floats); LstmGen accepts only finite weights");
                break;
            default:
                if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
                {
                    return ReadNumber();
                }

                break;
        }

        Fail($"unexpected {DescribeByte(c)} where a value belongs");
        return null!;
    }

    private JsonObject ReadObject(int depth)
    {
        CheckDepth(depth);
        int start = _position++;
        var members = new List<KeyValuePair<string, JsonNode>>();
        var byKey = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        SkipWhitespace();
        if (TryConsume((byte)'}'))
        {
            return new JsonObject(start, members, byKey);
        }

        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != (byte)'"')
            {
                Fail("expected a member name in double quotes");
            }

            int keyOffset = _position;
            string key = ReadString();
            if (byKey.ContainsKey(key))
            {
                _position = keyOffset;
                Fail($"the key \"{Shorten(key)}\" appears twice in one object; a file must mean one thing");
            }

            SkipWhitespace();
            if (!TryConsume((byte)':'))
            {
                Fail("expected ':' after a member name");
            }

            SkipWhitespace();
            _path.Add(_path.Count == 0 ? key : $"[\"{key}\"]");
            JsonNode value = ReadValue(depth);
            _path.RemoveAt(_path.Count - 1);
            members.Add(new KeyValuePair<string, JsonNode>(key, value));
            byKey.Add(key, value);
            SkipWhitespace();
            if (TryConsume((byte)'}'))
            {
                return new JsonObject(start, members, byKey);
            }

            if (!TryConsume((byte)','))
            {
                Fail("expected ',' or '}' after an object member");
            }
        }
    }

    private JsonArray ReadArray(int depth)
    {
        CheckDepth(depth);
        int start = _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (TryConsume((byte)']'))
        {
            return new JsonArray(start, items);
        }

        while (true)
        {
            SkipWhitespace();
            _path.Add($"[{items.Count}]");
            items.Add(ReadValue(depth));
            _path.RemoveAt(_path.Count - 1);
            SkipWhitespace();
            if (TryConsume((byte)']'))
            {
                return new JsonArray(start, items);
            }

            if (!TryConsume((byte)','))
            {
                Fail("expected ',' or ']' after an array item");
            }
        }
    }

    private JsonNumber ReadNumber()
    {
        int start = _position;
        TryConsume((byte)'-');
        if (TryConsume((byte)'0'))
        {
            if (_position < _text.Length && IsDigit(_text[_position]))
            {
                Fail("a number must not start with a leading zero");
            }
        }
        else if (!ConsumeDigits())
        {
            Fail("expected digits in a number");
        }

        bool isInteger = true;
        if (TryConsume((byte)'.'))
        {
            isInteger = false;
            if (!ConsumeDigits())
            {
                Fail("expected digits after a decimal point");
            }
        }

        if (_position < _text.Length && (_text[_position] == (byte)'e' || _text[_position] == (byte)'E'))
        {
            isInteger = false;
            _position++;
            if (!TryConsume((byte)'+'))
            {
                TryConsume((byte)'-');
            }

            if (!ConsumeDigits())
            {
                Fail("expected digits in a number's exponent");
            }
        }

        ReadOnlySpan<byte> token = _text.Slice(start, _position - start);
        return new JsonNumber(start, Encoding.ASCII.GetString(token.ToArray()), isInteger, DecimalText.ToDouble(token));
    }

    private bool ConsumeDigits()
    {
        int start = _position;
        while (_position < _text.Length && IsDigit(_text[_position]))
        {
            _position++;
        }

        return _position > start;
    }

    private string ReadString()
    {
        _position++; // the opening quote
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                Fail("the text ends inside a string");
            }

            byte c = _text[_position];
            if (c == (byte)'"')
            {
                _position++;
                return value.ToString();
            }

            if (c < 0x20)
            {
                Fail("a control character must be escaped inside a string");
            }

            if (c == (byte)'\\')
            {
                ReadEscape(value);
            }
            else if (c < 0x80)
            {
                value.Append((char)c);
                _position++;
            }
            else
            {
                ReadUtf8(value);
            }
        }
    }

    private void ReadEscape(StringBuilder value)
    {
        _position++;
        if (_position >= _text.Length)
        {
            Fail("the text ends inside an escape");
        }

        byte escape = _text[_position++];
        switch (escape)
        {
            case (byte)'"': value.Append('"'); return;
            case (byte)'\\': value.Append('\\'); return;
            case (byte)'/': value.Append('/'); return;
            case (byte)'b': value.Append('\b'); return;
            case (byte)'f': value.Append('\f'); return;
            case (byte)'n': value.Append('\n'); return;
            case (byte)'r': value.Append('\r'); return;
            case (byte)'t': value.Append('\t'); return;
            case (byte)'u':
                break;
            default:
                _position--;
                Fail($"unknown escape '\\{(char)escape}'");
                break;
        }

        char unit = ReadHexUnit();
        if (char.IsHighSurrogate(unit))
        {
            if (_position + 1 < _text.Length && _text[_position] == (byte)'\\' && _text[_position + 1] == (byte)'u')
            {
                _position += 2;
                char low = ReadHexUnit();
                if (char.IsLowSurrogate(low))
                {
                    value.Append(unit).Append(low);
                    return;
                }
            }

            Fail("a \\u escape holds a lone surrogate");
        }

        if (char.IsLowSurrogate(unit))
        {
            Fail("a \\u escape holds a lone surrogate");
        }

        value.Append(unit);
    }

    private char ReadHexUnit()
    {
        if (_position + 4 > _text.Length)
        {
            Fail("a \\u escape needs four hex digits");
        }

        int code = 0;
        for (int i = 0; i < 4; i++)
        {
            int digit = HexValue(_text[_position + i]);
            if (digit < 0)
            {
                Fail("a \\u escape needs four hex digits");
            }

            code = (code << 4) | digit;
        }

        _position += 4;
        return (char)code;
    }

    /// <summary>Decodes one multi-byte UTF-8 sequence, rejecting overlong forms, surrogates and truncation.</summary>
    private void ReadUtf8(StringBuilder value)
    {
        byte lead = _text[_position];
        int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? (lead <= 0xEF ? 3 : 0) : lead >= 0xC2 ? 2 : 0;
        if (length == 0 || _position + length > _text.Length)
        {
            Fail("the text is not valid UTF-8");
        }

        int code = lead & (0x7F >> length);
        for (int i = 1; i < length; i++)
        {
            byte next = _text[_position + i];
            if ((next & 0xC0) != 0x80)
            {
                Fail("the text is not valid UTF-8");
            }

            code = (code << 6) | (next & 0x3F);
        }

        bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
        if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            Fail("the text is not valid UTF-8");
        }

        value.Append(char.ConvertFromUtf32(code));
        _position += length;
    }

    private JsonLiteral ReadLiteral(string word, JsonKind kind)
    {
        int start = _position;
        for (int i = 0; i < word.Length; i++)
        {
            if (_position + i >= _text.Length || _text[_position + i] != (byte)word[i])
            {
                Fail($"unexpected {DescribeByte(_text[_position])} where a value belongs");
            }
        }

        _position += word.Length;
        return new JsonLiteral(start, kind);
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _position++;
        }
    }

    private bool TryConsume(byte expected)
    {
        if (_position < _text.Length && _text[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            Fail($"values are nested more than {MaxDepth} deep");
        }
    }

    private void Fail(string problem)
    {
        string where = _path.Count == 0 ? string.Empty : $" (in {string.Concat(_path)})";
        FormatError.Throw($"{_document} is not valid JSON at byte {_position}{where}: {problem}.");
    }

    private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';

    private static int HexValue(byte c) =>
        c >= (byte)'0' && c <= (byte)'9' ? c - '0'
        : c >= (byte)'a' && c <= (byte)'f' ? c - 'a' + 10
        : c >= (byte)'A' && c <= (byte)'F' ? c - 'A' + 10
        : -1;

    private static string DescribeByte(byte c) => c >= 0x21 && c < 0x7F ? $"'{(char)c}'" : $"byte 0x{c:X2}";

    private static string Shorten(string text) => text.Length > 64 ? text.Substring(0, 64) + "…" : text;
}
