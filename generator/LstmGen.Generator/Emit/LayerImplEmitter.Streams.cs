using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// The members of a streamed layer's implementation (<see cref="LayerPlan.IsStreamed"/>): the state of every
/// stream, per-stream state access, Step over the first n streams and Forward over time steps of all streams.
/// </summary>
internal sealed partial class LayerImplEmitter
{
    private void EmitStreamedMembers()
    {
        _context.WriteUnscopedRef();
        W.Line($"public ReadOnlySpan<{T}> HiddenState => MemoryMarshal.CreateReadOnlySpan(ref HiddenReference, Streams * StateWidth);");
        W.Line();
        _context.WriteUnscopedRef();
        W.Line($"public ReadOnlySpan<{T}> CellState => MemoryMarshal.CreateReadOnlySpan(ref CellReference, Streams * StateWidth);");
        W.Line();
        using (W.OpenBlock("public void Reset()"))
        {
            W.Line("state = default;");
        }

        W.Line();
        using (W.OpenBlock("public void Reset(int stream)"))
        {
            W.Line("LstmGuard.Index(stream, Streams, \"stream\");");
            W.Line("MemoryMarshal.CreateSpan(ref Unsafe.Add(ref HiddenReference, stream * StateWidth), StateWidth).Clear();");
            W.Line("MemoryMarshal.CreateSpan(ref Unsafe.Add(ref CellReference, stream * StateWidth), StateWidth).Clear();");
        }

        W.Line();
        using (W.OpenBlock($"public void SetState(ReadOnlySpan<{T}> hidden, ReadOnlySpan<{T}> cell)"))
        {
            W.Line("LstmGuard.Length(hidden.Length, Streams * StateWidth, \"hidden\", \"N·H\");");
            W.Line("LstmGuard.Length(cell.Length, Streams * StateWidth, \"cell\", \"N·H\");");
            W.Line("hidden.CopyTo(MemoryMarshal.CreateSpan(ref HiddenReference, Streams * StateWidth));");
            W.Line("cell.CopyTo(MemoryMarshal.CreateSpan(ref CellReference, Streams * StateWidth));");
        }

        W.Line();
        using (W.OpenBlock($"public void SetState(int stream, ReadOnlySpan<{T}> hidden, ReadOnlySpan<{T}> cell)"))
        {
            W.Line("LstmGuard.Index(stream, Streams, \"stream\");");
            W.Line("LstmGuard.Length(hidden.Length, StateWidth, \"hidden\", \"H\");");
            W.Line("LstmGuard.Length(cell.Length, StateWidth, \"cell\", \"H\");");
            W.Line("hidden.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref HiddenReference, stream * StateWidth), StateWidth));");
            W.Line("cell.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref CellReference, stream * StateWidth), StateWidth));");
        }

        W.Line();
        using (W.OpenBlock($"public void CopyStateTo(Span<{T}> hidden, Span<{T}> cell)"))
        {
            W.Line("LstmGuard.Length(hidden.Length, Streams * StateWidth, \"hidden\", \"N·H\");");
            W.Line("LstmGuard.Length(cell.Length, Streams * StateWidth, \"cell\", \"N·H\");");
            W.Line("HiddenState.CopyTo(hidden);");
            W.Line("CellState.CopyTo(cell);");
        }

        W.Line();
        using (W.OpenBlock($"public void CopyStateTo(int stream, Span<{T}> hidden, Span<{T}> cell)"))
        {
            W.Line("LstmGuard.Index(stream, Streams, \"stream\");");
            W.Line("LstmGuard.Length(hidden.Length, StateWidth, \"hidden\", \"H\");");
            W.Line("LstmGuard.Length(cell.Length, StateWidth, \"cell\", \"H\");");
            W.Line("HiddenState.Slice(stream * StateWidth, StateWidth).CopyTo(hidden);");
            W.Line("CellState.Slice(stream * StateWidth, StateWidth).CopyTo(cell);");
        }

        W.Line();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Step(ReadOnlySpan<{T}> x, Span<{T}> h)"))
        {
            W.Line("LstmGuard.Length(x.Length, Streams * InputWidth, \"x\", \"N·I\");");
            W.Line("LstmGuard.Length(h.Length, Streams * StateWidth, \"h\", \"N·H\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(x, h, \"h\");");
            W.Line($"Advance(ref {WeightsReference}, ref AlignedState(), ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(h), Streams);");
        }

        W.Line();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Step(ReadOnlySpan<{T}> x, Span<{T}> h, int streams)"))
        {
            W.Line("LstmGuard.Count(streams, Streams, \"streams\");");
            W.Line("LstmGuard.Length(x.Length, streams * InputWidth, \"x\", \"n·I\");");
            W.Line("LstmGuard.Length(h.Length, streams * StateWidth, \"h\", \"n·H\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(x, h, \"h\");");
            W.Line($"Advance(ref {WeightsReference}, ref AlignedState(), ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(h), streams);");
        }

        W.Line();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Forward(ReadOnlySpan<{T}> xs, Span<{T}> hs)"))
        {
            W.Line("int steps = LstmGuard.Steps(xs.Length, Streams * InputWidth, \"xs\", \"N·I\");");
            W.Line("LstmGuard.SequenceLength(hs.Length, steps, Streams * StateWidth, \"hs\", \"N·H\");");
            if (Layer.IsTraining)
            {
                W.Line("LstmGuard.TapeCapacity(steps, MaxSteps, \"xs\");");
            }

            W.Line($"LstmGuard.NoOverlap<{T}>(xs, hs, \"hs\");");
            W.Line($"ref {T} x = ref MemoryMarshal.GetReference(xs);");
            W.Line($"ref {T} h = ref MemoryMarshal.GetReference(hs);");
            W.Line($"ref {T} weights = ref {WeightsReference};");
            W.Line($"ref {T} aligned = ref AlignedState();");
            if (Layer.IsTraining)
            {
                W.Line($"ref {T} tape = ref Unsafe.As<Tape, {T}>(ref this.tape);");
            }

            using (W.OpenBlock("unchecked"))
            using (W.OpenBlock("for (int t = 0; t < steps; t++)"))
            {
                W.Line($"ref {T} xt = ref Unsafe.Add(ref x, t * Streams * InputWidth);");
                W.Line($"ref {T} ht = ref Unsafe.Add(ref h, t * Streams * StateWidth);");
                if (Layer.IsTraining)
                {
                    TapeLayout tape = Layer.Tape;
                    W.Line("// Step t's records, one per stream: x, h₋₁ and c₋₁ here; the kernel adds the gates and tanh(c).");
                    W.Line($"ref {T} records = ref Unsafe.Add(ref tape, t * Streams * TapeStepStride);");
                    using (W.OpenBlock("for (int stream = 0; stream < Streams; stream++)"))
                    {
                        W.Line($"ref {T} record = ref Unsafe.Add(ref records, stream * TapeStepStride);");
                        W.Line(_context.Copy("record", "Unsafe.Add(ref xt, stream * InputWidth)", "InputWidth"));
                        W.Line(_context.Copy($"Unsafe.Add(ref record, {tape.HiddenOffset})", "Unsafe.Add(ref aligned, stream * StateWidth)", "StateWidth"));
                        W.Line(_context.Copy($"Unsafe.Add(ref record, {tape.CellOffset})", "Unsafe.Add(ref aligned, (Streams + stream) * StateWidth)", "StateWidth"));
                    }

                    W.Line();
                    W.Line("AdvanceRecorded(ref weights, ref aligned, ref xt, ref ht, ref records);");
                }
                else
                {
                    W.Line("Advance(ref weights, ref aligned, ref xt, ref ht, Streams);");
                }
            }

            if (Layer.IsTraining)
            {
                W.Line();
                W.Line("recordedSteps = steps;");
            }
        }

        W.Line();
        W.Line("/// <summary>");
        W.Line("/// One step of the first <paramref name=\"streams\"/> streams: the kernel for the widest vectors the hardware accelerates");
        W.Line("/// writes their new h to <paramref name=\"h\"/> (the state's h₋₁ stays intact while later blocks read it), then the state");
        W.Line("/// takes it.");
        W.Line("/// </summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private static void Advance(ref {T} weights, ref {T} aligned, ref {T} x, ref {T} h, int streams)"))
        {
            W.Line($"ref {T} cell = ref Unsafe.Add(ref aligned, Streams * StateWidth);");
            EmitDispatch(path => $"Kernels.StepStreams{path}(ref weights, ref aligned, ref h, ref cell, ref x, streams);");
            W.Line("Copy(ref aligned, ref h, streams * StateWidth);");
        }

