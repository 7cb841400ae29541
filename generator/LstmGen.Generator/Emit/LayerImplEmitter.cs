using System;
using System.Linq;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes a layer's implementation struct in <c>LstmGen.Generated</c>: its constants, buffers and state, the public members'
/// bodies (argument checks, alignment, tape copies), the dispatch to the widest accelerated kernel path, and the kernels.
/// </summary>
internal sealed partial class LayerImplEmitter
{
    private readonly EmitContext _context;
    private readonly string? _partSummary;

    /// <summary>Creates the emitter of a layer, or of one LSTM layer of a model when <paramref name="partSummary"/> is given.</summary>
    /// <param name="context">The layer's context.</param>
    /// <param name="partSummary">For a model's layer, its summary; the struct is then nested in the model's and runs through <c>Run</c>.</param>
    public LayerImplEmitter(EmitContext context, string? partSummary = null)
    {
        _context = context;
        _partSummary = partSummary;
    }

    private LayerPlan Layer => _context.Layer;

    private SourceWriter W => _context.Writer;

    private string T => _context.T;

    private bool IsPart => _partSummary is not null;

    public void Emit(BakedParameters? baked)
    {
        if (IsPart)
        {
            W.Line($"/// <summary>{_partSummary}</summary>");
        }
        else
        {
            W.Line($"/// <summary>The implementation of <see cref=\"{Layer.Spec.Target.Cref}\"/>: its buffers and state, and the code that runs them.</summary>");
            W.Line("/// <remarks>For use by the generated layer only; not meant to be used from other code.</remarks>");
            W.Line(EmitContext.GeneratedCode);
            W.Line("[EditorBrowsable(EditorBrowsableState.Never)]");
        }

        if (_context.AllowUnsafe)
        {
            W.Line("[SkipLocalsInit]");
        }

        using (W.OpenBlock($"internal struct {Layer.Spec.Target.ImplName}"))
        {
            EmitConstants();
            EmitFields();
            EmitParameterAccess(baked);
            if (Layer.IsStreamed)
            {
                EmitStreamedMembers();
                if (IsPart)
                {
                    EmitStreamedRun();
                }

                if (Layer.IsTraining)
                {
                    new TrainingImplEmitter(_context).Emit();
                }

                EmitReferences();
                EmitCopy();
                StorageTypesEmitter.Emit(_context);
                new KernelsEmitter(_context).Emit();
                return;
            }

            EmitState();
            if (IsPart)
            {
                EmitRun();
            }
            else
            {
                EmitStep();
            }

            EmitForward();
            if (Layer.IsTraining)
            {
                new TrainingImplEmitter(_context).Emit();
            }

            EmitStepCore();
            EmitAdvance();
            if (Layer.ProjectionSteps > 0)
            {
                EmitAdvance(projected: true);
                EmitProject();
            }
            EmitReferences();
            EmitCopy();
            StorageTypesEmitter.Emit(_context);
            new KernelsEmitter(_context).Emit();
        }
    }

    private void EmitConstants()
    {
        LayerPlan l = Layer;
        W.Line($"private const int InputWidth = {l.InputWidth};");
        W.Line($"private const int StateWidth = {l.StateWidth};");
        W.Line($"private const int UnitBlock = {l.UnitBlock};");
        W.Line($"private const int ParameterCount = {l.ParameterCount};");
        if (l.IsStreamed)
        {
            W.Line($"private const int Streams = {l.Streams};");
        }
        if (!l.IsBaked)
        {
            W.Line($"private const double DefaultInitRange = {Literals.Double(1.0 / Math.Sqrt(l.StateWidth))};");
        }

        if (l.IsTraining)
        {
            W.Line($"private const int MaxSteps = {l.Spec.MaxSteps};");
            W.Line($"private const int TapeStepStride = {l.Tape.Stride};");
        }

        if (!l.IsStreamed)
        {
            // A streamed layer keeps its streams' states H apart (see its StateStorage), so it has no slots.
            W.Line();
            W.Line("/// <summary>Elements from one state vector to the next: H rounded up to whole 64-byte lines, so each starts on a line.</summary>");
            W.Line($"private const int StateSlot = {l.StateSlot};");
        }

        if (l.ProjectionSteps > 0)
        {
            W.Line();
            W.Line($"/// <summary>Steps whose b + Wx·x Forward sums before running them ({l.GateRows} sums per step).</summary>");
            W.Line($"private const int ProjectionSteps = {l.ProjectionSteps};");
        }

        W.Line();
    }

