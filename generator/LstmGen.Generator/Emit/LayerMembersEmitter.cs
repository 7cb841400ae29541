using System;
using LstmGen.Generator.Parsing;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>Writes the members every layer has: constants, storage, state, parameter access, <c>Step</c> and <c>Forward</c>.</summary>
internal sealed class LayerMembersEmitter
{
    private readonly EmitContext _context;

    public LayerMembersEmitter(EmitContext context) => _context = context;

    private LayerPlan Layer => _context.Layer;

    private SourceWriter W => _context.Writer;

    private string T => _context.T;

    public void Emit()
    {
        EmitConstants();
        EmitFields();
        EmitParameterAccess();
        EmitState();
        EmitStep();
        EmitForward();
        EmitDispatch();
    }

    private void EmitConstants()
    {
        LayerPlan l = Layer;
        W.Line("/// <summary>The input width I: elements of x per time step.</summary>");
        W.Line($"public const int {GeneratedNames.InputWidth} = {l.InputWidth};");
        W.Line();
        W.Line("/// <summary>The state width H: hidden units, the length of h and of c.</summary>");
        W.Line($"public const int {GeneratedNames.StateWidth} = {l.StateWidth};");
        W.Line();
        W.Line("/// <summary>The number of gates: input i, forget f, candidate cell g and output o.</summary>");
        W.Line($"public const int {GeneratedNames.GateCount} = 4;");
        W.Line();
        W.Line("/// <summary>The number of gate rows, 4H: the length of the pre-activation vector.</summary>");
        W.Line($"public const int {GeneratedNames.GateWidth} = {l.GateRows};");
        W.Line();
        W.Line("/// <summary>The number of parameters, 4H·(1 + I + H): Wx (4H×I), Wh (4H×H) and b (4H).</summary>");
        W.Line($"public const int {GeneratedNames.ParameterCount} = {l.ParameterCount};");
        W.Line();
        W.Line($"/// <summary>Hidden units per storage block, U (see <see cref=\"{GeneratedNames.ParameterLayout}\"/>).</summary>");
        W.Line($"public const int {GeneratedNames.UnitBlock} = {l.UnitBlock};");
        W.Line();
        string what = l.IsBaked ? "the state h and c (the baked weights live in the assembly's read-only data)"
            : l.IsTraining ? "parameters, state, gradients, the tape" + (l.Spec.Adam ? ", Adam's two moment buffers" : string.Empty) + " and counters"
            : "parameters and the state h and c";
        W.Line($"/// <summary>Bytes of the layer's own buffers: {what}.</summary>");
        W.Line($"public const int {GeneratedNames.StorageBytes} = {Literals.Int(l.StorageBytes)};");
        if (!l.IsBaked)
        {
            W.Line();
            W.Line("/// <summary>PyTorch's default initialisation range 1/√H: parameters are drawn from U(−range, range).</summary>");
            W.Line($"public const double {GeneratedNames.DefaultInitRange} = {Literals.Double(1.0 / Math.Sqrt(l.StateWidth))};");
        }

        W.Line();
    }

