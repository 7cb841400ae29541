using System;
using LstmGen.CompilerServices;
using LstmGen.Layouts;

namespace LstmGen;

/// <content>Import from, and export to, the ONNX <c>LSTM</c> operator's layout.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>
    /// Replaces the parameters with the inputs <c>W</c>, <c>R</c> and <c>B</c> of an ONNX <c>LSTM</c> node (one direction,
    /// flattened row-major; the leading <c>num_directions = 1</c> axis adds nothing). ONNX orders the gate blocks
    /// i, o, f, c, so block 1 becomes LstmGen's output gate, block 2 the forget gate and block 3 the cell gate. The layer's
    /// bias is <c>Wb + Rb</c>, added in <typeparamref name="T"/>. Peepholes (<c>P</c>), clipping and non-default
    /// activations have no LstmGen equivalent and are not imported.
    /// </summary>
    /// <param name="w"><c>W</c>: 4H × I, row-major, gate blocks i, o, f, c.</param>
    /// <param name="r"><c>R</c>: 4H × H, row-major, gate blocks i, o, f, c.</param>
    /// <param name="b"><c>B</c>: 8H values, <c>Wb</c> (4H) then <c>Rb</c> (4H), gate blocks i, o, f, c; or empty when the node has no <c>B</c>.</param>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or overlaps <see cref="Storage"/>. Every length is checked before anything is written,
    /// so on an exception the parameters are unchanged.
    /// </exception>
    public void ImportOnnx(ReadOnlySpan<T> w, ReadOnlySpan<T> r, ReadOnlySpan<T> b)
    {
        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        int rows = layout.GateRows;
        LstmGuard.Length(w.Length, rows * i, nameof(w), "4H·I");
        LstmGuard.Length(r.Length, rows * h, nameof(r), "4H·H");
        LstmGuard.OptionalLength(b.Length, 2 * rows, nameof(b), "8H");
        ReadOnlySpan<T> storage = Storage;
        LstmGuard.NoOverlap(storage, w, nameof(w));
        LstmGuard.NoOverlap(storage, r, nameof(r));
        LstmGuard.NoOverlap(storage, b, nameof(b));

        for (int onnxRow = 0; onnxRow < rows; onnxRow++)
        {
            LstmGate gate = FrameworkGates.OnnxGate(onnxRow / h);
            int unit = onnxRow % h;
            for (int k = 0; k < i; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)] = w[(onnxRow * i) + k];
            }

            for (int k = 0; k < h; k++)
            {
                Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)] = r[(onnxRow * h) + k];
            }

            T bias = b.IsEmpty ? T.Zero : FrameworkGates.SumBiases(b[onnxRow], b[rows + onnxRow]);
            Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)] = bias;
        }
    }

    /// <summary>
    /// Copies the parameters out as an ONNX <c>LSTM</c> node's <c>W</c>, <c>R</c> and <c>B</c>
    /// (see <see cref="LstmReadOnlyWeights{T}.ExportOnnx"/>): <c>Wb</c> receives the bias and <c>Rb</c> zeros.
    /// </summary>
    /// <param name="w">Receives <c>W</c>: 4H × I, row-major, gate blocks i, o, f, c.</param>
    /// <param name="r">Receives <c>R</c>: 4H × H, row-major, gate blocks i, o, f, c.</param>
    /// <param name="b">Receives <c>B</c>: 8H values, the bias (as <c>Wb</c>) then 4H zeros (as <c>Rb</c>).</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps <see cref="Storage"/>; nothing is written.</exception>
    public void ExportOnnx(Span<T> w, Span<T> r, Span<T> b) => AsReadOnly().ExportOnnx(w, r, b);
}
