using System;
using LstmGen.CompilerServices;
using LstmGen.Layouts;

namespace LstmGen;

/// <content>Export to the ONNX <c>LSTM</c> operator's layout.</content>
public readonly ref partial struct LstmReadOnlyWeights<T>
{
    /// <summary>
    /// Copies the values out as the inputs <c>W</c>, <c>R</c> and <c>B</c> of a one-direction ONNX <c>LSTM</c> node,
    /// flattened row-major (reshape to <c>[1, 4H, I]</c>, <c>[1, 4H, H]</c> and <c>[1, 8H]</c>). The gate blocks are
    /// reordered to ONNX's i, o, f, c. LstmGen keeps one bias where ONNX keeps two (see <see cref="LstmValues"/>): for
    /// parameters <c>Wb</c> (the first 4H values of <paramref name="b"/>) receives the bias and <c>Rb</c> (the last 4H)
    /// zeros, so the node computes the same thing and importing the result gives back exactly these parameters; for
    /// gradients both receive the bias gradient.
    /// </summary>
    /// <param name="w">Receives <c>W</c>: 4H × I, row-major, gate blocks i, o, f, c.</param>
    /// <param name="r">Receives <c>R</c>: 4H × H, row-major, gate blocks i, o, f, c.</param>
    /// <param name="b">Receives <c>B</c>: 8H values, <c>Wb</c> then <c>Rb</c> as described above.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps <see cref="Storage"/>; nothing is written.</exception>
    public void ExportOnnx(Span<T> w, Span<T> r, Span<T> b)
    {
        LstmParameterLayout layout = Layout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        int rows = layout.GateRows;
        LstmGuard.Length(w.Length, rows * i, nameof(w), "4H·I");
        LstmGuard.Length(r.Length, rows * h, nameof(r), "4H·H");
        LstmGuard.Length(b.Length, 2 * rows, nameof(b), "8H");
        LstmGuard.NoOverlap(Storage, w, nameof(w));
        LstmGuard.NoOverlap(Storage, r, nameof(r));
        LstmGuard.NoOverlap(Storage, b, nameof(b));

        for (int onnxRow = 0; onnxRow < rows; onnxRow++)
        {
            LstmGate gate = FrameworkGates.OnnxGate(onnxRow / h);
            int unit = onnxRow % h;
            for (int k = 0; k < i; k++)
            {
                w[(onnxRow * i) + k] = Storage[layout.IndexOf(LstmBlock.Input, gate, unit, k)];
            }

            for (int k = 0; k < h; k++)
            {
                r[(onnxRow * h) + k] = Storage[layout.IndexOf(LstmBlock.Recurrent, gate, unit, k)];
            }

            b[onnxRow] = Storage[layout.IndexOf(LstmBlock.Bias, gate, unit, 0)];
        }

        if (Values == LstmValues.Gradients)
        {
            b.Slice(0, rows).CopyTo(b.Slice(rows));
        }
        else
        {
            b.Slice(rows).Clear();
        }
    }
}
