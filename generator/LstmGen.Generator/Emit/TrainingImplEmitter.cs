using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the bodies of the members only training layers have: the tape and gradient buffers, <c>Backward</c>, gradient
/// access, SGD, clipping and (when enabled) Adam. Inference layers get none of this.
/// </summary>
internal sealed class TrainingImplEmitter
{
    private readonly EmitContext _context;

    public TrainingImplEmitter(EmitContext context) => _context = context;

    private LayerPlan Layer => _context.Layer;

    private SourceWriter W => _context.Writer;

    private string T => _context.T;

    public void Emit()
    {
        W.Line("private ParameterBuffer gradients;");
        W.Line("private Tape tape;");
        W.Line("private int recordedSteps;");
        if (Layer.Spec.Adam)
        {
            W.Line("private ParameterBuffer adamFirstMoment;");
            W.Line("private ParameterBuffer adamSecondMoment;");
            W.Line("private int adamSteps;");
        }

        W.Line();
        W.Line("public int RecordedSteps => recordedSteps;");
        W.Line();
        _context.WriteUnscopedRef();
        W.Line($"public Span<{T}> Gradients => MemoryMarshal.CreateSpan(ref GradientReference, ParameterCount);");
        W.Line();
        _context.WriteUnscopedRef();
        W.Line($"public LstmWeights<{T}> GradientWeights => new(Gradients, ParameterLayout, LstmValues.Gradients);");
        W.Line();
        W.Line("public void ZeroGradients() => gradients = default;");
        W.Line();
        W.Line($"public void ExportGradients(Span<{T}> destination) => ParameterLayout.StorageToCanonical<{T}>(Gradients, destination);");
        W.Line();
        EmitBackward();
        W.Line($"public void ApplySgd({T} learningRate) => LstmOptimizers.Sgd<{T}>(Parameters, Gradients, learningRate);");
        W.Line();
        W.Line($"public {T} ClipGradients({T} maxNorm) => LstmOptimizers.ClipByGlobalNorm<{T}>(Gradients, maxNorm);");
        W.Line();
        if (Layer.Spec.Adam)
        {
            EmitAdam();
        }

        W.Line("/// <summary>The first gradient: the gradient buffer never moves, since the kernels need it aligned only to its elements.</summary>");
        _context.WriteUnscopedRef();
        W.Line($"private ref {T} GradientReference => ref Unsafe.As<ParameterBuffer, {T}>(ref gradients);");
        W.Line();
    }

    private void EmitBackward()
    {
        string ro = $"ReadOnlySpan<{T}>";
        string rw = $"Span<{T}>";
        W.Line($"public void Backward({ro} dLossDh, {rw} dLossDx) => Backward(dLossDh, default, default, dLossDx, default, default);");
        W.Line();
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        W.List("public void Backward", new[] { $"{ro} dLossDh", $"{ro} dLossDhFinal", $"{ro} dLossDcFinal", $"{rw} dLossDx", $"{rw} dLossDh0", $"{rw} dLossDc0" }, string.Empty);
        using (W.OpenBlock())
        {
            W.Line("int steps = recordedSteps;");
            W.Line("LstmGuard.Recorded(steps);");
            // A streamed layer's spans hold every stream: N·H per step or state, time-major like Forward's.
            string h = Layer.IsStreamed ? "Streams * StateWidth" : "StateWidth";
            string i = Layer.IsStreamed ? "Streams * InputWidth" : "InputWidth";
            string hName = Layer.IsStreamed ? "N·H" : "H";
            string iName = Layer.IsStreamed ? "N·I" : "I";
            W.Line($"LstmGuard.SequenceLength(dLossDh.Length, steps, {h}, \"dLossDh\", \"{hName}\");");
            W.Line($"LstmGuard.OptionalLength(dLossDhFinal.Length, {h}, \"dLossDhFinal\", \"{hName}\");");
            W.Line($"LstmGuard.OptionalLength(dLossDcFinal.Length, {h}, \"dLossDcFinal\", \"{hName}\");");
            W.Line($"LstmGuard.OptionalSequenceLength(dLossDx.Length, steps, {i}, \"dLossDx\", \"{iName}\");");
            W.Line($"LstmGuard.OptionalLength(dLossDh0.Length, {h}, \"dLossDh0\", \"{hName}\");");
            W.Line($"LstmGuard.OptionalLength(dLossDc0.Length, {h}, \"dLossDc0\", \"{hName}\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(dLossDh, dLossDx, \"dLossDx\");");
            W.Line();
            W.Line("// The backward pass turns the tape's gate records into gate gradients, so a tape serves one Backward.");
            W.Line("recordedSteps = 0;");
            W.Line("Kernels.Backward(");
            W.Indentation++;
            W.Line("ref ParameterReference,");
            W.Line("ref GradientReference,");
            W.Line($"ref Unsafe.As<Tape, {T}>(ref tape),");
            W.Line("steps,");
            W.Line("ref MemoryMarshal.GetReference(dLossDh),");
            W.Line("ref LstmRefs.OrNull(dLossDhFinal),");
            W.Line("ref LstmRefs.OrNull(dLossDcFinal),");
            W.Line("ref LstmRefs.OrNull(dLossDx),");
            W.Line("ref LstmRefs.OrNull(dLossDh0),");
            W.Line("ref LstmRefs.OrNull(dLossDc0));");
            W.Indentation--;
        }

        W.Line();
    }

    private void EmitAdam()
    {
        using (W.OpenBlock($"public void ApplyAdam({T} learningRate, {T} beta1, {T} beta2, {T} epsilon)"))
        {
            W.Line($"Span<{T}> firstMoment = MemoryMarshal.CreateSpan(ref Unsafe.As<ParameterBuffer, {T}>(ref adamFirstMoment), ParameterCount);");
            W.Line($"Span<{T}> secondMoment = MemoryMarshal.CreateSpan(ref Unsafe.As<ParameterBuffer, {T}>(ref adamSecondMoment), ParameterCount);");
            W.Line("LstmOptimizers.Adam(Parameters, Gradients, firstMoment, secondMoment, adamSteps + 1, learningRate, beta1, beta2, epsilon);");
            W.Line("adamSteps++;");
        }

        W.Line();
        using (W.OpenBlock("public void ResetAdam()"))
        {
            W.Line("adamFirstMoment = default;");
            W.Line("adamSecondMoment = default;");
            W.Line("adamSteps = 0;");
        }

        W.Line();
    }
}
