using LstmGen.Generator.Parsing;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the members only training layers have: the tape and gradient buffers, <c>Backward</c>, gradient access, SGD,
/// clipping and (when enabled) Adam. Inference layers get none of this.
/// </summary>
internal sealed class TrainingMembersEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string Guard = "global::LstmGen.Kernels.LstmGuard";
    private readonly EmitContext _context;

    public TrainingMembersEmitter(EmitContext context) => _context = context;

    private LayerPlan Layer => _context.Layer;

    private SourceWriter W => _context.Writer;

    private string T => _context.T;

    public void Emit()
    {
        EmitConstantsAndFields();
        EmitGradientAccess();
        EmitBackward();
        EmitUpdates();
        if (Layer.Spec.Adam)
        {
            EmitAdam();
        }
    }

    private void EmitConstantsAndFields()
    {
        W.Line("/// <summary>The most steps one <see cref=\"Forward\"/> can record for training (the tape's length).</summary>");
        W.Line($"public const int {GeneratedNames.MaxSteps} = {Layer.Spec.MaxSteps};");
        W.Line();
        W.Line($"/// <summary>Elements the tape keeps per step: x (I), h₋₁ (H), c₋₁ (H), the gates i, f, g, o (4H) and tanh(c) (H).</summary>");
        W.Line($"public const int {GeneratedNames.StepStride} = {Layer.TapeStepStride};");
        W.Line();
        W.Line($"private {GeneratedNames.ParameterBuffer} {GeneratedNames.GradientField};");
        W.Line($"private {GeneratedNames.TapeBuffer} {GeneratedNames.TapeField};");
        W.Line($"private int {GeneratedNames.RecordedField};");
        W.Line();
        W.Line($"int global::LstmGen.ILstmTrainingLayer<{T}>.TapeCapacity => {GeneratedNames.MaxSteps};");
        W.Line();
        W.Line("/// <summary>Gets the number of steps the last <see cref=\"Forward\"/> recorded that <c>Backward</c> has not consumed yet.</summary>");
        W.Line($"public int {GeneratedNames.RecordedSteps} => {GeneratedNames.RecordedField};");
        W.Line();
    }

    private void EmitGradientAccess()
    {
        W.Line("/// <summary>Gets the accumulated gradients, in the same storage order as <see cref=\"Parameters\"/>.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"public global::System.Span<{T}> {GeneratedNames.Gradients} => {Marshal}.CreateSpan(ref {GradientReference}, {GeneratedNames.ParameterCount});");
        W.Line();
        W.Line("/// <summary>Gets a view of the gradients with coordinate access and export to the PyTorch, Keras and ONNX layouts.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"public global::LstmGen.LstmWeights<{T}> {GeneratedNames.GradientWeights} => new({GeneratedNames.Gradients}, {GeneratedNames.ParameterLayout});");
        W.Line();
        W.Line("/// <summary>Sets every accumulated gradient to zero; <c>Backward</c> adds to them.</summary>");
        W.Line($"public void {GeneratedNames.ZeroGradients}() => {GeneratedNames.GradientField} = default;");
        W.Line();
        W.Line("/// <summary>Copies the accumulated gradients out in canonical order: Wx (4H×I), Wh (4H×H), b (4H), gate rows i, f, g, o.</summary>");
        W.Line($"/// <param name=\"destination\">Receives {Layer.ParameterCount} values.</param>");
        W.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"destination\"/> has the wrong length.</exception>");
        W.Line($"public void {GeneratedNames.ExportGradients}(global::System.Span<{T}> destination) => {GeneratedNames.ParameterLayout}.StorageToCanonical<{T}>({GeneratedNames.Gradients}, destination);");
        W.Line();
    }

    private void EmitBackward()
    {
        string ro = $"global::System.ReadOnlySpan<{T}>";
        string rw = $"global::System.Span<{T}>";
        W.Line("/// <summary>Back-propagates through the recorded steps and adds every parameter gradient to <see cref=\"Gradients\"/>.</summary>");
        W.Line("/// <param name=\"dLossDh\">dLoss/dh for every recorded step, step after step (T·H); steps that do not matter carry zeros.</param>");
        W.Line("/// <param name=\"dLossDx\">Receives dLoss/dx for every step (T·I), or empty when not needed.</param>");
        W.Line($"/// <remarks>Same as the full overload with no final-state gradients and no dLoss/dh₀ or dLoss/dc₀.</remarks>");
        W.Line($"public void {GeneratedNames.Backward}({ro} dLossDh, {rw} dLossDx) => {GeneratedNames.Backward}(dLossDh, default, default, dLossDx, default, default);");
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// Back-propagates through the steps the last <see cref=\"Forward\"/> recorded (BPTT) and adds the gradients of every");
        W.Line("/// block, Wx and Wh of the four gates and the biases, each summed over all steps, to <see cref=\"Gradients\"/>.");
        W.Line("/// The cell gradient flows back through time: dc₋₁ = dc∘f, added to the part that comes from dh₋₁.");
        W.Line("/// </summary>");
        W.Line("/// <param name=\"dLossDh\">dLoss/dh for every recorded step, step after step (T·H); steps that do not matter carry zeros.</param>");
        W.Line("/// <param name=\"dLossDhFinal\">dLoss/dh of the final state (H), added to the last step's; empty for zero.</param>");
        W.Line("/// <param name=\"dLossDcFinal\">dLoss/dc of the final state (H); empty for zero.</param>");
        W.Line("/// <param name=\"dLossDx\">Receives dLoss/dx for every step (T·I), or empty when not needed. Must not overlap <paramref name=\"dLossDh\"/>.</param>");
        W.Line("/// <param name=\"dLossDh0\">Receives dLoss/dh₀ for the state Forward started from (H), or empty.</param>");
        W.Line("/// <param name=\"dLossDc0\">Receives dLoss/dc₀ (H), or empty.</param>");
        W.Line("/// <exception cref=\"global::System.InvalidOperationException\">No steps are recorded; each Backward consumes the tape.</exception>");
        W.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong or dLossDx overlaps dLossDh; nothing changes.</exception>");
        W.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public void {GeneratedNames.Backward}({ro} dLossDh, {ro} dLossDhFinal, {ro} dLossDcFinal, {rw} dLossDx, {rw} dLossDh0, {rw} dLossDc0)"))
        {
            W.Line($"int steps = {GeneratedNames.RecordedField};");
            W.Line($"{Guard}.Recorded(steps);");
            W.Line($"{Guard}.SequenceLength(dLossDh.Length, steps, {GeneratedNames.StateWidth}, nameof(dLossDh), \"H\");");
            W.Line($"{Guard}.OptionalLength(dLossDhFinal.Length, {GeneratedNames.StateWidth}, nameof(dLossDhFinal), \"H\");");
            W.Line($"{Guard}.OptionalLength(dLossDcFinal.Length, {GeneratedNames.StateWidth}, nameof(dLossDcFinal), \"H\");");
            W.Line($"{Guard}.OptionalSequenceLength(dLossDx.Length, steps, {GeneratedNames.InputWidth}, nameof(dLossDx), \"I\");");
            W.Line($"{Guard}.OptionalLength(dLossDh0.Length, {GeneratedNames.StateWidth}, nameof(dLossDh0), \"H\");");
            W.Line($"{Guard}.OptionalLength(dLossDc0.Length, {GeneratedNames.StateWidth}, nameof(dLossDc0), \"H\");");
            W.Line($"{Guard}.NoOverlap<{T}>(dLossDh, dLossDx, nameof(dLossDx));");
            W.Line();
            W.Line("// The backward pass turns the tape's gate records into gate gradients, so a tape serves one Backward.");
            W.Line($"{GeneratedNames.RecordedField} = 0;");
            string refs = "global::LstmGen.Kernels.LstmRefs";
            W.Line($"{_context.KernelClassReference}.Backward(");
            W.Indentation++;
            W.Line($"ref {GeneratedNames.ParameterReference},");
            W.Line($"ref {GradientReference},");
            W.Line($"ref {Unsafe}.As<{GeneratedNames.TapeBuffer}, {T}>(ref {GeneratedNames.TapeField}),");
            W.Line("steps,");
            W.Line($"ref {Marshal}.GetReference(dLossDh),");
            W.Line($"ref {refs}.OrNull(dLossDhFinal),");
            W.Line($"ref {refs}.OrNull(dLossDcFinal),");
            W.Line($"ref {refs}.OrNull(dLossDx),");
            W.Line($"ref {refs}.OrNull(dLossDh0),");
            W.Line($"ref {refs}.OrNull(dLossDc0));");
            W.Indentation--;
        }

        W.Line();
    }

    private void EmitUpdates()
    {
        W.Line("/// <summary>Takes one plain gradient-descent step, the tutorial's update: every parameter <c>W −= learningRate · dW</c>.</summary>");
        W.Line("/// <param name=\"learningRate\">The learning rate.</param>");
        W.Line("/// <remarks>The gradients are kept; call <see cref=\"ZeroGradients\"/> before accumulating the next batch.</remarks>");
        W.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"learningRate\"/> is not finite.</exception>");
        using (W.OpenBlock($"public void {GeneratedNames.ApplySgd}({T} learningRate)"))
        {
            W.Line($"{Guard}.InRange(learningRate, double.MinValue, double.MaxValue, false, false, nameof(learningRate));");
            W.Line($"global::LstmGen.Kernels.LstmOptimizers.Sgd<{T}>({GeneratedNames.Parameters}, {GeneratedNames.Gradients}, learningRate);");
        }

        W.Line();
        W.Line("/// <summary>Scales the gradients down so their global L2 norm is at most <paramref name=\"maxNorm\"/>, like PyTorch's clip_grad_norm_.</summary>");
        W.Line("/// <param name=\"maxNorm\">The largest norm allowed; positive.</param>");
        W.Line("/// <returns>The norm before clipping.</returns>");
        W.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxNorm\"/> is not positive and finite.</exception>");
        W.Line($"public {T} {GeneratedNames.ClipGradients}({T} maxNorm) => global::LstmGen.Kernels.LstmOptimizers.ClipByGlobalNorm<{T}>({GeneratedNames.Gradients}, maxNorm);");
        W.Line();
    }

    private void EmitAdam()
    {
        string suffix = T == "float" ? "f" : "d";
        W.Line($"private {GeneratedNames.ParameterBuffer} {GeneratedNames.AdamFirstField};");
        W.Line($"private {GeneratedNames.ParameterBuffer} {GeneratedNames.AdamSecondField};");
        W.Line($"private int {GeneratedNames.AdamStepField};");
        W.Line();
        W.Line("/// <summary>Takes one Adam step (as torch.optim.Adam) with the accumulated gradients; the moments live in fixed buffers inside the layer.</summary>");
        W.Line("/// <param name=\"learningRate\">The learning rate, for example 1e-3.</param>");
        W.Line("/// <param name=\"beta1\">The decay of the first moment, in [0, 1).</param>");
        W.Line("/// <param name=\"beta2\">The decay of the second moment, in [0, 1).</param>");
        W.Line("/// <param name=\"epsilon\">Added to the denominator for stability; positive.</param>");
        W.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A hyper-parameter is out of range; nothing changes.</exception>");
        using (W.OpenBlock($"public void {GeneratedNames.ApplyAdam}({T} learningRate, {T} beta1 = 0.9{suffix}, {T} beta2 = 0.999{suffix}, {T} epsilon = 1e-8{suffix})"))
        {
            string span = $"{Marshal}.CreateSpan(ref {Unsafe}.As<{GeneratedNames.ParameterBuffer}, {T}>(ref {{0}}), {GeneratedNames.ParameterCount})";
            W.Line("global::LstmGen.Kernels.LstmOptimizers.Adam<" + T + ">(");
            W.Indentation++;
            W.Line($"{GeneratedNames.Parameters},");
            W.Line($"{GeneratedNames.Gradients},");
            W.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, span, GeneratedNames.AdamFirstField) + ",");
            W.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, span, GeneratedNames.AdamSecondField) + ",");
            W.Line($"{GeneratedNames.AdamStepField} + 1,");
            W.Line("learningRate,");
            W.Line("beta1,");
            W.Line("beta2,");
            W.Line("epsilon);");
            W.Indentation--;
            W.Line($"{GeneratedNames.AdamStepField}++;");
        }

        W.Line();
        W.Line("/// <summary>Clears Adam's moments and step count, as for a fresh optimizer.</summary>");
        using (W.OpenBlock($"public void {GeneratedNames.ResetAdam}()"))
        {
            W.Line($"{GeneratedNames.AdamFirstField} = default;");
            W.Line($"{GeneratedNames.AdamSecondField} = default;");
            W.Line($"{GeneratedNames.AdamStepField} = 0;");
        }

        W.Line();
    }

    private string GradientReference => $"{Unsafe}.As<{GeneratedNames.ParameterBuffer}, {T}>(ref {GeneratedNames.GradientField})";
}
