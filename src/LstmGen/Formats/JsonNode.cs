using System.Collections.Generic;

namespace LstmGen.Formats;

/// <summary>The kind of a <see cref="JsonNode"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A value of a parsed JSON document (<see cref="JsonParser"/>). Every node knows where it starts in the file and its path
/// from the root, so a reader can say exactly which value is wrong.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(int offset) => Offset = offset;

    public abstract JsonKind Kind { get; }

    /// <summary>The byte offset of the value's first character in the document.</summary>
    public int Offset { get; }

    /// <summary>The container holding the value, or null for the document's root.</summary>
    public JsonNode? Parent { get; private set; }

    /// <summary>The value's place in the document, for messages: <c>state_dict["lin.weight"][0][3]</c>; empty for the root.</summary>
    public string Path
    {
        get
        {
            var segments = new List<string>();
            for (JsonNode node = this; node.Parent is not null; node = node.Parent)
            {
                segments.Add(node._key is null ? $"[{node._index}]" : node.Parent.Parent is null ? node._key : $"[\"{node._key}\"]");
            }

            segments.Reverse();
            return string.Concat(segments);
        }
    }

    private string? _key;
    private int _index;

    /// <summary>Describes the value's place and kind for messages: <c>state_dict["lin.weight"] (an array of 2)</c>.</summary>
    public string Where => Parent is null ? "the document" : Path;

    protected static void Adopt(JsonNode parent, JsonNode child, string? key, int index)
    {
        child.Parent = parent;
        child._key = key;
        child._index = index;
    }

    /// <summary>Describes the value's kind for messages: "a string", "the number 4.5", "an array of 3"…</summary>
    public abstract string Describe();
}

/// <summary>A JSON object: its members in file order. Keys are unique (the parser rejects duplicates).</summary>
internal sealed class JsonObject : JsonNode
{
    private readonly Dictionary<string, JsonNode> _byKey;

    /// <summary>Wraps members whose keys the parser has already checked to be unique.</summary>
    public JsonObject(int offset, List<KeyValuePair<string, JsonNode>> members, Dictionary<string, JsonNode> byKey)
        : base(offset)
    {
        Members = members;
        _byKey = byKey;
        foreach (KeyValuePair<string, JsonNode> member in members)
        {
            Adopt(this, member.Value, member.Key, -1);
        }
    }

    public override JsonKind Kind => JsonKind.Object;

    /// <summary>The members in the order the file lists them.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members { get; }

    public bool TryGet(string key, out JsonNode value)
    {
        if (_byKey.TryGetValue(key, out JsonNode? found))
        {
            value = found;
            return true;
        }

        value = null!;
        return false;
    }

    public bool Contains(string key) => _byKey.ContainsKey(key);

    public override string Describe() => Members.Count == 0 ? "an empty object" : "an object";
}

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(int offset, List<JsonNode> items)
        : base(offset)
    {
        Items = items;
        for (int i = 0; i < items.Count; i++)
        {
            Adopt(this, items[i], null, i);
        }
    }

    public override JsonKind Kind => JsonKind.Array;

    public IReadOnlyList<JsonNode> Items { get; }

    public override string Describe() => Items.Count == 1 ? "an array of 1" : $"an array of {Items.Count}";
}

/// <summary>A JSON string, unescaped.</summary>
internal sealed class JsonString : JsonNode
{
    public JsonString(int offset, string value)
        : base(offset) => Value = value;

    public override JsonKind Kind => JsonKind.String;

    public string Value { get; }

    public override string Describe() => "a string";
}

/// <summary>
/// A JSON number: its text as written, whether it is written as an integer (no fraction, no exponent), and its value as
/// the nearest double (<see cref="DecimalText"/>, correctly rounded on every runtime).
/// </summary>
internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(int offset, string text, bool isInteger, double value)
        : base(offset)
    {
        Text = text;
        IsInteger = isInteger;
        Value = value;
    }

    public override JsonKind Kind => JsonKind.Number;

    public string Text { get; }

    /// <summary>Whether the number is written as an integer: an optional minus and digits only, as a count or a size must be.</summary>
    public bool IsInteger { get; }

    public double Value { get; }

    /// <summary>Reads the number as a count or size: an integer written without fraction or exponent, in [min, max].</summary>
    public bool TryGetInteger(long min, long max, out long value)
    {
        value = 0;
        if (!IsInteger || Text.Length > 20)
        {
            return false;
        }

        bool negative = Text[0] == '-';
        ulong magnitude = 0;
        for (int i = negative ? 1 : 0; i < Text.Length; i++)
        {
            ulong next = (magnitude * 10) + (ulong)(Text[i] - '0');
            if (magnitude > ulong.MaxValue / 10 || next < magnitude)
            {
                return false;
            }

            magnitude = next;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
        }
        else
        {
            if (magnitude > long.MaxValue)
            {
                return false;
            }

            value = (long)magnitude;
        }

        return value >= min && value <= max;
    }

    public override string Describe() => $"the number {(Text.Length > 24 ? Text.Substring(0, 24) + "…" : Text)}";
}

/// <summary>true, false or null.</summary>
internal sealed class JsonLiteral : JsonNode
{
    public JsonLiteral(int offset, JsonKind kind)
        : base(offset) => Kind = kind;

    public override JsonKind Kind { get; }

    public override string Describe() => Kind switch
    {
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => "null",
    };
}
