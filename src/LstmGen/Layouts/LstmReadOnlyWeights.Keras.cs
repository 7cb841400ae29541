using System;
using LstmGen.CompilerServices;

namespace LstmGen;

/// <content>Export to Keras' <c>LSTM</c> layout.</content>
public readonly ref partial struct LstmReadOnlyWeights<T>
{
    /// <summary>
    /// Copies the parameters out as the three weights of a Keras <c>LSTM</c> layer (for <c>layer.set_weights</c>),
    /// flattened row-major: the transposes of <c>Wx</c> and <c>Wh</c>, and the bias, gate order i, f, c, o.
    /// </summary>
    /// <param name="kernel">Receives <c>kernel</c>: I × 4H, row-major.</param>
    /// <param name="recurrentKernel">Receives <c>recurrent_kernel</c>: H × 4H, row-major.</param>
    /// <param name="bias">Receives <c>bias</c>: 4H values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps <see cref="Storage"/>; nothing is written.</exception>
    public void ExportKeras(Span<T> kernel, Span<T> recurrentKernel, Span<T> bias)
    {
        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        int rows = layout.GateRows;
        LstmGuard.Length(kernel.Length, i * rows, nameof(kernel), "I·4H");
        LstmGuard.Length(recurrentKernel.Length, h * rows, nameof(recurrentKernel), "H·4H");
        LstmGuard.Length(bias.Length, rows, nameof(bias), "4H");
        LstmGuard.NoOverlap(Storage, kernel, nameof(kernel));
        LstmGuard.NoOverlap(Storage, recurrentKernel, nameof(recurrentKernel));
        LstmGuard.NoOverlap(Storage, bias, nameof(bias));

        for (int row = 0; row < rows; row++)
        {
            var gate = (LstmGate)(row / h);
            int unit = row % h;
            for (int k = 0; k < i; k++)
            {
                kernel[(k * rows) + row] = Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)];
            }

            for (int k = 0; k < h; k++)
            {
                recurrentKernel[(k * rows) + row] = Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)];
            }

            bias[row] = Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)];
        }
    }
}