    private void EmitFields()
    {
        if (!Layer.IsBaked)
        {
            W.Line("/// <summary>The parameters, starting <see cref=\"parameterOffset\"/> elements in: on a 64-byte boundary once aligned.</summary>");
            W.Line("private ParameterStorage parameters;");
            W.Line("private int parameterOffset;");
            W.Line();
        }

        if (Layer.IsStreamed)
        {
            W.Line("/// <summary>The state, starting <see cref=\"stateOffset\"/> elements in: every stream's h, then every stream's c.</summary>");
            W.Line("private StateStorage state;");
            W.Line("private int stateOffset;");
            W.Line();
            if (IsPart)
            {
                W.Line("/// <summary>Every stepped stream's new h, stream after stream, where the model's next layer reads it.</summary>");
                W.Line("private StreamOutput output;");
                W.Line();
            }

            return;
        }

        W.Line("/// <summary>The state, starting <see cref=\"stateOffset\"/> elements in: h twice (see <see cref=\"hiddenSide\"/>), then c.</summary>");
        W.Line("private StateStorage state;");
        W.Line("private int stateOffset;");
        W.Line();
        W.Line("/// <summary>Which copy of h is current: each step reads it and writes the other, so no step waits on a copy.</summary>");
        W.Line("private int hiddenSide;");
        W.Line();
    }

    private void EmitParameterAccess(BakedParameters? baked)
    {
        W.Line("public static LstmParameterLayout ParameterLayout => new(InputWidth, StateWidth, UnitBlock);");
        W.Line();
        if (Layer.IsBaked)
        {
            if (baked is null)
            {
                W.Line("// The weights file could not be baked (the build reports why), so these zeros only keep the layer's members in place.");
            }

            BakedDataEmitter.Emit(W, T, baked, "ParameterCount", _context.Optimized);
            W.Line("public static LstmReadOnlyWeights<" + T + "> Weights => new(Parameters, ParameterLayout);");
            W.Line();
            W.Line("public void ExportParameters(Span<" + T + "> destination) => ParameterLayout.StorageToCanonical<" + T + ">(Parameters, destination);");
            W.Line();
            return;
        }

        _context.WriteUnscopedRef();
        W.Line($"public Span<{T}> Parameters => MemoryMarshal.CreateSpan(ref ParameterReference, ParameterCount);");
        W.Line();
        _context.WriteUnscopedRef();
        W.Line($"public LstmWeights<{T}> Weights => new(Parameters, ParameterLayout);");
        W.Line();
        W.Line("public void InitializeParameters(ulong seed) => InitializeParameters(seed, DefaultInitRange);");
        W.Line();
        W.Line("public void InitializeParameters(ulong seed, double range) => Weights.InitializeUniform(seed, range);");
        W.Line();
        W.Line($"public void ImportParameters(ReadOnlySpan<{T}> source) => ParameterLayout.CanonicalToStorage(source, Parameters);");
        W.Line();
        W.Line($"public void ExportParameters(Span<{T}> destination) => ParameterLayout.StorageToCanonical<{T}>(Parameters, destination);");
        W.Line();
    }

    private void EmitState()
    {
        _context.WriteUnscopedRef();
        W.Line($"public ReadOnlySpan<{T}> HiddenState => MemoryMarshal.CreateReadOnlySpan(ref HiddenReference, StateWidth);");
        W.Line();
        _context.WriteUnscopedRef();
        W.Line($"public ReadOnlySpan<{T}> CellState => MemoryMarshal.CreateReadOnlySpan(ref CellReference, StateWidth);");
        W.Line();
        using (W.OpenBlock("public void Reset()"))
        {
            W.Line("state = default;");
            W.Line("hiddenSide = 0;");
        }

        W.Line();
        using (W.OpenBlock($"public void SetState(ReadOnlySpan<{T}> hidden, ReadOnlySpan<{T}> cell)"))
        {
            W.Line("LstmGuard.Length(hidden.Length, StateWidth, \"hidden\", \"H\");");
            W.Line("LstmGuard.Length(cell.Length, StateWidth, \"cell\", \"H\");");
            W.Line("hidden.CopyTo(MemoryMarshal.CreateSpan(ref HiddenReference, StateWidth));");
            W.Line("cell.CopyTo(MemoryMarshal.CreateSpan(ref CellReference, StateWidth));");
        }

        W.Line();
        using (W.OpenBlock($"public void CopyStateTo(Span<{T}> hidden, Span<{T}> cell)"))
        {
            W.Line("LstmGuard.Length(hidden.Length, StateWidth, \"hidden\", \"H\");");
            W.Line("LstmGuard.Length(cell.Length, StateWidth, \"cell\", \"H\");");
            W.Line("HiddenState.CopyTo(hidden);");
            W.Line("CellState.CopyTo(cell);");
        }

        W.Line();
    }

