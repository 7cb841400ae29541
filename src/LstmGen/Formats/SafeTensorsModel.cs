using System;
using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Formats;

/// <summary>
/// Reads a PyTorch state_dict saved as safetensors (<c>safetensors.torch.save_file(model.state_dict(), path)</c>). The
/// format sorts tensors by name, so modules are taken in name order with numbers compared as numbers (<c>layers.2</c> before
/// <c>layers.10</c>), an nn.LSTM before an nn.Linear of the same name, or, when they do not chain that way, in the one order
/// that chains (<c>rec</c> then <c>lin</c>); the file records no activations and no residual path.
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

        return StateDictJson.Content(ModelFileFormat.SafeTensors, Chained(StateDictLayers.Find(entries, naturalOrder: true)));
    }

    /// <summary>The most modules whose orders are searched for one that chains: 8! = 40,320 orders.</summary>
    private const int MaxSearchedModules = 8;

    /// <summary>
    /// The modules in name order when they chain that way; otherwise the one order in which every module reads what the one
    /// before writes (<c>rec</c> before <c>lin</c>, though 'l' sorts first). Name order is kept, and the message says why,
    /// when no order chains or several do.
    /// </summary>
    private static List<StateDictLayers.Module> Chained(List<StateDictLayers.Module> modules)
    {
        if (Chains(modules) || modules.Count > MaxSearchedModules)
        {
            return modules;
        }

        List<StateDictLayers.Module>? found = null;
        foreach (List<StateDictLayers.Module> order in Orders(modules))
        {
            if (Chains(order))
            {
                if (found is not null)
                {
                    FormatError.Throw($"The safetensors state_dict's modules ({StateDictJson.Describe(modules)}) do not chain in name order, and chain in more than one other order; safetensors records no module order, so name the modules in order (layers.0, layers.1, …).");
                }

                found = order;
            }
        }

        return found ?? modules;
    }

    private static bool Chains(List<StateDictLayers.Module> modules)
    {
        int? width = null;
        foreach (LayerTensors layer in modules.SelectMany(module => module.Layers))
        {
            if (width is int previous && layer.Layer.InputWidth != previous)
            {
                return false;
            }

            width = layer.Layer.OutputWidth;
        }

        return true;
    }

    private static IEnumerable<List<StateDictLayers.Module>> Orders(List<StateDictLayers.Module> modules)
    {
        if (modules.Count <= 1)
        {
            yield return new List<StateDictLayers.Module>(modules);
            yield break;
        }

        for (int first = 0; first < modules.Count; first++)
        {
            var rest = new List<StateDictLayers.Module>(modules);
            rest.RemoveAt(first);
            foreach (List<StateDictLayers.Module> tail in Orders(rest))
            {
                tail.Insert(0, modules[first]);
                yield return tail;
            }
        }
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
