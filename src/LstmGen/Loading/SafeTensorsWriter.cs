using System;
using System.Buffers;
using System.Collections.Generic;
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;

namespace LstmGen.Loading;

/// <summary>
/// Writes tensors as a safetensors file: the 8-byte little-endian header length, a JSON header padded with spaces to a
/// multiple of 8 bytes (as the reference implementation does, so the data stays aligned), then the data in header order.
/// </summary>
internal static class SafeTensorsWriter
{
    /// <summary>Writes float layers as F32 and double layers as F64, so the file holds the parameters exactly.</summary>
    public static byte[] Write<T>(ReadOnlySpan<string> names, ReadOnlySpan<long[]> shapes, ReadOnlySpan<T[]> tensors, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
        where T : IBinaryFloatingPointIeee754<T>
    {
        bool single = typeof(T) == typeof(float);
        int size = single ? sizeof(float) : sizeof(double);
        byte[] header = Header(names, shapes, tensors, single ? "F32" : "F64", size, metadata);
        long dataLength = 0;
        foreach (T[] tensor in tensors)
        {
            dataLength += (long)tensor.Length * size;
        }

        byte[] file = new byte[checked(8 + header.Length + dataLength)];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        Span<byte> data = file.AsSpan(8 + header.Length);
        foreach (T[] tensor in tensors)
        {
            foreach (T value in tensor)
            {
                if (single)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(data, float.CreateTruncating(value));
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(data, double.CreateTruncating(value));
                }

                data = data.Slice(size);
            }
        }

        return file;
    }

    /// <summary>Checks extra metadata entries: non-null, no key twice, and not <c>format</c>, which the writer sets.</summary>
    public static void CheckMetadata(IReadOnlyList<KeyValuePair<string, string>>? metadata)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "format" };
        foreach (KeyValuePair<string, string> entry in metadata ?? [])
        {
            ArgumentNullException.ThrowIfNull(entry.Key, nameof(metadata));
            ArgumentNullException.ThrowIfNull(entry.Value, nameof(metadata));
            if (!keys.Add(entry.Key))
            {
                throw new ArgumentException($"The metadata key '{entry.Key}' appears twice, or is 'format', which the writer sets to \"pt\".", nameof(metadata));
            }
        }
    }

    private static byte[] Header<T>(ReadOnlySpan<string> names, ReadOnlySpan<long[]> shapes, ReadOnlySpan<T[]> tensors, string dtype, int size, IReadOnlyList<KeyValuePair<string, string>>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            foreach (KeyValuePair<string, string> entry in metadata ?? [])
            {
                json.WriteString(entry.Key, entry.Value);
            }

            json.WriteEndObject();
            long offset = 0;
            for (int t = 0; t < names.Length; t++)
            {
                long end = offset + ((long)tensors[t].Length * size);
                json.WriteStartObject(names[t]);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (long extent in shapes[t])
                {
                    json.WriteNumberValue(extent);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }

            json.WriteEndObject();
        }

        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