    private void EmitStep()
    {
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Step(ReadOnlySpan<{T}> x, Span<{T}> h)"))
        {
            W.Line("LstmGuard.Length(x.Length, InputWidth, \"x\", \"I\");");
            W.Line("LstmGuard.Length(h.Length, StateWidth, \"h\", \"H\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(x, h, \"h\");");
            W.Line($"ref {T} weights = ref {WeightsReference};");
            W.Line($"ref {T} aligned = ref AlignedState();");
            W.Line($"ref {T} input = ref MemoryMarshal.GetReference(x);");
            W.Line($"ref {T} output = ref MemoryMarshal.GetReference(h);");
            if (Layer.IsTraining)
            {
                W.Line("// The kernel records the gates and tanh(c) for training; outside Forward they go to a scratch step on the stack.");
                W.Line("Unsafe.SkipInit(out TapeStep scratch);");
                W.Line($"StepCore(ref weights, ref aligned, ref input, ref output, ref Unsafe.As<TapeStep, {T}>(ref scratch));");
            }
            else
            {
                W.Line("StepCore(ref weights, ref aligned, ref input, ref output);");
            }
        }

        W.Line();
    }

    private void EmitRun()
    {
        W.Line("/// <summary>One step for the model: returns a reference to the new h, inside the state, where the next layer reads it.</summary>");
        W.Line(EmitContext.HotPath);
        _context.WriteUnscopedRef();
        using (W.OpenBlock($"internal ref {T} Run(ref {T} x)"))
        {
            W.Line($"ref {T} weights = ref {WeightsReference};");
            W.Line($"ref {T} aligned = ref AlignedState();");
            if (Layer.IsTraining)
            {
                W.Line("// The kernel records the gates and tanh(c) for training; outside Forward they go to a scratch step on the stack.");
                W.Line("Unsafe.SkipInit(out TapeStep scratch);");
                W.Line($"return ref Advance(ref weights, ref aligned, ref x, ref Unsafe.As<TapeStep, {T}>(ref scratch));");
            }
            else
            {
                W.Line("return ref Advance(ref weights, ref aligned, ref x);");
            }
        }

        W.Line();
    }

    private void EmitForward()
    {
        LayerPlan l = Layer;
        TapeLayout tape = l.Tape;
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Forward(ReadOnlySpan<{T}> xs, Span<{T}> hs)"))
        {
            W.Line("int steps = LstmGuard.Steps(xs.Length, InputWidth, \"xs\", \"I\");");
            W.Line("LstmGuard.SequenceLength(hs.Length, steps, StateWidth, \"hs\", \"H\");");
            if (l.IsTraining)
            {
                W.Line("LstmGuard.TapeCapacity(steps, MaxSteps, \"xs\");");
            }

            W.Line($"LstmGuard.NoOverlap<{T}>(xs, hs, \"hs\");");
            W.Line($"ref {T} x = ref MemoryMarshal.GetReference(xs);");
            W.Line($"ref {T} h = ref MemoryMarshal.GetReference(hs);");
            W.Line($"ref {T} weights = ref {WeightsReference};");
            W.Line($"ref {T} aligned = ref AlignedState();");
            if (l.IsTraining)
            {
                W.Line($"ref {T} tape = ref Unsafe.As<Tape, {T}>(ref this.tape);");
                W.Line($"ref {T} cell = ref Unsafe.Add(ref aligned, 2 * StateSlot);");
            }

            if (l.ProjectionSteps > 0)
            {
                EmitProjectedRuns();
            }
            else
            {
                EmitSteps();
            }
        }

        W.Line();
    }

