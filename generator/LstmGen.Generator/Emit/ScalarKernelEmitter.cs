using System.Linq;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the scalar step kernel: the equations as loops over the hidden units, used where no vector hardware is and read
/// first, as the specification of what the vector kernels compute. It sums each gate row in the same order as they do
/// (bias, inputs and even hidden columns in <c>sum…</c>, odd hidden columns in <c>odd…</c>, then the two added), so every
/// path gives the same bits.
/// </summary>
internal sealed class ScalarKernelEmitter
{
    private readonly LayerPlan _layer;
    private readonly SourceWriter _w;

    public ScalarKernelEmitter(LayerPlan layer, SourceWriter writer)
    {
        _layer = layer;
        _w = writer;
    }

    private string T => _layer.Element.Name;

    /// <summary>Emits the scalar step kernel.</summary>
    /// <param name="projected">Whether to emit the kernel that starts from the projection (b + Wx·x) and adds only Wh·h₋₁.</param>
    public void Emit(bool projected = false)
    {
        LayerPlan l = _layer;
        int u = l.UnitBlock;
        int rows = l.RowsPerBlock;

        if (projected)
        {
            _w.Line("/// <summary>One time step from its projected inputs, one hidden unit at a time (used when no vector hardware is).</summary>");
            _w.Line("/// <remarks>Each gate row's sum starts from <c>projection</c>, which holds b + Wx·x summed in StepScalar's order.</remarks>");
        }
        else
        {
            _w.Line("/// <summary>One time step, one hidden unit at a time: the equations as written (used when no vector hardware is).</summary>");
        }

        _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        string name = projected ? "StepProjectedScalar" : "StepScalar";
        _w.List($"public static void {name}", l.KernelParameters(projected).Select(p => $"ref {T} {p}").ToList(), string.Empty);
        using (_w.OpenBlock())
        using (_w.OpenBlock("unchecked"))
        using (_w.OpenBlock($"for (int unit = 0; unit < {l.StateWidth}; unit++)"))
        {
            if (l.BlockCount == 1)
            {
                _w.Line($"// Column k of A = [b | Wx | Wh] holds the {rows} gate rows at k·{rows}; the unit's row in gate q is q·{u} + unit.");
                _w.Line($"ref {T} row = ref Unsafe.Add(ref weights, unit);");
            }
            else
            {
                _w.Line($"// Units are stored in blocks of {u}: block b's column k holds its {rows} gate rows at b·{l.BlockStride} + k·{rows}.");
                _w.Line($"int block = unit / {u};");
                _w.Line($"ref {T} row = ref Unsafe.Add(ref weights, (block * {l.BlockStride}) + (unit - (block * {u})));");
            }

            _w.Line();
            string start = "row";
            if (projected)
            {
                string unitRow = l.BlockCount == 1 ? "unit" : $"(block * {rows}) + (unit - (block * {u}))";
                _w.Line("// z = (b + Wx·x) + Wh·h₋₁ for the unit's four gate rows, from the projection (in the same block-row order).");
                _w.Line($"ref {T} projected = ref Unsafe.Add(ref projection, {unitRow});");
                start = "projected";
            }
            else
            {
                _w.Line("// z = b + Wx·x + Wh·h₋₁ for the unit's four gate rows.");
            }

            _w.Line($"{T} sumI = {start};");
            _w.Line($"{T} sumF = Unsafe.Add(ref {start}, {u});");
            _w.Line($"{T} sumG = Unsafe.Add(ref {start}, {2 * u});");
            _w.Line($"{T} sumO = Unsafe.Add(ref {start}, {3 * u});");
            if (!projected)
            {
                using (_w.OpenBlock($"for (int k = 0; k < {l.InputWidth}; k++)"))
                {
                    _w.Line($"ref {T} column = ref Unsafe.Add(ref row, (1 + k) * {rows});");
                    _w.Line($"{T} input = Unsafe.Add(ref x, k);");
                    MultiplyAdds("sum", "input");
                }
            }

            if (l.HasOddSums)
            {
                _w.Line();
                _w.Line($"{T} oddI = 0, oddF = 0, oddG = 0, oddO = 0;");
                using (_w.OpenBlock($"for (int k = 0; k < {l.StateWidth}; k++)"))
                {
                    _w.Line($"ref {T} column = ref Unsafe.Add(ref row, ({1 + l.InputWidth} + k) * {rows});");
                    _w.Line($"{T} previous = Unsafe.Add(ref hiddenPrevious, k);");
                    using (_w.OpenBlock("if (k % 2 == 0)"))
                    {
                        MultiplyAdds("sum", "previous");
                    }

                    using (_w.OpenBlock("else"))
                    {
                        MultiplyAdds("odd", "previous");
                    }
                }

                _w.Line();
                _w.Line("sumI += oddI;");
                _w.Line("sumF += oddF;");
                _w.Line("sumG += oddG;");
                _w.Line("sumO += oddO;");
            }
            else
            {
                using (_w.OpenBlock($"for (int k = 0; k < {l.StateWidth}; k++)"))
                {
                    _w.Line($"ref {T} column = ref Unsafe.Add(ref row, ({1 + l.InputWidth} + k) * {rows});");
                    _w.Line($"{T} previous = Unsafe.Add(ref hiddenPrevious, k);");
                    MultiplyAdds("sum", "previous");
                }
            }

            _w.Line();
            string exact = l.ExactActivations ? "Exact" : string.Empty;
            _w.Line($"{T} i = LstmMath.Sigmoid{exact}(sumI);");
            _w.Line($"{T} f = LstmMath.Sigmoid{exact}(sumF);");
            _w.Line($"{T} g = LstmMath.Tanh{exact}(sumG);");
            _w.Line($"{T} c = LstmSimd.MultiplyAdd(f, Unsafe.Add(ref cell, unit), i * g); // c = f∘c₋₁ + i∘g");
            if (l.HiddenQuotient)
            {
                _w.Line($"{T} oDivisor = LstmMath.SigmoidDivisor(sumO); // σ(o) = 1 / oDivisor");
                _w.Line($"{T} h = LstmMath.TanhDividedBy(c, oDivisor); // h = o∘tanh(c) = tanh(c) / (1 + e⁻ᵒ)");
            }
            else
            {
                _w.Line($"{T} o = LstmMath.Sigmoid{exact}(sumO);");
                _w.Line($"{T} tanhC = LstmMath.Tanh{exact}(c);");
                _w.Line($"{T} h = o * tanhC; // h = o∘tanh(c)");
            }

            _w.Line("Unsafe.Add(ref cell, unit) = c;");
            _w.Line("Unsafe.Add(ref hidden, unit) = h;");
            if (l.IsTraining)
            {
                string recordBase = l.BlockCount == 1 ? "unit" : $"(block * {rows}) + (unit - (block * {u}))";
                _w.Line();
                _w.Line("// Record the gates and tanh(c) for back-propagation, in the parameters' block-row order.");
                _w.Line($"ref {T} gates = ref Unsafe.Add(ref record, {recordBase});");
                _w.Line("gates = i;");
                _w.Line($"Unsafe.Add(ref gates, {u}) = f;");
                _w.Line($"Unsafe.Add(ref gates, {2 * u}) = g;");
                if (l.HiddenQuotient)
                {
                    _w.Line($"Unsafe.Add(ref gates, {3 * u}) = 1 / oDivisor;");
                    _w.Line($"Unsafe.Add(ref record, {l.GateRows} + unit) = LstmMath.Tanh(c);");
                }
                else
                {
                    _w.Line($"Unsafe.Add(ref gates, {3 * u}) = o;");
                    _w.Line($"Unsafe.Add(ref record, {l.GateRows} + unit) = tanhC;");
                }
            }
        }

        _w.Line();
    }

    private void MultiplyAdds(string set, string value)
    {
        int u = _layer.UnitBlock;
        _w.Line($"{set}I = LstmSimd.MultiplyAdd(column, {value}, {set}I);");
        _w.Line($"{set}F = LstmSimd.MultiplyAdd(Unsafe.Add(ref column, {u}), {value}, {set}F);");
        _w.Line($"{set}G = LstmSimd.MultiplyAdd(Unsafe.Add(ref column, {2 * u}), {value}, {set}G);");
        _w.Line($"{set}O = LstmSimd.MultiplyAdd(Unsafe.Add(ref column, {3 * u}), {value}, {set}O);");
    }
}
