using System;
using System.Collections.Generic;

namespace LstmGen.Formats;

/// <summary>
/// Reads a PyTorch state_dict saved as safetensors (<c>safetensors.torch.save_file(model.state_dict(), path)</c>). The
/// format sorts tensors by name, so modules are taken in name order with numbers compared as numbers (<c>layers.2</c> before
/// <c>layers.10</c>), an nn.LSTM before an nn.Linear of the same name; the file records no activations and no residual path.
/// </summary>
internal static class SafeTensorsModel
{
    /// <summary>Whether the bytes start like a safetensors file: a header length that fits, then '{'.</summary>
    public static bool Recognizes(ReadOnlySpan<byte> file) =>
        file.Length >= 9 && System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(file) <= (ulong)(file.Length - 8) && file[8] == (byte)'{';

    public static ModelFileContent Read(ReadOnlySpan<byte> file)
    {
        SafeTensorsFile parsed = SafeTensorsFile.Parse(file);
        byte[] data = file.Slice(parsed.DataStart).ToArray();
        var entries = new List<StateDictLayers.Entry>();
        foreach (SafeTensorsEntry tensor in parsed.Tensors)
        {
            SafeTensorsEntry entry = tensor;
            entries.Add(new StateDictLayers.Entry(entry.Name, entry.Shape, () => Decode(entry, data)));
        }

        return StateDictJson.Content(ModelFileFormat.SafeTensors, StateDictLayers.Find(entries, naturalOrder: true));
    }

    /// <summary>Decodes a tensor that a layer needs, which must be floating point.</summary>
    public static SourceTensor Decode(SafeTensorsEntry tensor, ReadOnlySpan<byte> data)
    {
        if (!tensor.IsConvertible)
        {
            FormatError.Throw($"The safetensors tensor '{tensor.Name}' has dtype {tensor.DTypeName}; only {SafeTensorsDTypes.Convertible} can be loaded.");
        }

        var shape = new long[tensor.Shape.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = tensor.Shape[i];
        }

        return new SourceTensor(tensor.Name, shape, tensor.Decode(data));
    }
}