    private void EmitFields()
    {
        if (!Layer.IsBaked)
        {
            W.Line($"private {GeneratedNames.ParameterStorage} {GeneratedNames.ParameterField};");
            W.Line($"private int {GeneratedNames.ParameterOffsetField};");
        }

        W.Line($"private {GeneratedNames.StateStorage} {GeneratedNames.StateField};");
        W.Line($"private int {GeneratedNames.StateOffsetField};");
        W.Line($"private int {GeneratedNames.HiddenSideField};");
        W.Line();
        W.Line("/// <summary>Elements from one state vector to the next: H rounded up to whole 64-byte lines, so that each starts on a line.</summary>");
        W.Line($"private const int {GeneratedNames.StateSlot} = {Layer.StateSlot};");
        W.Line();
        W.Line("/// <summary>The first element of the state (h, the other h, then c, one slot each), wherever it is in the storage now.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} {GeneratedNames.StateReference} => ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {StateStorage}, {GeneratedNames.StateOffsetField});");
        W.Line();
        W.Line("/// <summary>The current h: one of two copies, since each step reads one and writes the other.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} {GeneratedNames.HiddenReference} => ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {GeneratedNames.StateReference}, {GeneratedNames.HiddenSideField} * {GeneratedNames.StateSlot});");
        W.Line();
        W.Line("/// <summary>The cell state c.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} {GeneratedNames.CellReference} => ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {GeneratedNames.StateReference}, 2 * {GeneratedNames.StateSlot});");
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// Moves the state onto the storage's 64-byte boundary if the layer has moved since it last ran, and returns its first element.");
        W.Line("/// A vector of h that straddled two pages made 1×16 steps 12% slower.");
        W.Line("/// </summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} {GeneratedNames.AlignedState}() => ref global::LstmGen.Kernels.LstmAlignment.Align(ref {StateStorage}, ref {GeneratedNames.StateOffsetField}, 3 * {GeneratedNames.StateSlot});");
        W.Line();
    }

    private void EmitParameterAccess()
    {
        string layout = "global::LstmGen.LstmParameterLayout";
        W.Line("/// <summary>Gets the storage layout of <see cref=\"Parameters\"/>; it maps (block, gate, unit, column) to an index.</summary>");
        W.Line($"public static {layout} {GeneratedNames.ParameterLayout} => new({GeneratedNames.InputWidth}, {GeneratedNames.StateWidth}, {GeneratedNames.UnitBlock});");
        W.Line();
        W.Line($"{layout} global::LstmGen.ILstmLayer<{T}>.ParameterLayout => {GeneratedNames.ParameterLayout};");
        W.Line();

        if (Layer.IsBaked)
        {
            W.Line("/// <summary>Gets the baked parameters in storage order (see the type's remarks); they live in the assembly's read-only data.</summary>");
            W.Line($"public static global::System.ReadOnlySpan<{T}> {GeneratedNames.Parameters} => {GeneratedNames.BakedData};");
            W.Line();
            W.Line("/// <summary>Gets a read-only view of the baked parameters, for export to PyTorch, Keras or ONNX layouts.</summary>");
            W.Line($"public static global::LstmGen.LstmReadOnlyWeights<{T}> {GeneratedNames.Weights} => new({GeneratedNames.Parameters}, {GeneratedNames.ParameterLayout});");
            W.Line();
            W.Line($"private static ref {T} {GeneratedNames.ParameterReference} => ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({GeneratedNames.BakedData});");
            W.Line();
        }
        else
        {
            W.Line("/// <summary>Gets all parameters in storage order (see the type's remarks), for reading and writing.</summary>");
            W.Line("/// <remarks>");
            W.Line("/// The span views the parameters where they are now. Running the layer can move them within its storage, to keep them");
            W.Line("/// on a 64-byte boundary after the garbage collector has moved the layer, so get the span again after a call that runs");
            W.Line("/// the layer rather than keeping one across it.");
            W.Line("/// </remarks>");
            _context.WriteUnscopedRef();
            W.Line($"public global::System.Span<{T}> {GeneratedNames.Parameters} => global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref {GeneratedNames.ParameterReference}, {GeneratedNames.ParameterCount});");
            W.Line();
            W.Line("/// <summary>Gets a view of the parameters: coordinate access, PyTorch, Keras and ONNX import and export, safetensors and RTNeural JSON loading.</summary>");
            W.Line($"/// <remarks>Like <see cref=\"{GeneratedNames.Parameters}\"/>, get the view again after a call that runs the layer.</remarks>");
            _context.WriteUnscopedRef();
            W.Line($"public global::LstmGen.LstmWeights<{T}> {GeneratedNames.Weights} => new({GeneratedNames.Parameters}, {GeneratedNames.ParameterLayout});");
            W.Line();
            string storage = $"global::System.Runtime.CompilerServices.Unsafe.As<{GeneratedNames.ParameterStorage}, {T}>(ref {GeneratedNames.ParameterField})";
            W.Line("/// <summary>The first parameter, wherever it is in the storage now.</summary>");
            _context.WriteUnscopedRef();
            W.Line($"private ref {T} {GeneratedNames.ParameterReference} => ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {storage}, {GeneratedNames.ParameterOffsetField});");
            W.Line();
            W.Line("/// <summary>Moves the parameters onto the storage's 64-byte boundary if the layer has moved since it last ran, and returns the first one.</summary>");
            _context.WriteUnscopedRef();
            W.Line($"private ref {T} {GeneratedNames.AlignedParameters}() => ref global::LstmGen.Kernels.LstmAlignment.Align(ref {storage}, ref {GeneratedNames.ParameterOffsetField}, {GeneratedNames.ParameterCount});");
            W.Line();
            W.Line($"/// <summary>Draws every parameter from U(−1/√H, 1/√H), PyTorch's default, with a deterministic generator.</summary>");
            W.Line("/// <param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>");
            W.Line($"public void {GeneratedNames.InitializeParameters}(ulong seed) => {GeneratedNames.InitializeParameters}(seed, {GeneratedNames.DefaultInitRange});");
            W.Line();
            W.Line("/// <summary>Draws every parameter from U(−range, range) with a deterministic generator (values are drawn in canonical order).</summary>");
            W.Line("/// <param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>");
            W.Line("/// <param name=\"range\">The half-width of the interval, for example 1e-4 for the tutorial's tiny weights.</param>");
            W.Line($"public void {GeneratedNames.InitializeParameters}(ulong seed, double range) => {GeneratedNames.Weights}.InitializeUniform(seed, range);");
            W.Line();
            W.Line("/// <summary>Replaces all parameters with values in canonical order: Wx (4H×I), Wh (4H×H), b (4H), gate rows i, f, g, o.</summary>");
            W.Line($"/// <param name=\"source\">{Layer.ParameterCount} values.</param>");
            W.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"source\"/> has the wrong length; nothing changes.</exception>");
            W.Line($"public void {GeneratedNames.ImportParameters}(global::System.ReadOnlySpan<{T}> source) => {GeneratedNames.ParameterLayout}.CanonicalToStorage(source, {GeneratedNames.Parameters});");
            W.Line();
        }

