using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LstmGen.Generator.Baking;

/// <summary>
/// A small, strict JSON reader for weight-file headers. The generator runs inside the compiler on netstandard2.0, where
/// System.Text.Json would have to travel with the analyzer; headers are tiny, so a few dozen lines do the job.
/// </summary>
internal static class MiniJson
{
    /// <summary>Parses a complete JSON document. Objects become ordered key/value lists, arrays lists, numbers doubles.</summary>
    /// <exception cref="FormatException">The text is not valid JSON; the message says where.</exception>
    public static object? Parse(string text)
    {
        var reader = new Reader(text);
        reader.SkipWhitespace();
        object? value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private sealed class Reader
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _position;

        public Reader(string text) => _text = text;

        public bool AtEnd => _position >= _text.Length;

        public FormatException Error(string what) => new($"malformed JSON at offset {_position}: {what}");

        public void SkipWhitespace()
        {
            while (!AtEnd && _text[_position] is ' ' or '\t' or '\r' or '\n')
            {
                _position++;
            }
        }

        public object? ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("nesting is too deep");
            }

            if (AtEnd)
            {
                throw Error("unexpected end of text");
            }

            char first = _text[_position];
            switch (first)
            {
                case '{':
                    return ReadObject(depth);
                case '[':
                    return ReadArray(depth);
                case '"':
                    return ReadString();
                case 't':
                    Expect("true");
                    return true;
                case 'f':
                    Expect("false");
                    return false;
                case 'n':
                    Expect("null");
                    return null;
                default:
                    if (first == '-' || (first >= '0' && first <= '9'))
                    {
                        return ReadNumber();
                    }

                    throw Error($"unexpected character '{first}'");
            }
        }

        private List<KeyValuePair<string, object?>> ReadObject(int depth)
        {
            var members = new List<KeyValuePair<string, object?>>();
            _position++;
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return members;
            }

            while (true)
            {
                SkipWhitespace();
                if (AtEnd || _text[_position] != '"')
                {
                    throw Error("expected a property name");
                }

                string name = ReadString();
                SkipWhitespace();
                if (!TryConsume(':'))
                {
                    throw Error("expected ':'");
                }

                SkipWhitespace();
                members.Add(new KeyValuePair<string, object?>(name, ReadValue(depth + 1)));
                SkipWhitespace();
                if (TryConsume('}'))
                {
                    return members;
                }

                if (!TryConsume(','))
                {
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private List<object?> ReadArray(int depth)
        {
            var items = new List<object?>();
            _position++;
            SkipWhitespace();
            if (TryConsume(']'))
            {
                return items;
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                if (TryConsume(']'))
                {
                    return items;
                }

                if (!TryConsume(','))
                {
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            _position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                char c = _text[_position++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c < ' ')
                {
                    throw Error("control character in string");
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (AtEnd)
                {
                    throw Error("unterminated escape");
                }

                char escape = _text[_position++];
                switch (escape)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Error("bad \\u escape");
                        }

                        value.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Error($"unknown escape '\\{escape}'");
                }
            }
        }

        private double ReadNumber()
        {
            int start = _position;
            while (!AtEnd && (char.IsDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E'))
            {
                _position++;
            }

            string token = _text.Substring(start, _position - start);
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                throw Error($"bad number '{token}'");
            }

            return number;
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            {
                throw Error($"expected '{word}'");
            }

            _position += word.Length;
        }

        private bool TryConsume(char c)
        {
            if (!AtEnd && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }
    }
}
