using System;
using System.Collections.Generic;
using LstmGen.Loading;

namespace LstmGen;

/// <content>Saving as a safetensors file.</content>
public readonly ref partial struct LstmReadOnlyWeights<T>
{
    /// <summary>
    /// Returns the parameters as a safetensors file that PyTorch loads into one layer of an <c>nn.LSTM</c>
    /// (<c>lstm.load_state_dict(safetensors.torch.load_file(path))</c>), and that
    /// <see cref="LstmWeights{T}.LoadSafeTensors"/> loads back exactly. It holds <c>{prefix}weight_ih_l{layer}</c>,
    /// <c>weight_hh_l{layer}</c>, <c>bias_ih_l{layer}</c> (the bias) and <c>bias_hh_l{layer}</c> (zeros), as
    /// <see cref="ExportPyTorch"/> describes, in F32 for a float layer and F64 for a double layer. Its <c>__metadata__</c> is
    /// <c>{"format": "pt"}</c> followed by <paramref name="metadata"/>, in the order given.
    /// </summary>
    /// <param name="prefix">The module path to put before the names, with its trailing dot; empty for a bare <c>nn.LSTM</c>.</param>
    /// <param name="layer">The layer index to put in the names.</param>
    /// <param name="metadata">More <c>__metadata__</c> entries, such as where the model came from; none by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null, or an entry of <paramref name="metadata"/> has a null key or value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="metadata"/> has a key twice, or the key <c>format</c>.</exception>
    public byte[] ToSafeTensors(string prefix = "", int layer = 0, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        SafeTensorsWriter.CheckMetadata(metadata);
        LstmParameterLayout layout = Layout;
        long rows = layout.GateRows;
        var weightIh = new T[rows * layout.InputWidth];
        var weightHh = new T[rows * layout.StateWidth];
        var biasIh = new T[rows];
        var biasHh = new T[rows];
        ExportPyTorch(weightIh, weightHh, biasIh, biasHh);

        var names = new PyTorchTensorNames(prefix, layer);
        return SafeTensorsWriter.Write<T>(
            [names.WeightIh, names.WeightHh, names.BiasIh, names.BiasHh],
            [[rows, layout.InputWidth], [rows, layout.StateWidth], [rows], [rows]],
            [weightIh, weightHh, biasIh, biasHh],
            metadata);
    }
}