        W.Line();
        if (Layer.IsTraining)
        {
            W.Line("/// <summary>One step of every stream, as <see cref=\"Advance\"/>, also writing each stream's gates and tanh(c) to its tape record.</summary>");
            W.Line(EmitContext.HotPath);
            using (W.OpenBlock($"private static void AdvanceRecorded(ref {T} weights, ref {T} aligned, ref {T} x, ref {T} h, ref {T} records)"))
            {
                W.Line($"ref {T} cell = ref Unsafe.Add(ref aligned, Streams * StateWidth);");
                EmitDispatch(path => $"Kernels.StepStreamsRecorded{path}(ref weights, ref aligned, ref h, ref cell, ref x, ref records, Streams);");
                W.Line("Copy(ref aligned, ref h, Streams * StateWidth);");
            }

            W.Line();
        }
    }

    private void EmitStreamedRun()
    {
        W.Line("/// <summary>One step of the first <paramref name=\"streams\"/> streams for the model: returns a reference to their new h, stream after stream.</summary>");
        W.Line(EmitContext.HotPath);
        _context.WriteUnscopedRef();
        using (W.OpenBlock($"internal ref {T} Run(ref {T} x, int streams)"))
        {
            W.Line($"ref {T} h = ref Unsafe.As<StreamOutput, {T}>(ref output);");
            W.Line($"Advance(ref {WeightsReference}, ref AlignedState(), ref x, ref h, streams);");
            W.Line("return ref h;");
        }

        W.Line();
    }

    private void EmitStreamStateReferences()
    {
        string storage = $"Unsafe.As<StateStorage, {T}>(ref state)";
        W.Line("/// <summary>Every stream's h, stream after stream, wherever the state is in the storage now.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} HiddenReference => ref Unsafe.Add(ref {storage}, stateOffset);");
        W.Line();
        W.Line("/// <summary>Every stream's c, after the h of all streams.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} CellReference => ref Unsafe.Add(ref HiddenReference, Streams * StateWidth);");
        W.Line();
        W.Line("/// <summary>Moves the state onto the storage's 64-byte boundary if the layer moved since it last ran; returns its first element.</summary>");
        _context.WriteUnscopedRef();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private ref {T} AlignedState()"))
        {
            W.Line($"ref {T} storage = ref {storage};");
            W.Line("return ref LstmAlignment.Align(ref storage, ref stateOffset, 2 * Streams * StateWidth);");
        }

        W.Line();
    }
}
