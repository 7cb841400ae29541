using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace LstmGen.Loading;

/// <summary>
/// The parsed header of a safetensors file: an 8-byte little-endian header length, a JSON object that maps tensor names to
/// dtype, shape and byte range (plus an optional <c>__metadata__</c> entry), then the raw little-endian data. Parsing checks
/// every entry against the data section, so a truncated or malformed file fails here, before anything is written.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(int dataStart, Dictionary<string, SafeTensorsTensor> tensors)
    {
        DataStart = dataStart;
        Tensors = tensors;
    }

    /// <summary>The offset of the data section in the file: 8 + the header length.</summary>
    public int DataStart { get; }

    public Dictionary<string, SafeTensorsTensor> Tensors { get; }

    /// <exception cref="System.IO.InvalidDataException">The file is truncated, or its header is not a valid safetensors header.</exception>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8)
        {
            ModelFormatError.Throw($"The safetensors file has {file.Length} bytes, fewer than the 8-byte header length: the file is truncated.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > (ulong)(file.Length - 8))
        {
            ModelFormatError.Throw(
                $"The safetensors header claims {headerLength} bytes but only {file.Length - 8} follow the 8-byte length: the file is truncated or is not a safetensors file.");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = file.Length - dataStart;
        Dictionary<string, JsonElement> entries = ParseJson(file.Slice(8, (int)headerLength));
        var tensors = new Dictionary<string, SafeTensorsTensor>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonElement> entry in entries)
        {
            if (entry.Key != MetadataKey)
            {
                tensors.Add(entry.Key, ParseTensor(entry.Key, entry.Value, dataLength));
            }
        }

        return new SafeTensorsHeader(dataStart, tensors);
    }

    /// <summary>Returns a tensor the layer needs, checked to have a convertible dtype and the expected shape.</summary>
    /// <param name="name">The tensor's full name.</param>
    /// <param name="expected">The shape the layer needs.</param>
    /// <param name="meaning">The shape in symbols, for example <c>4H × I</c>.</param>
    /// <param name="required">Whether a missing tensor is an error (it is not for biases).</param>
    /// <exception cref="System.IO.InvalidDataException">The tensor is missing, or has an unsupported dtype or the wrong shape.</exception>
    public SafeTensorsTensor? Find(string name, ReadOnlySpan<long> expected, string meaning, bool required)
    {
        if (!Tensors.TryGetValue(name, out SafeTensorsTensor? tensor))
        {
            if (required)
            {
                ModelFormatError.Throw($"The safetensors file has no tensor '{name}'. It has: {Describe()}.");
            }

            return null;
        }

        if (tensor.DType == SafeTensorsDType.Unsupported)
        {
            ModelFormatError.Throw($"The safetensors tensor '{name}' has dtype {tensor.DTypeName}; only {SafeTensorsDTypes.Supported} can be loaded.");
        }

        if (!tensor.HasShape(expected))
        {
            ModelFormatError.Throw(
                $"The safetensors tensor '{name}' has shape {ModelFormatError.Shape(tensor.Shape)} but the layer needs {ModelFormatError.Shape(expected)} ({meaning}).");
        }

        return tensor;
    }

    /// <summary>Every tensor's name, dtype and shape, sorted by name, for messages; a big checkpoint's list is cut short.</summary>
    public string Describe()
    {
        const int Shown = 32;
        if (Tensors.Count == 0)
        {
            return "no tensors";
        }

        var names = Tensors.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Take(Shown).Select(t => $"{t.Name} ({t.DTypeName} {ModelFormatError.Shape(t.Shape)})");
        string more = Tensors.Count > Shown ? $" and {Tensors.Count - Shown} more" : string.Empty;
        return string.Join(", ", names) + more;
    }

    private static Dictionary<string, JsonElement> ParseJson(ReadOnlySpan<byte> header)
    {
        Dictionary<string, JsonElement>? entries = null;
        try
        {
            entries = JsonSerializer.Deserialize(header, LoadingJsonContext.Default.DictionaryStringJsonElement);
        }
        catch (JsonException exception)
        {
            ModelFormatError.Throw($"The safetensors header is not a valid JSON object of tensors: {exception.Message}", exception);
        }

        if (entries is null)
        {
            ModelFormatError.Throw("The safetensors header is not a valid JSON object of tensors: it is null.");
        }

        return entries;
    }

    private static SafeTensorsTensor ParseTensor(string name, JsonElement json, long dataLength)
    {
        SafeTensorsHeaderEntry? entry = null;
        try
        {
            entry = json.Deserialize(LoadingJsonContext.Default.SafeTensorsHeaderEntry);
        }
        catch (JsonException exception)
        {
            ModelFormatError.Throw($"The safetensors header entry '{name}' is not a tensor description: {exception.Message}", exception);
        }

        if (entry?.DType is null || entry.Shape is null || entry.DataOffsets is null)
        {
            ModelFormatError.Throw($"The safetensors header entry '{name}' needs \"dtype\", \"shape\" and \"data_offsets\".");
        }

        if (entry.DataOffsets.Count != 2 || entry.Shape.Any(extent => extent < 0))
        {
            ModelFormatError.Throw($"The safetensors header entry '{name}' needs two data_offsets and a shape of non-negative extents.");
        }

        long begin = entry.DataOffsets[0];
        long end = entry.DataOffsets[1];
        if (begin < 0 || begin > end || end > dataLength)
        {
            ModelFormatError.Throw(
                $"The safetensors tensor '{name}' lies at bytes {begin}–{end} of the data section, which has {dataLength} bytes: the file is truncated.");
        }

        var tensor = new SafeTensorsTensor(name, entry.DType, entry.Shape.ToArray(), begin, end);
        int size = SafeTensorsDTypes.Size(tensor.DType);
        if (size > 0 && !HoldsExactly(tensor, size))
        {
            ModelFormatError.Throw(string.Create(
                CultureInfo.InvariantCulture,
                $"The safetensors tensor '{name}' has {end - begin} bytes, but shape {ModelFormatError.Shape(tensor.Shape)} of {entry.DType} needs {size} bytes per element."));
        }

        return tensor;
    }

    /// <summary>Whether the byte range holds exactly the shape's elements, computed without overflow.</summary>
    private static bool HoldsExactly(SafeTensorsTensor tensor, int size)
    {
        long bytes = tensor.End - tensor.Begin;
        long capacity = bytes / size;
        if (capacity * size != bytes)
        {
            return false;
        }

        if (tensor.Shape.Contains(0))
        {
            return capacity == 0;
        }

        long count = 1;
        foreach (long extent in tensor.Shape)
        {
            if (count > capacity / extent)
            {
                return false;
            }

            count *= extent;
        }

        return count == capacity;
    }
}
