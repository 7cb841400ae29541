using System;
using LstmGen.CompilerServices;

namespace LstmGen;

/// <content>Export to PyTorch's <c>nn.LSTM</c> / <c>nn.LSTMCell</c> layout.</content>
public readonly ref partial struct LstmReadOnlyWeights<T>
{
    /// <summary>
    /// Copies the values out as PyTorch's <c>nn.LSTM</c> (one layer) or <c>nn.LSTMCell</c> tensors, flattened row-major, gate
    /// order i, f, g, o. LstmGen keeps one bias where PyTorch keeps two, and what each of PyTorch's gets depends on
    /// <see cref="Values"/>. Parameters: <paramref name="biasIh"/> receives the whole bias and <paramref name="biasHh"/>
    /// zeros; PyTorch adds the two, so the model computes the same thing, and importing the result gives back exactly these
    /// parameters. Gradients: both receive the bias gradient, as PyTorch's <c>bias_ih.grad</c> and <c>bias_hh.grad</c> do.
    /// </summary>
    /// <param name="weightIh">Receives <c>weight_ih</c>: 4H × I, row-major.</param>
    /// <param name="weightHh">Receives <c>weight_hh</c>: 4H × H, row-major.</param>
    /// <param name="biasIh">Receives <c>bias_ih</c>: the bias (or its gradient), 4H values.</param>
    /// <param name="biasHh">Receives <c>bias_hh</c>: 4H zeros for parameters, the bias gradient for gradients.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps <see cref="Storage"/>; nothing is written.</exception>
    public void ExportPyTorch(Span<T> weightIh, Span<T> weightHh, Span<T> biasIh, Span<T> biasHh)
    {
        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        LstmGuard.Length(weightIh.Length, layout.GateRows * i, nameof(weightIh), "4H·I");
        LstmGuard.Length(weightHh.Length, layout.GateRows * h, nameof(weightHh), "4H·H");
        LstmGuard.Length(biasIh.Length, layout.GateRows, nameof(biasIh), "4H");
        LstmGuard.Length(biasHh.Length, layout.GateRows, nameof(biasHh), "4H");
        LstmGuard.NoOverlap(Storage, weightIh, nameof(weightIh));
        LstmGuard.NoOverlap(Storage, weightHh, nameof(weightHh));
        LstmGuard.NoOverlap(Storage, biasIh, nameof(biasIh));
        LstmGuard.NoOverlap(Storage, biasHh, nameof(biasHh));

        for (int row = 0; row < layout.GateRows; row++)
        {
            var gate = (LstmGate)(row / h);
            int unit = row % h;
            for (int k = 0; k < i; k++)
            {
                weightIh[(row * i) + k] = Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)];
            }

            for (int k = 0; k < h; k++)
            {
                weightHh[(row * h) + k] = Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)];
            }

            biasIh[row] = Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)];
        }

        if (Values == LstmValues.Gradients)
        {
            biasIh.CopyTo(biasHh);
        }
        else
        {
            biasHh.Clear();
        }
    }
}