    /// <summary>Forward's body step by step: for a training layer, each step's tape record first.</summary>
    private void EmitSteps()
    {
        LayerPlan l = Layer;
        TapeLayout tape = l.Tape;
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock("for (int t = 0; t < steps; t++)"))
        {
            W.Line($"ref {T} xt = ref Unsafe.Add(ref x, t * InputWidth);");
            W.Line($"ref {T} ht = ref Unsafe.Add(ref h, t * StateWidth);");
            if (l.IsTraining)
            {
                W.Line("// Tape step t: x, h₋₁ and c₋₁ here; the kernel adds the gates and tanh(c).");
                W.Line($"ref {T} record = ref Unsafe.Add(ref tape, t * TapeStepStride);");
                W.Line(_context.Copy("record", "xt", "InputWidth"));
                W.Line(_context.Copy($"Unsafe.Add(ref record, {tape.HiddenOffset})", "HiddenReference", "StateWidth"));
                W.Line(_context.Copy($"Unsafe.Add(ref record, {tape.CellOffset})", "cell", "StateWidth"));
                W.Line($"StepCore(ref weights, ref aligned, ref xt, ref ht, ref Unsafe.Add(ref record, {tape.GatesOffset}));");
            }
            else
            {
                W.Line("StepCore(ref weights, ref aligned, ref xt, ref ht);");
            }
        }

