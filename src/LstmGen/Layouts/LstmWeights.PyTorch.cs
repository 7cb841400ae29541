using System;
using LstmGen.CompilerServices;
using LstmGen.Layouts;

namespace LstmGen;

/// <content>Import from, and export to, PyTorch's <c>nn.LSTM</c> / <c>nn.LSTMCell</c> layout.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>
    /// Replaces the parameters with PyTorch's <c>nn.LSTM</c> (one layer of it) or <c>nn.LSTMCell</c> tensors, flattened
    /// row-major. PyTorch's gate order i, f, g, o is LstmGen's, so rows map one to one; the layer's single bias is
    /// <c>bias_ih + bias_hh</c>, added in <typeparamref name="T"/>.
    /// </summary>
    /// <param name="weightIh"><c>weight_ih</c> (<c>weight_ih_l{k}</c>): 4H × I, row-major.</param>
    /// <param name="weightHh"><c>weight_hh</c> (<c>weight_hh_l{k}</c>): 4H × H, row-major.</param>
    /// <param name="biasIh"><c>bias_ih</c>: 4H values, or empty for a model built with <c>bias=False</c>.</param>
    /// <param name="biasHh"><c>bias_hh</c>: 4H values, or empty for a model built with <c>bias=False</c>.</param>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or overlaps <see cref="Storage"/>. Every length is checked before anything is written,
    /// so on an exception the parameters are unchanged.
    /// </exception>
    public void ImportPyTorch(ReadOnlySpan<T> weightIh, ReadOnlySpan<T> weightHh, ReadOnlySpan<T> biasIh, ReadOnlySpan<T> biasHh)
    {
        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        LstmGuard.Length(weightIh.Length, layout.GateRows * i, nameof(weightIh), "4H·I");
        LstmGuard.Length(weightHh.Length, layout.GateRows * h, nameof(weightHh), "4H·H");
        LstmGuard.OptionalLength(biasIh.Length, layout.GateRows, nameof(biasIh), "4H");
        LstmGuard.OptionalLength(biasHh.Length, layout.GateRows, nameof(biasHh), "4H");
        ReadOnlySpan<T> storage = Storage;
        LstmGuard.NoOverlap(storage, weightIh, nameof(weightIh));
        LstmGuard.NoOverlap(storage, weightHh, nameof(weightHh));
        LstmGuard.NoOverlap(storage, biasIh, nameof(biasIh));
        LstmGuard.NoOverlap(storage, biasHh, nameof(biasHh));

        for (int row = 0; row < layout.GateRows; row++)
        {
            var gate = (LstmGate)(row / h);
            int unit = row % h;
            for (int k = 0; k < i; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)] = weightIh[(row * i) + k];
            }

            for (int k = 0; k < h; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)] = weightHh[(row * h) + k];
            }

            T first = biasIh.IsEmpty ? T.Zero : biasIh[row];
            T second = biasHh.IsEmpty ? T.Zero : biasHh[row];
            Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)] = FrameworkGates.SumBiases(first, second);
        }
    }

    /// <summary>
    /// Copies the parameters out in PyTorch's <c>nn.LSTM</c> layout (see <see cref="LstmReadOnlyWeights{T}.ExportPyTorch"/>):
    /// <paramref name="biasIh"/> receives the bias and <paramref name="biasHh"/> receives zeros.
    /// </summary>
    /// <param name="weightIh">Receives <c>weight_ih</c>: 4H × I, row-major.</param>
    /// <param name="weightHh">Receives <c>weight_hh</c>: 4H × H, row-major.</param>
    /// <param name="biasIh">Receives <c>bias_ih</c>: the layer's bias, 4H values.</param>
    /// <param name="biasHh">Receives <c>bias_hh</c>: 4H zeros.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps <see cref="Storage"/>; nothing is written.</exception>
    public void ExportPyTorch(Span<T> weightIh, Span<T> weightHh, Span<T> biasIh, Span<T> biasHh) =>
        AsReadOnly().ExportPyTorch(weightIh, weightHh, biasIh, biasHh);
}
