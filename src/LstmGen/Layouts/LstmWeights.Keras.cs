using System;
using LstmGen.CompilerServices;

namespace LstmGen;

/// <content>Import from, and export to, Keras' <c>LSTM</c> layout.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>
    /// Replaces the parameters with the three weights of a Keras <c>LSTM</c> layer (<c>layer.get_weights()</c>), flattened
    /// row-major. Keras orders the gates i, f, c, o, which is LstmGen's order, but stores the weights transposed: column
    /// <c>gate·H + unit</c> of <paramref name="kernel"/> is row <c>gate·H + unit</c> of <c>Wx</c>.
    /// </summary>
    /// <param name="kernel"><c>kernel</c>: I × 4H, row-major.</param>
    /// <param name="recurrentKernel"><c>recurrent_kernel</c>: H × 4H, row-major.</param>
    /// <param name="bias"><c>bias</c>: 4H values, or empty for a layer built with <c>use_bias=False</c>.</param>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or overlaps <see cref="Storage"/>. Every length is checked before anything is written,
    /// so on an exception the parameters are unchanged.
    /// </exception>
    public void ImportKeras(ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrentKernel, ReadOnlySpan<T> bias)
    {
        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        int rows = layout.GateRows;
        LstmGuard.Length(kernel.Length, i * rows, nameof(kernel), "I·4H");
        LstmGuard.Length(recurrentKernel.Length, h * rows, nameof(recurrentKernel), "H·4H");
        LstmGuard.OptionalLength(bias.Length, rows, nameof(bias), "4H");
        ReadOnlySpan<T> storage = Storage;
        LstmGuard.NoOverlap(storage, kernel, nameof(kernel));
        LstmGuard.NoOverlap(storage, recurrentKernel, nameof(recurrentKernel));
        LstmGuard.NoOverlap(storage, bias, nameof(bias));

        for (int row = 0; row < rows; row++)
        {
            var gate = (LstmGate)(row / h);
            int unit = row % h;
            for (int k = 0; k < i; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)] = kernel[(k * rows) + row];
            }

            for (int k = 0; k < h; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)] = recurrentKernel[(k * rows) + row];
            }

            Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)] = bias.IsEmpty ? T.Zero : bias[row];
        }
    }

    /// <summary>Copies the parameters out as a Keras <c>LSTM</c> layer's three weights (see <see cref="LstmReadOnlyWeights{T}.ExportKeras"/>).</summary>
    /// <param name="kernel">Receives <c>kernel</c>: I × 4H, row-major.</param>
    /// <param name="recurrentKernel">Receives <c>recurrent_kernel</c>: H × 4H, row-major.</param>
    /// <param name="bias">Receives <c>bias</c>: 4H values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps <see cref="Storage"/>; nothing is written.</exception>
    public void ExportKeras(Span<T> kernel, Span<T> recurrentKernel, Span<T> bias) =>
        AsReadOnly().ExportKeras(kernel, recurrentKernel, bias);
}
