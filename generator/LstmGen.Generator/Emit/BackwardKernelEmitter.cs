using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the training layer's back-propagation through time: a loop from the last recorded step to the first that turns
/// each step's gates into gate gradients and carries dh and dc back, then one pass that adds every step's outer product to
/// the weight gradients. The vectorised inner loops live in <c>LstmBackprop</c>; the sizes are constants here.
/// </summary>
internal sealed class BackwardKernelEmitter
{
    private readonly EmitContext _context;

    public BackwardKernelEmitter(EmitContext context) => _context = context;

    public void Emit()
    {
        LayerPlan l = _context.Layer;
        SourceWriter w = _context.Writer;
        TapeLayout tape = l.Tape;
        string t = _context.T;
        int h = l.StateWidth;
        int i = l.InputWidth;

        w.Line("/// <summary>Back-propagation through the recorded steps (see the layer's Backward); null refs mark absent optional spans.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        w.Line("public static void Backward(");
        w.Indentation++;
        w.Line($"ref {t} weights,");
        w.Line($"ref {t} gradients,");
        w.Line($"ref {t} tape,");
        w.Line("int steps,");
        w.Line($"ref {t} dLossDh,");
        w.Line($"ref {t} dLossDhFinal,");
        w.Line($"ref {t} dLossDcFinal,");
        w.Line($"ref {t} dLossDx,");
        w.Line($"ref {t} dLossDh0,");
        w.Line($"ref {t} dLossDc0)");
        w.Indentation--;
        using (w.OpenBlock())
        using (w.OpenBlock("unchecked"))
        {
            w.Line("Unsafe.SkipInit(out StateVector dhBuffer);");
            w.Line("Unsafe.SkipInit(out StateVector dcBuffer);");
            w.Line($"ref {t} dh = ref Unsafe.As<StateVector, {t}>(ref dhBuffer);");
            w.Line($"ref {t} dc = ref Unsafe.As<StateVector, {t}>(ref dcBuffer);");
            w.Line();
            int n = l.Streams;
            if (n > 1)
            {
                w.Line($"// Each of the {n} streams back-propagates through its own records (step t of stream s at t·{n} + s); the weight");
                w.Line("// gradients of all of them are summed below, in one pass over every record: a mini-batch.");
            }

            if (n > 1)
            {
                w.Line("// Two streams at a time: their steps t run together, so Whᵀ·da loads each weight once for both.");
                w.Line("Unsafe.SkipInit(out StateVector dhBuffer1);");
                w.Line("Unsafe.SkipInit(out StateVector dcBuffer1);");
                w.Line($"ref {t} dh1 = ref Unsafe.As<StateVector, {t}>(ref dhBuffer1);");
                w.Line($"ref {t} dc1 = ref Unsafe.As<StateVector, {t}>(ref dcBuffer1);");
                using (w.OpenBlock($"for (int stream = 0; stream + 1 < {n}; stream += 2)"))
                {
                    EmitStreamPair(w, l, tape, t, h, i, n);
                }

                if (n % 2 == 1)
                {
                    w.Line();
                    w.Line("// The last stream on its own.");
                    using (w.OpenBlock())
                    {
                        w.Line($"const int stream = {n - 1};");
                        EmitStream(w, l, tape, t, h, i, n);
                    }
                }
            }
            else
            {
                EmitStream(w, l, tape, t, h, i, n);
            }

            w.Line();
            w.Line("// dx = Wxᵀ·da for every record, once the chain is done: only dh₋₁ must be computed step by step, and the");
            w.Line($"// {i} input columns' weights stay in the L1 cache from one record to the next.");
            using (w.OpenBlock("if (!Unsafe.IsNullRef(ref dLossDx))"))
            using (w.OpenBlock(n > 1 ? $"for (int record = 0; record < steps * {n}; record++)" : "for (int record = 0; record < steps; record++)"))
            {
                w.Line($"ref {t} gates = ref Unsafe.Add(ref tape, (record * {tape.Stride}) + {tape.GatesOffset});");
                w.Line($"LstmBackprop.TransposedProduct(ref weights, ref gates, ref Unsafe.Add(ref dLossDx, record * {i}), 1, {i}, {l.BlockCount}, {l.Columns}, {l.RowsPerBlock});");
            }

            w.Line();
            if (n > 1)
            {
                w.Line("// dA += Σ_s Σ_t da ⊗ [1; x; h₋₁]: every weight and bias gradient is a sum over all recorded steps of all streams.");
                w.Line($"LstmBackprop.AccumulateOuterProducts(ref gradients, ref tape, {tape.Stride}, steps * {n}, {tape.GatesOffset}, {l.BlockCount}, {l.Columns}, {l.RowsPerBlock});");
            }
            else
            {
                w.Line("// dA += Σ_t da_t ⊗ [1; x_t; h_{t−1}]: every weight and bias gradient is a sum over all recorded steps.");
                w.Line($"LstmBackprop.AccumulateOuterProducts(ref gradients, ref tape, {tape.Stride}, steps, {tape.GatesOffset}, {l.BlockCount}, {l.Columns}, {l.RowsPerBlock});");
            }
        }

        w.Line();
        w.Line("/// <summary>dh or dc during back-propagation.</summary>");
        w.Line($"[InlineArray({h})]");
        using (w.OpenBlock("private struct StateVector"))
        {
            w.Line($"private {t} element0;");
        }

        w.Line();
    }

    /// <summary>One stream's loop from its last recorded step to its first (the only one for a single-stream layer).</summary>
    private void EmitStream(SourceWriter w, LayerPlan l, TapeLayout tape, string t, int h, int i, int n)
    {
        string At(string reference, string stream, int width) => n == 1 ? reference : $"Unsafe.Add(ref {reference}, {stream} * {width})";
        w.Line("// dh and dc after the last step: the final-state gradients, or zero.");
        foreach ((string name, string buffer, string given) in new[] { ("dh", "dhBuffer", "dLossDhFinal"), ("dc", "dcBuffer", "dLossDcFinal") })
        {
            using (w.OpenBlock($"if (Unsafe.IsNullRef(ref {given}))"))
            {
                w.Line($"{buffer} = default;");
            }

            using (w.OpenBlock("else"))
            {
                w.Line(_context.Copy(name, At(given, "stream", h), "StateWidth"));
            }

            w.Line();
        }

        using (w.OpenBlock("for (int t = steps - 1; t >= 0; t--)"))
        {
            w.Line($"ref {t} record = ref Unsafe.Add(ref tape, {Step(n)} * {tape.Stride});");
            w.Line($"ref {t} gates = ref Unsafe.Add(ref record, {tape.GatesOffset});");
            w.Line();
            w.Line("// dh_t = dLoss/dh_t + what flows back from step t + 1 (through Wh).");
            w.Line($"LstmBackprop.Add(ref dh, ref Unsafe.Add(ref dLossDh, {Step(n)} * {h}), {h});");
            w.Line();
            w.Line("// Gate gradients da (pre-activation) replace the recorded gates; dc becomes dc₋₁ = dc∘f.");
            w.Line($"ref {t} tanhCell = ref Unsafe.Add(ref record, {tape.TanhOffset});");
            w.Line($"ref {t} cellPrevious = ref Unsafe.Add(ref record, {tape.CellOffset});");
            w.Line($"LstmBackprop.GateGradients(ref gates, ref tanhCell, ref cellPrevious, ref dh, ref dc, {h}, {l.UnitBlock});");
            w.Line();
            w.Line($"// dh₋₁ = Whᵀ·da over the {h} hidden columns, straight into dh (GateGradients has read it); every other step");
            w.Line("// takes the columns from the last, starting on the weights the step before read last (still in L1).");
            w.Line($"LstmBackprop.TransposedProduct(ref weights, ref gates, ref dh, {1 + i}, {h}, {l.BlockCount}, {l.Columns}, {l.RowsPerBlock}, descending: (t & 1) != 0);");
        }

        w.Line();
        w.Line("// What is left flows into the state Forward started from.");
        using (w.OpenBlock("if (!Unsafe.IsNullRef(ref dLossDh0))"))
        {
            w.Line(_context.Copy(At("dLossDh0", "stream", h), "dh", "StateWidth"));
        }

        w.Line();
        using (w.OpenBlock("if (!Unsafe.IsNullRef(ref dLossDc0))"))
        {
            w.Line(_context.Copy(At("dLossDc0", "stream", h), "dc", "StateWidth"));
        }
    }

    /// <summary>Streams <c>stream</c> and <c>stream + 1</c> back through their records together (dh, dc and dh1, dc1).</summary>
    private void EmitStreamPair(SourceWriter w, LayerPlan l, TapeLayout tape, string t, int h, int i, int n)
    {
        w.Line("// dh and dc after the last step: the final-state gradients, or zero.");
        foreach ((string name, string buffer, string given, int offset) in new[] { ("dh", "dhBuffer", "dLossDhFinal", 0), ("dc", "dcBuffer", "dLossDcFinal", 0), ("dh1", "dhBuffer1", "dLossDhFinal", 1), ("dc1", "dcBuffer1", "dLossDcFinal", 1) })
        {
            using (w.OpenBlock($"if (Unsafe.IsNullRef(ref {given}))"))
            {
                w.Line($"{buffer} = default;");
            }

            using (w.OpenBlock("else"))
            {
                w.Line(_context.Copy(name, $"Unsafe.Add(ref {given}, (stream + {offset}) * {h})", "StateWidth"));
            }

            w.Line();
        }

        using (w.OpenBlock("for (int t = steps - 1; t >= 0; t--)"))
        {
            w.Line($"ref {t} record = ref Unsafe.Add(ref tape, {Step(n)} * {tape.Stride});");
            w.Line($"ref {t} record1 = ref Unsafe.Add(ref record, {tape.Stride});");
            w.Line($"ref {t} gates = ref Unsafe.Add(ref record, {tape.GatesOffset});");
            w.Line($"ref {t} gates1 = ref Unsafe.Add(ref record1, {tape.GatesOffset});");
            w.Line();
            w.Line("// As for one stream, twice: dh_t, then the gate gradients (dc becomes dc₋₁); then dh₋₁ = Whᵀ·da of both at once,");
            w.Line("// every other step from the last column.");
            w.Line($"LstmBackprop.Add(ref dh, ref Unsafe.Add(ref dLossDh, {Step(n)} * {h}), {h});");
            w.Line($"LstmBackprop.Add(ref dh1, ref Unsafe.Add(ref dLossDh, ({Step(n)} + 1) * {h}), {h});");
            w.Line($"LstmBackprop.GateGradients(ref gates, ref Unsafe.Add(ref record, {tape.TanhOffset}), ref Unsafe.Add(ref record, {tape.CellOffset}), ref dh, ref dc, {h}, {l.UnitBlock});");
            w.Line($"LstmBackprop.GateGradients(ref gates1, ref Unsafe.Add(ref record1, {tape.TanhOffset}), ref Unsafe.Add(ref record1, {tape.CellOffset}), ref dh1, ref dc1, {h}, {l.UnitBlock});");
            w.Line($"LstmBackprop.TransposedProductPair(ref weights, ref gates, ref gates1, ref dh, ref dh1, {1 + i}, {h}, {l.BlockCount}, {l.Columns}, {l.RowsPerBlock}, descending: (t & 1) != 0);");
        }

        w.Line();
        w.Line("// What is left flows into the states Forward started from.");
        using (w.OpenBlock("if (!Unsafe.IsNullRef(ref dLossDh0))"))
        {
            w.Line(_context.Copy($"Unsafe.Add(ref dLossDh0, stream * {h})", "dh", "StateWidth"));
            w.Line(_context.Copy($"Unsafe.Add(ref dLossDh0, (stream + 1) * {h})", "dh1", "StateWidth"));
        }

        w.Line();
        using (w.OpenBlock("if (!Unsafe.IsNullRef(ref dLossDc0))"))
        {
            w.Line(_context.Copy($"Unsafe.Add(ref dLossDc0, stream * {h})", "dc", "StateWidth"));
            w.Line(_context.Copy($"Unsafe.Add(ref dLossDc0, (stream + 1) * {h})", "dc1", "StateWidth"));
        }
    }

    /// <summary>The index of step t's record (of stream <c>stream</c> when streamed): records go time-major.</summary>
    private static string Step(int streams) => streams == 1 ? "t" : $"((t * {streams}) + stream)";
}
