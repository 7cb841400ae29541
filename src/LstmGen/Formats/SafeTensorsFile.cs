using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LstmGen.Formats;

/// <summary>
/// A safetensors file, checked as strictly as the reference reader (huggingface/safetensors): an 8-byte little-endian header
/// length, a JSON header that maps tensor names to dtype, shape and byte range plus an optional <c>__metadata__</c> map of
/// strings, then the data. Shared by the run-time loaders and the generator's build-time reader.
/// </summary>
/// <remarks>
/// Rejected, each with a message that names the tensor: a header longer than <see cref="MaxHeaderBytes"/> or than the file,
/// a header that is not a JSON object, a name given twice, an unknown dtype, a shape or offset that is not a non-negative
/// integer, a byte range that does not match the shape, ranges that overlap or leave gaps (sorted by offset, each tensor must
/// start where the previous ends, the first at 0), bytes after the last tensor, and <c>__metadata__</c> that is not a map of
/// strings.
/// </remarks>
internal sealed class SafeTensorsFile
{
    /// <summary>The reference reader's limit on the header's length.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private readonly Dictionary<string, SafeTensorsEntry> _byName;

    private SafeTensorsFile(int dataStart, List<SafeTensorsEntry> tensors, List<KeyValuePair<string, string>> metadata)
    {
        DataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The offset of the data section in the file: 8 + the header length.</summary>
    public int DataStart { get; }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<SafeTensorsEntry> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries, in header order; empty when there are none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    public bool TryGet(string name, out SafeTensorsEntry tensor)
    {
        if (_byName.TryGetValue(name, out SafeTensorsEntry? found))
        {
            tensor = found;
            return true;
        }

        tensor = null!;
        return false;
    }

    /// <summary>Parses and checks a whole file; nothing about it is left to fail later.</summary>
    /// <exception cref="System.IO.InvalidDataException">The file breaks a rule listed on the type.</exception>
    public static SafeTensorsFile Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8)
        {
            FormatError.Throw($"The safetensors file has {file.Length} bytes, fewer than the 8-byte header length: it is truncated.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes)
        {
            FormatError.Throw($"The safetensors header claims {headerLength} bytes, more than the format's limit of {MaxHeaderBytes}: the file is not a safetensors file.");
        }

        if (headerLength > (ulong)(file.Length - 8))
        {
            FormatError.Throw($"The safetensors header claims {headerLength} bytes but only {file.Length - 8} follow the 8-byte length: the file is truncated or is not a safetensors file.");
        }

        ReadOnlySpan<byte> header = file.Slice(8, (int)headerLength);
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            FormatError.Throw("The safetensors header does not start with '{': the file is not a safetensors file.");
        }

        if (JsonParser.Parse(header, "The safetensors header") is not JsonObject root)
        {
            FormatError.Throw("The safetensors header is not a JSON object.");
            return null!;
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = file.Length - dataStart;
        var metadata = new List<KeyValuePair<string, string>>();
        var tensors = new List<SafeTensorsEntry>();
        foreach (KeyValuePair<string, JsonNode> member in root.Members)
        {
            if (member.Key == MetadataKey)
            {
                ReadMetadata(member.Value, metadata);
            }
            else
            {
                tensors.Add(ReadEntry(member.Key, member.Value));
            }
        }

        CheckRanges(tensors, dataLength);
        return new SafeTensorsFile(dataStart, tensors, metadata);
    }

    /// <summary>Every tensor's name, dtype and shape, in header order, for messages; a big checkpoint's list is cut short.</summary>
    public string Describe()
    {
        const int Shown = 32;
        if (Tensors.Count == 0)
        {
            return "no tensors";
        }

        string listed = string.Join(", ", Tensors.Take(Shown).Select(t => $"{t.Name} ({t.DTypeName} {FormatError.Shape(t.Shape)})"));
        return Tensors.Count > Shown ? $"{listed} and {Tensors.Count - Shown} more" : listed;
    }

    private static void ReadMetadata(JsonNode value, List<KeyValuePair<string, string>> metadata)
    {
        if (value.Kind == JsonKind.Null)
        {
            return;
        }

        if (value is not JsonObject entries)
        {
            FormatError.Throw($"The safetensors header's {MetadataKey} is {value.Describe()}; it must be a map of strings to strings.");
            return;
        }

        foreach (KeyValuePair<string, JsonNode> entry in entries.Members)
        {
            if (entry.Value is not JsonString text)
            {
                FormatError.Throw($"The safetensors header's {MetadataKey} entry \"{entry.Key}\" is {entry.Value.Describe()}; metadata values must be strings.");
                return;
            }

            metadata.Add(new KeyValuePair<string, string>(entry.Key, text.Value));
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonNode value)
    {
        if (value is not JsonObject fields)
        {
            FormatError.Throw($"The safetensors header entry '{name}' is {value.Describe()}, not a tensor description.");
            return null!;
        }

        if (!fields.TryGet("dtype", out JsonNode dtypeNode) || !fields.TryGet("shape", out JsonNode shapeNode) || !fields.TryGet("data_offsets", out JsonNode offsetsNode))
        {
            FormatError.Throw($"The safetensors tensor '{name}' needs \"dtype\", \"shape\" and \"data_offsets\".");
            return null!;
        }

        if (dtypeNode is not JsonString dtype)
        {
            FormatError.Throw($"The safetensors tensor '{name}' has a dtype that is {dtypeNode.Describe()}, not a string.");
            return null!;
        }

        int elementBytes = SafeTensorsDTypes.SizeOf(dtype.Value);
        if (elementBytes == 0)
        {
            FormatError.Throw($"The safetensors tensor '{name}' has the unknown dtype \"{dtype.Value}\".");
        }

        long[] shape = Integers(name, "shape", shapeNode, -1);
        long[] offsets = Integers(name, "data_offsets", offsetsNode, 2);
        long elements = 1;
        foreach (long extent in shape)
        {
            if (extent != 0 && elements > long.MaxValue / extent)
            {
                FormatError.Throw($"The safetensors tensor '{name}' has shape {FormatError.Shape(shape)}, whose element count overflows.");
            }

            elements *= extent;
        }

        if (elements > long.MaxValue / elementBytes)
        {
            FormatError.Throw($"The safetensors tensor '{name}' has shape {FormatError.Shape(shape)}, whose size in bytes overflows.");
        }

        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != elements * elementBytes)
        {
            FormatError.Throw(string.Format(
                CultureInfo.InvariantCulture,
                "The safetensors tensor '{0}' spans bytes {1}–{2} of the data section, but its shape {3} of {4} needs {5} bytes.",
                name,
                offsets[0],
                offsets[1],
                FormatError.Shape(shape),
                dtype.Value,
                elements * elementBytes));
        }

        return new SafeTensorsEntry(name, dtype.Value, shape, offsets[0], offsets[1]);
    }

    /// <summary>Reads an array of non-negative integers (of the given count, or any count when −1).</summary>
    private static long[] Integers(string tensor, string field, JsonNode value, int count)
    {
        if (value is not JsonArray array || (count >= 0 && array.Items.Count != count))
        {
            string wanted = count >= 0 ? $"an array of {count} integers" : "an array of integers";
            FormatError.Throw($"The safetensors tensor '{tensor}' has a {field} that is {value.Describe()}; it must be {wanted}.");
            return null!;
        }

        var numbers = new long[array.Items.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            if (array.Items[i] is not JsonNumber number || !number.TryGetInteger(0, long.MaxValue, out numbers[i]))
            {
                FormatError.Throw($"The safetensors tensor '{tensor}' has {field}[{i}] = {array.Items[i].Describe()}; it must be a non-negative integer written without a fraction or exponent.");
            }
        }

        return numbers;
    }

    /// <summary>Sorted by offset, the tensors must tile the data section exactly: no overlap, no gap, nothing after the last.</summary>
    private static void CheckRanges(List<SafeTensorsEntry> tensors, long dataLength)
    {
        SafeTensorsEntry[] sorted = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToArray();
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry tensor in sorted)
        {
            if (tensor.Begin < expected)
            {
                FormatError.Throw($"The safetensors tensor '{tensor.Name}' starts at byte {tensor.Begin} of the data section, inside '{previous!.Name}' (bytes {previous.Begin}–{previous.End}): tensors must not overlap.");
            }

            if (tensor.Begin > expected)
            {
                string after = previous is null ? "the data section starts" : $"'{previous.Name}' ends";
                FormatError.Throw($"The safetensors tensor '{tensor.Name}' starts at byte {tensor.Begin} of the data section, but {after} at byte {expected}: tensors must follow one another without gaps.");
            }

            expected = tensor.End;
            previous = tensor;
        }

        if (expected > dataLength)
        {
            FormatError.Throw($"The safetensors tensor '{previous!.Name}' ends at byte {expected} of the data section, which has {dataLength}: the file is truncated.");
        }

        if (expected < dataLength)
        {
            string last = previous is null ? "the header lists no tensors" : $"the last tensor, '{previous.Name}', ends at byte {expected}";
            FormatError.Throw($"The safetensors data section has {dataLength} bytes but {last}: {dataLength - expected} bytes follow that no tensor describes.");
        }
    }
}

