using System;
using System.Runtime.InteropServices;
using LstmGen.Layouts;
using LstmGen.Loading;

namespace LstmGen;

/// <content>Loading from safetensors files.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>
    /// Replaces the parameters with one layer of a PyTorch <c>nn.LSTM</c> saved as safetensors, for example by
    /// <c>safetensors.torch.save_file(model.state_dict(), "model.safetensors")</c>. The tensors are
    /// <c>{prefix}weight_ih_l{layer}</c> (4H × I), <c>{prefix}weight_hh_l{layer}</c> (4H × H) and, unless the model was built
    /// with <c>bias=False</c>, <c>{prefix}bias_ih_l{layer}</c> and <c>{prefix}bias_hh_l{layer}</c> (4H each), as
    /// <see cref="ImportPyTorch"/> describes. F32, F64, F16 and BF16 tensors are converted to <typeparamref name="T"/>
    /// (exactly, except F64 into a float layer, which rounds to nearest).
    /// </summary>
    /// <param name="file">The whole file, for example from <see cref="System.IO.File.ReadAllBytes(string)"/>.</param>
    /// <param name="prefix">The module path before the tensor names, with its trailing dot, for example <c>"lstm."</c>; empty for a bare <c>nn.LSTM</c>.</param>
    /// <param name="layer">Which layer of a stacked <c>nn.LSTM</c> to load: the <c>k</c> in <c>weight_ih_lk</c>.</param>
    /// <exception cref="System.IO.InvalidDataException">
    /// The file is truncated or its header is malformed, a tensor is missing (the message lists what the file has), has
    /// the wrong shape (the message gives both) or an unsupported dtype, or the layer uses projections. The whole file is
    /// checked before anything is written, so on an exception the parameters are unchanged.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="file"/> overlaps <see cref="Storage"/>.</exception>
    public void LoadSafeTensors(ReadOnlySpan<byte> file, string prefix = "", int layer = 0)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        Kernels.LstmGuard.NoOverlap(MemoryMarshal.AsBytes((ReadOnlySpan<T>)Storage), file, nameof(file));

        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        long rows = layout.GateRows;
        var header = SafeTensorsHeader.Parse(file);
        var names = new PyTorchTensorNames(prefix, layer);
        if (header.Tensors.ContainsKey(names.Projection))
        {
            Loading.ModelFormatError.Throw($"The safetensors file has '{names.Projection}': the LSTM uses projections (proj_size), which LstmGen layers do not support.");
        }

        SafeTensorsTensor weightIh = header.Find(names.WeightIh, [rows, i], "4H × I", required: true)!;
        SafeTensorsTensor weightHh = header.Find(names.WeightHh, [rows, h], "4H × H", required: true)!;
        SafeTensorsTensor? biasIh = header.Find(names.BiasIh, [rows], "4H", required: false);
        SafeTensorsTensor? biasHh = header.Find(names.BiasHh, [rows], "4H", required: false);

        // Everything is checked: from here on nothing can fail, so the parameters change all at once or not at all.
        ReadOnlySpan<byte> data = file.Slice(header.DataStart);
        for (int row = 0; row < rows; row++)
        {
            var gate = (LstmGate)(row / h);
            int unit = row % h;
            for (int k = 0; k < i; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)] = weightIh.Read<T>(data, (row * i) + k);
            }

            for (int k = 0; k < h; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)] = weightHh.Read<T>(data, (row * h) + k);
            }

            T first = biasIh is null ? T.Zero : biasIh.Read<T>(data, row);
            T second = biasHh is null ? T.Zero : biasHh.Read<T>(data, row);
            Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)] = FrameworkGates.SumBiases(first, second);
        }
    }

    /// <summary>Returns the parameters as a safetensors file (see <see cref="LstmReadOnlyWeights{T}.ToSafeTensors"/>).</summary>
    /// <param name="prefix">The module path to put before the names, with its trailing dot; empty for a bare <c>nn.LSTM</c>.</param>
    /// <param name="layer">The layer index to put in the names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    public byte[] ToSafeTensors(string prefix = "", int layer = 0) => AsReadOnly().ToSafeTensors(prefix, layer);
}