        W.Line("/// <summary>Copies all parameters out in canonical order: Wx (4H×I), Wh (4H×H), b (4H), gate rows i, f, g, o.</summary>");
        W.Line($"/// <param name=\"destination\">Receives {Layer.ParameterCount} values.</param>");
        W.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"destination\"/> has the wrong length.</exception>");
        W.Line($"public void {GeneratedNames.ExportParameters}(global::System.Span<{T}> destination) => {GeneratedNames.ParameterLayout}.StorageToCanonical<{T}>({GeneratedNames.Parameters}, destination);");
        W.Line();
    }

    private void EmitState()
    {
        string span = $"global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref {GeneratedNames.HiddenReference}, {GeneratedNames.StateWidth})";
        W.Line("/// <summary>Gets the current hidden state h (H elements): the output of the last step.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"public global::System.ReadOnlySpan<{T}> {GeneratedNames.HiddenState} => {span};");
        W.Line();
        W.Line("/// <summary>Gets the current cell state c (H elements).</summary>");
        _context.WriteUnscopedRef();
        W.Line($"public global::System.ReadOnlySpan<{T}> {GeneratedNames.CellState} => global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref {GeneratedNames.CellReference}, {GeneratedNames.StateWidth});");
        W.Line();
        W.Line("/// <summary>Sets the hidden state h and the cell state c to zero.</summary>");
        using (W.OpenBlock($"public void {GeneratedNames.Reset}()"))
        {
            W.Line($"{GeneratedNames.StateField} = default;");
            W.Line($"{GeneratedNames.HiddenSideField} = 0;");
        }

        W.Line();
        W.Line("/// <summary>Sets the state the next step starts from (h₀ and c₀).</summary>");
        W.Line("/// <param name=\"hidden\">The hidden state h₀; H elements.</param>");
        W.Line("/// <param name=\"cell\">The cell state c₀; H elements.</param>");
        W.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length; the state does not change.</exception>");
        using (W.OpenBlock($"public void {GeneratedNames.SetState}(global::System.ReadOnlySpan<{T}> hidden, global::System.ReadOnlySpan<{T}> cell)"))
        {
            W.Line($"global::LstmGen.Kernels.LstmGuard.Length(hidden.Length, {GeneratedNames.StateWidth}, nameof(hidden), \"H\");");
            W.Line($"global::LstmGen.Kernels.LstmGuard.Length(cell.Length, {GeneratedNames.StateWidth}, nameof(cell), \"H\");");
            W.Line($"hidden.CopyTo(global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref {GeneratedNames.HiddenReference}, {GeneratedNames.StateWidth}));");
            W.Line($"cell.CopyTo(global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref {GeneratedNames.CellReference}, {GeneratedNames.StateWidth}));");
        }

        W.Line();
        W.Line("/// <summary>Copies the current state out.</summary>");
        W.Line("/// <param name=\"hidden\">Receives h; H elements.</param>");
        W.Line("/// <param name=\"cell\">Receives c; H elements.</param>");
        W.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length; nothing is written.</exception>");
        using (W.OpenBlock($"public void {GeneratedNames.CopyStateTo}(global::System.Span<{T}> hidden, global::System.Span<{T}> cell)"))
        {
            W.Line($"global::LstmGen.Kernels.LstmGuard.Length(hidden.Length, {GeneratedNames.StateWidth}, nameof(hidden), \"H\");");
            W.Line($"global::LstmGen.Kernels.LstmGuard.Length(cell.Length, {GeneratedNames.StateWidth}, nameof(cell), \"H\");");
            W.Line($"{GeneratedNames.HiddenState}.CopyTo(hidden);");
            W.Line($"{GeneratedNames.CellState}.CopyTo(cell);");
        }

        W.Line();
    }

    private void EmitStep()
    {
        W.Line("/// <summary>Runs one time step from the current state: writes the new h to <paramref name=\"h\"/> and keeps h and c as the state.</summary>");
        W.Line("/// <param name=\"x\">The input; I elements.</param>");
        W.Line("/// <param name=\"h\">Receives the new hidden state; H elements, not overlapping <paramref name=\"x\"/>.</param>");
        W.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or the two overlap; the state does not change.</exception>");
        if (Layer.IsTraining)
        {
            W.Line("/// <remarks>Nothing is recorded on the tape: use <see cref=\"Forward\"/> for sequences to train on.</remarks>");
        }

        W.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public void {GeneratedNames.Step}(global::System.ReadOnlySpan<{T}> x, global::System.Span<{T}> h)"))
        {
            W.Line($"global::LstmGen.Kernels.LstmGuard.Length(x.Length, {GeneratedNames.InputWidth}, nameof(x), \"I\");");
            W.Line($"global::LstmGen.Kernels.LstmGuard.Length(h.Length, {GeneratedNames.StateWidth}, nameof(h), \"H\");");
            W.Line("global::LstmGen.Kernels.LstmGuard.NoOverlap<" + T + ">(x, h, nameof(h));");
            string x = "ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(x)";
            string h = "ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(h)";
            if (Layer.IsTraining)
            {
                W.Line("// The kernel records gates and tanh(c) for training; outside Forward they go to a scratch step on the stack.");
                W.Line($"global::System.Runtime.CompilerServices.Unsafe.SkipInit(out {GeneratedNames.TapeStepBuffer} scratch);");
                W.Line($"{GeneratedNames.StepCore}(ref {WeightsReference}, ref {GeneratedNames.AlignedState}(), {x}, {h}, ref global::System.Runtime.CompilerServices.Unsafe.As<{GeneratedNames.TapeStepBuffer}, {T}>(ref scratch));");
            }
            else
            {
                W.Line($"{GeneratedNames.StepCore}(ref {WeightsReference}, ref {GeneratedNames.AlignedState}(), {x}, {h});");
            }
        }

        W.Line();
    }

    private void EmitForward()
    {
        LayerPlan l = Layer;
        W.Line("/// <summary>Runs T steps from the current state and advances it; T is the length of <paramref name=\"xs\"/> divided by I.</summary>");
        W.Line("/// <param name=\"xs\">The inputs, step after step; T·I elements.</param>");
        W.Line("/// <param name=\"hs\">Receives the hidden state of every step; T·H elements, not overlapping <paramref name=\"xs\"/>.</param>");
        W.Line(l.IsTraining
            ? $"/// <exception cref=\"global::System.ArgumentException\">A length is wrong, the spans overlap, or T exceeds {GeneratedNames.MaxSteps}; nothing changes.</exception>"
            : "/// <exception cref=\"global::System.ArgumentException\">A length is wrong or the spans overlap; the state does not change.</exception>");
        if (l.IsTraining)
        {
            W.Line($"/// <remarks>Records every step on the tape (x, h₋₁, c₋₁, the gates and tanh(c)) for <see cref=\"{GeneratedNames.Backward}(global::System.ReadOnlySpan{{{T}}}, global::System.Span{{{T}}})\"/>.</remarks>");
        }

        W.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public void {GeneratedNames.Forward}(global::System.ReadOnlySpan<{T}> xs, global::System.Span<{T}> hs)"))
        {
            W.Line($"int steps = global::LstmGen.Kernels.LstmGuard.Steps(xs.Length, {GeneratedNames.InputWidth}, nameof(xs), \"I\");");
            W.Line($"global::LstmGen.Kernels.LstmGuard.SequenceLength(hs.Length, steps, {GeneratedNames.StateWidth}, nameof(hs), \"H\");");
            if (l.IsTraining)
            {
                W.Line($"global::LstmGen.Kernels.LstmGuard.TapeCapacity(steps, {GeneratedNames.MaxSteps}, nameof(xs));");
            }

            W.Line("global::LstmGen.Kernels.LstmGuard.NoOverlap<" + T + ">(xs, hs, nameof(hs));");
            W.Line($"ref {T} x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(xs);");
            W.Line($"ref {T} h = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(hs);");
            W.Line($"ref {T} weights = ref {WeightsReference};");
            W.Line($"ref {T} state = ref {GeneratedNames.AlignedState}();");
            if (l.IsTraining)
            {
                W.Line($"ref {T} tape = ref global::System.Runtime.CompilerServices.Unsafe.As<{GeneratedNames.TapeBuffer}, {T}>(ref {GeneratedNames.TapeField});");
                W.Line($"ref {T} cell = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref state, 2 * {GeneratedNames.StateSlot});");
            }

            using (W.OpenBlock("unchecked"))
            using (W.OpenBlock("for (int t = 0; t < steps; t++)"))
            {
                W.Line($"ref {T} xt = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, t * {GeneratedNames.InputWidth});");
                W.Line($"ref {T} ht = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref h, t * {GeneratedNames.StateWidth});");
                if (l.IsTraining)
                {
                    W.Line($"// Tape step t: x (I), h₋₁ (H), c₋₁ (H), then the kernel adds the gates (4H) and tanh(c) (H).");
                    W.Line($"ref {T} slot = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref tape, t * {GeneratedNames.StepStride});");
                    W.Line(Copy("slot", "xt", l.InputWidth));
                    W.Line(Copy($"global::System.Runtime.CompilerServices.Unsafe.Add(ref slot, {l.TapeHiddenOffset})", GeneratedNames.HiddenReference, l.StateWidth));
                    W.Line(Copy($"global::System.Runtime.CompilerServices.Unsafe.Add(ref slot, {l.TapeCellOffset})", "cell", l.StateWidth));
                    W.Line($"{GeneratedNames.StepCore}(ref weights, ref state, ref xt, ref ht, ref global::System.Runtime.CompilerServices.Unsafe.Add(ref slot, {l.TapeGatesOffset}));");
                }
                else
                {
                    W.Line($"{GeneratedNames.StepCore}(ref weights, ref state, ref xt, ref ht);");
                }
            }

            if (l.IsTraining)
            {
                W.Line();
                W.Line($"{GeneratedNames.RecordedField} = steps;");
            }
        }

        W.Line();
    }

    /// <summary>
    /// The weights the kernels read: for a writable layer, aligned first (a moved layer's weights go back onto the 64-byte
    /// boundary), once per Step or Forward call rather than per step.
    /// </summary>
    private string WeightsReference => Layer.IsBaked ? GeneratedNames.ParameterReference : GeneratedNames.AlignedParameters + "()";

    private string Copy(string destination, string source, int count) =>
        $"global::System.Runtime.CompilerServices.Unsafe.CopyBlockUnaligned(ref global::System.Runtime.CompilerServices.Unsafe.As<{T}, byte>(ref {destination}), ref global::System.Runtime.CompilerServices.Unsafe.As<{T}, byte>(ref {source}), {count * Layer.Element.Size});";

    private void EmitDispatch()
    {
        var kernel = new StepKernelEmitter(Layer, W);
        string parameters = $"ref {T} weights, ref {T} state, ref {T} x, ref {T} hNext" + (Layer.IsTraining ? $", ref {T} record" : string.Empty);
        W.Line("/// <summary>Runs the step kernel for the widest vectors the hardware accelerates; the JIT keeps only that branch.</summary>");
        W.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (W.OpenBlock($"private void {GeneratedNames.StepCore}({parameters})"))
        using (W.OpenBlock("unchecked"))
        {
            W.Line($"int side = {GeneratedNames.HiddenSideField};");
            W.Line($"ref {T} hidden = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref state, side * {GeneratedNames.StateSlot});");
            W.Line($"ref {T} hiddenNew = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref state, (side ^ 1) * {GeneratedNames.StateSlot});");
            W.Line($"ref {T} cell = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref state, 2 * {GeneratedNames.StateSlot});");
            for (int i = 0; i < Layer.Paths.Count; i++)
            {
                PathPlan path = Layer.Paths[i];
                string call = $"{_context.KernelClassReference}.Step{path.Name}({kernel.Arguments});";
                if (path.Bits == 0)
                {
                    if (i > 0)
                    {
                        using (W.OpenBlock("else"))
                        {
                            W.Line(call);
                        }
                    }
                    else
                    {
                        W.Line(call);
                    }
                }
                else
                {
                    string keyword = i == 0 ? "if" : "else if";
                    string fma = path.Pipelined ? " && global::System.Runtime.Intrinsics.X86.Fma.IsSupported" : string.Empty;
                    using (W.OpenBlock($"{keyword} (global::System.Runtime.Intrinsics.{path.Name}.IsHardwareAccelerated{fma})"))
                    {
                        W.Line(call);
                    }
                }
            }

            W.Line();
            W.Line("// The caller's h is copied after the kernel: storing it inside the kernel as well slowed a 1×16 step by 8%.");
            W.Line(Copy("hNext", "hiddenNew", Layer.StateWidth));
            W.Line($"{GeneratedNames.HiddenSideField} = side ^ 1;");
        }

        W.Line();
    }

    /// <summary>The state storage's first element, whether or not the state starts there.</summary>
    private string StateStorage => $"global::System.Runtime.CompilerServices.Unsafe.As<{GeneratedNames.StateStorage}, {T}>(ref {GeneratedNames.StateField})";
}