        if (l.IsTraining)
        {
            W.Line();
            W.Line("recordedSteps = steps;");
        }
    }

    /// <summary>Forward's body where the layer projects its inputs (<see cref="LayerPlan.ProjectionSteps"/>).</summary>
    private void EmitProjectedRuns()
    {
        int group = Layer.ProjectionGroup;
        W.Line($"// Runs of up to {Layer.ProjectionSteps} steps: first z = b + Wx·x for the whole run, each Wx vector loaded once for {group} steps,");
        W.Line("// then the steps, which add Wh·h₋₁. The sums keep Step's order, so the bits are Step's.");
        W.Line("Unsafe.SkipInit(out Projection projection);");
        W.Line($"ref {T} z = ref Unsafe.As<Projection, {T}>(ref projection);");
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock("for (int first = 0; first < steps; first += ProjectionSteps)"))
        {
            W.Line("int count = steps - first < ProjectionSteps ? steps - first : ProjectionSteps;");
            W.Line("Project(ref weights, ref Unsafe.Add(ref x, first * InputWidth), ref z, count);");
            using (W.OpenBlock("for (int t = 0; t < count; t++)"))
            {
                W.Line($"ref {T} hidden = ref AdvanceProjected(ref weights, ref aligned, ref Unsafe.Add(ref z, t * {Layer.GateRows}));");
                W.Line(_context.Copy("Unsafe.Add(ref h, (first + t) * StateWidth)", "hidden", "StateWidth"));
            }
        }
    }

    /// <summary>The projection kernel for the widest vectors the hardware accelerates, as <c>Advance</c> picks the step's.</summary>
    private void EmitProject()
    {
        W.Line("/// <summary>z = b + Wx·x for <paramref name=\"steps\"/> steps: the kernel for the widest vectors the hardware accelerates.</summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private static void Project(ref {T} weights, ref {T} xs, ref {T} projection, int steps)"))
        {
            EmitDispatch(path => $"Kernels.Project{path}(ref weights, ref xs, ref projection, steps);");
        }

        W.Line();
    }

    /// <summary>Writes the if-chain over the kernel paths, widest first, then the scalar path.</summary>
    private void EmitDispatch(Func<string, string> call)
    {
        for (int i = 0; i < Layer.Paths.Count; i++)
        {
            PathPlan path = Layer.Paths[i];
            string keyword = i == 0 ? "if" : "else if";
            string fma = path.DirectFma ? " && Fma.IsSupported" : string.Empty;
            using (W.OpenBlock($"{keyword} ({path.Name}.IsHardwareAccelerated{fma})"))
            {
                W.Line(call(path.Name));
            }
        }

        using (W.OpenBlock("else"))
        {
            W.Line(call("Scalar"));
        }
    }

    private void EmitStepCore()
    {
        string record = Layer.IsTraining ? $", ref {T} record" : string.Empty;
        string passRecord = Layer.IsTraining ? ", ref record" : string.Empty;
        W.Line("/// <summary>One step from the aligned state, then the caller's copy of h.</summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private void StepCore(ref {T} weights, ref {T} aligned, ref {T} x, ref {T} h{record})"))
        {
            W.Line($"ref {T} hidden = ref Advance(ref weights, ref aligned, ref x{passRecord});");
            W.Line(_context.Copy("h", "hidden", "StateWidth"));
        }

        W.Line();
    }

    private void EmitAdvance(bool projected = false)
    {
        string record = Layer.IsTraining ? $", scoped ref {T} record" : string.Empty;
        string input = projected ? "projection" : "x";
        string kernel = projected ? "StepProjected" : "Step";
        string arguments = string.Join(", ", Layer.KernelParameters(projected).Select(p => "ref " + p));
        W.Line("/// <summary>");
        if (projected)
        {
            W.Line("/// One step from the aligned state and the step's projection (b + Wx·x), as <see cref=\"Advance\"/> takes one from x.");
        }
        else
        {
            W.Line("/// One step from the aligned state: the kernel for the widest vectors the hardware accelerates (the JIT keeps only that");
            W.Line("/// branch). Returns a reference to the new h, which the next step reads as h₋₁.");
        }

        W.Line("/// </summary>");
        W.Line(EmitContext.HotPath);
        string name = projected ? "AdvanceProjected" : "Advance";
        using (W.OpenBlock($"private ref {T} {name}(ref {T} weights, ref {T} aligned, ref {T} {input}{record})"))
        using (W.OpenBlock("unchecked"))
        {
            W.Line("int side = hiddenSide;");
            W.Line($"ref {T} hiddenPrevious = ref Unsafe.Add(ref aligned, side * StateSlot);");
            W.Line($"ref {T} hidden = ref Unsafe.Add(ref aligned, (side ^ 1) * StateSlot);");
            W.Line($"ref {T} cell = ref Unsafe.Add(ref aligned, 2 * StateSlot);");
            EmitDispatch(path => $"Kernels.{kernel}{path}({arguments});");
            W.Line();
            W.Line("hiddenSide = side ^ 1;");
            W.Line("return ref hidden;");
        }

        W.Line();
    }

    private void EmitReferences()
    {
        if (Layer.IsStreamed)
        {
            EmitStreamStateReferences();
        }
        else
        {
            EmitStateReferences();
        }

        if (Layer.IsBaked)
        {
            W.Line($"private static ref {T} ParameterReference => ref MemoryMarshal.GetReference(Parameters);");
            W.Line();
            return;
        }

        string parameters = $"Unsafe.As<ParameterStorage, {T}>(ref this.parameters)";
        W.Line("/// <summary>The first parameter, wherever it is in the storage now.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} ParameterReference => ref Unsafe.Add(ref {parameters}, parameterOffset);");
        W.Line();
        W.Line("/// <summary>Moves the parameters onto the storage's 64-byte boundary if the layer moved since it last ran; returns the first.</summary>");
        _context.WriteUnscopedRef();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private ref {T} AlignedParameters()"))
        {
            W.Line($"ref {T} storage = ref {parameters};");
            W.Line("return ref LstmAlignment.Align(ref storage, ref parameterOffset, ParameterCount);");
        }

        W.Line();
    }

    private void EmitStateReferences()
    {
        string storage = $"Unsafe.As<StateStorage, {T}>(ref state)";
        W.Line("/// <summary>The state's first element, wherever it is in the storage now.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} StateReference => ref Unsafe.Add(ref {storage}, stateOffset);");
        W.Line();
        W.Line("/// <summary>The current h: one of two copies, since each step reads one and writes the other.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} HiddenReference => ref Unsafe.Add(ref StateReference, hiddenSide * StateSlot);");
        W.Line();
        W.Line("/// <summary>The cell state c.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} CellReference => ref Unsafe.Add(ref StateReference, 2 * StateSlot);");
        W.Line();
        W.Line("/// <summary>Moves the state onto the storage's 64-byte boundary if the layer moved since it last ran; returns its first element.</summary>");
        _context.WriteUnscopedRef();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private ref {T} AlignedState()"))
        {
            W.Line($"ref {T} storage = ref {storage};");
            W.Line("return ref LstmAlignment.Align(ref storage, ref stateOffset, 3 * StateSlot);");
        }

        W.Line();
    }

    private void EmitCopy()
    {
        W.Line("/// <summary>Copies <paramref name=\"count\"/> elements; with a constant count the JIT writes it out as a few vector moves.</summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private static void Copy(ref {T} destination, ref {T} source, int count)"))
        {
            W.Line($"ref byte to = ref Unsafe.As<{T}, byte>(ref destination);");
            W.Line($"ref byte from = ref Unsafe.As<{T}, byte>(ref source);");
            W.Line($"Unsafe.CopyBlockUnaligned(ref to, ref from, (uint)(count * sizeof({T})));");
        }

        W.Line();
    }

    /// <summary>
    /// The weights the kernels read: for a writable layer, aligned first (a moved layer's weights go back onto the 64-byte
    /// boundary), once per Step or Forward call rather than per step.
    /// </summary>
    private string WeightsReference => Layer.IsBaked ? "ParameterReference" : "AlignedParameters()";
}