/// <summary>One tensor of a checked <see cref="SafeTensorsFile"/>: reading any element of its shape cannot fail.</summary>
internal sealed class SafeTensorsEntry
{
    public SafeTensorsEntry(string name, string dtypeName, long[] shape, long begin, long end)
    {
        Name = name;
        DTypeName = dtypeName;
        Shape = shape;
        Begin = begin;
        End = end;
    }

    public string Name { get; }

    /// <summary>The dtype as the header spells it: <c>F32</c>, <c>BF16</c>, <c>I64</c>…</summary>
    public string DTypeName { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>The first byte, relative to the data section.</summary>
    public long Begin { get; }

    /// <summary>One past the last byte, relative to the data section.</summary>
    public long End { get; }

    /// <summary>Whether the values are floating point of a width LstmGen converts exactly to double (F64, F32, F16, BF16).</summary>
    public bool IsConvertible => SafeTensorsDTypes.IsFloat(DTypeName);

    /// <summary>Decodes every element to double (exact for F64, F32, F16 and BF16), in row-major order.</summary>
    /// <param name="data">The file's data section.</param>
    public double[] Decode(ReadOnlySpan<byte> data)
    {
        int size = SafeTensorsDTypes.SizeOf(DTypeName);
        ReadOnlySpan<byte> bytes = data.Slice((int)Begin, (int)(End - Begin));
        var values = new double[bytes.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> element = bytes.Slice(i * size, size);
            values[i] = DTypeName switch
            {
                "F64" => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(element)),
                "F32" => FloatBits.ToSingle(BinaryPrimitives.ReadUInt32LittleEndian(element)),
                "F16" => FloatBits.HalfToDouble(BinaryPrimitives.ReadUInt16LittleEndian(element)),
                _ => FloatBits.ToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(element) << 16),
            };
        }

        return values;
    }
}

/// <summary>The dtypes the safetensors format defines, with their sizes.</summary>
internal static class SafeTensorsDTypes
{
    /// <summary>The float dtypes LstmGen converts, as listed in messages.</summary>
    public const string Convertible = "F32, F64, F16 and BF16";

    /// <summary>Bytes per element, or 0 for a dtype the format does not define (sub-byte dtypes included).</summary>
    public static int SizeOf(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" or "F8_E8M0" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "I64" or "U64" or "F64" or "C64" => 8,
        _ => 0,
    };

    public static bool IsFloat(string dtype) => dtype is "F64" or "F32" or "F16" or "BF16";
}
