using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace DeviceSample.Tests.Support;

/// <summary>One tensor read back from a safetensors file.</summary>
/// <param name="DType">The dtype string.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Begin">The first data byte, relative to the data section.</param>
/// <param name="End">One past the last data byte.</param>
/// <param name="Values">The values, decoded as little-endian float32.</param>
public sealed record SafeTensorEntry(string DType, int[] Shape, long Begin, long End, float[] Values);

/// <summary>
/// An independent safetensors reader for the tests (System.Text.Json, not the generator's parser): the header length, the
/// header's entries and metadata, and the F32 data.
/// </summary>
public sealed class SafeTensorsFile
{
    private SafeTensorsFile(ulong headerLength, Dictionary<string, SafeTensorEntry> tensors, Dictionary<string, string> metadata)
    {
        HeaderLength = headerLength;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>Gets the header's length in bytes, as the file's first 8 bytes state it.</summary>
    public ulong HeaderLength { get; }

    /// <summary>Gets the tensors by name.</summary>
    public IReadOnlyDictionary<string, SafeTensorEntry> Tensors { get; }

    /// <summary>Gets the <c>__metadata__</c> entries.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Parses a file.</summary>
    /// <param name="file">The file's bytes.</param>
    public static SafeTensorsFile Parse(byte[] file)
    {
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        int dataStart = checked(8 + (int)headerLength);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        var tensors = new Dictionary<string, SafeTensorEntry>();
        var metadata = new Dictionary<string, string>();
        foreach (JsonProperty property in header.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (JsonProperty entry in property.Value.EnumerateObject())
                {
                    metadata[entry.Name] = entry.Value.GetString()!;
                }

                continue;
            }

            long[] offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / 4];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(dataStart + (int)offsets[0] + (4 * i)));
            }

            tensors[property.Name] = new SafeTensorEntry(
                property.Value.GetProperty("dtype").GetString()!,
                property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray(),
                offsets[0],
                offsets[1],
                values);
        }

        return new SafeTensorsFile(headerLength, tensors, metadata);
    }

    /// <summary>Returns an nn.LSTM layer's parameters in LstmGen's canonical order: Wx, Wh, then bias_ih + bias_hh.</summary>
    public float[] CanonicalLstm()
    {
        float[] bias = Tensors["bias_ih_l0"].Values.Zip(Tensors["bias_hh_l0"].Values, (a, b) => a + b).ToArray();
        return Tensors["weight_ih_l0"].Values.Concat(Tensors["weight_hh_l0"].Values).Concat(bias).ToArray();
    }
}
