using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes a dense layer of a model as a struct nested in the model's implementation: its parameters (or baked weights), its
/// output, gradients and moments when training, and its kernels, <c>y = act(W·x + b)</c> for the constant sizes.
/// </summary>
internal sealed class DenseImplEmitter
{
    private readonly DensePlan _plan;
    private readonly SourceWriter _w;
    private readonly bool _allowUnsafe;
    private readonly bool _optimized;

    public DenseImplEmitter(DensePlan plan, SourceWriter writer, CompilationFacts facts)
    {
        _plan = plan;
        _w = writer;
        _allowUnsafe = facts.AllowUnsafe;
        _optimized = facts.Optimized;
    }

    private string T => _plan.Element.Name;

    private SourceWriter W => _w;

    public void Emit(string typeName, string summary, BakedParameters? baked)
    {
        W.Line($"/// <summary>{summary}</summary>");
        if (_allowUnsafe)
        {
            W.Line("[SkipLocalsInit]");
        }

        using (W.OpenBlock($"internal struct {typeName}"))
        {
            W.Line($"private const int InputWidth = {_plan.InputWidth};");
            W.Line($"private const int OutputWidth = {_plan.OutputWidth};");
            W.Line($"private const int ParameterCount = {_plan.ParameterCount};");
            if (_plan.IsStreamed)
            {
                W.Line($"private const int Streams = {_plan.Streams};");
            }

            if (!_plan.IsBaked)
            {
                W.Line($"private const double DefaultInitRange = {Literals.Double(_plan.DefaultInitRange)};");
            }

            W.Line();
            EmitFields();
            EmitParameterAccess(baked);
            if (_plan.IsTraining)
            {
                EmitTraining();
            }

            EmitRun();
            EmitReferences();
            EmitStorageTypes();
            EmitKernels();
        }
    }

    private void EmitFields()
    {
        if (!_plan.IsBaked)
        {
            W.Line("/// <summary>The parameters, starting <see cref=\"parameterOffset\"/> elements in: on a 64-byte boundary once aligned.</summary>");
            W.Line("private ParameterStorage parameters;");
            W.Line("private int parameterOffset;");
            W.Line();
        }

        W.Line(_plan.IsStreamed
            ? "/// <summary>The output of the last step, stream after stream, where the next layer reads it.</summary>"
            : "/// <summary>The output of the last step, where the next layer reads it.</summary>");
        W.Line("private Output output;");
        W.Line();
        if (_plan.IsTraining)
        {
            W.Line("private ParameterBuffer gradients;");
            if (_plan.Adam)
            {
                W.Line("private ParameterBuffer adamFirstMoment;");
                W.Line("private ParameterBuffer adamSecondMoment;");
                W.Line("private int adamSteps;");
            }

            W.Line();
        }
    }

    private void EmitParameterAccess(BakedParameters? baked)
    {
        W.Line("public static DenseLayout Layout => new(InputWidth, OutputWidth);");
        W.Line();
        if (_plan.IsBaked)
        {
            if (baked is null)
            {
                W.Line("// The weights file could not be baked (the build reports why), so these zeros only keep the model's members in place.");
            }

            BakedDataEmitter.Emit(W, T, baked, "ParameterCount", _optimized);
            W.Line($"public void ExportParameters(Span<{T}> destination) => Layout.StorageToCanonical<{T}>(Parameters, destination);");
            W.Line();
            return;
        }

        W.Line("[UnscopedRef]");
        W.Line($"public Span<{T}> Parameters => MemoryMarshal.CreateSpan(ref ParameterReference, ParameterCount);");
        W.Line();
        W.Line("[UnscopedRef]");
        W.Line($"public DenseWeights<{T}> Weights => new(Parameters, Layout);");
        W.Line();
        W.Line("public void InitializeParameters(ulong seed) => Weights.InitializeUniform(seed, DefaultInitRange);");
        W.Line();
        W.Line($"public void ImportParameters(ReadOnlySpan<{T}> source) => Layout.CanonicalToStorage(source, Parameters);");
        W.Line();
        W.Line($"public void ExportParameters(Span<{T}> destination) => Layout.StorageToCanonical<{T}>(Parameters, destination);");
        W.Line();
    }

    private void EmitTraining()
    {
        W.Line("[UnscopedRef]");
        W.Line($"public Span<{T}> Gradients => MemoryMarshal.CreateSpan(ref Unsafe.As<ParameterBuffer, {T}>(ref gradients), ParameterCount);");
        W.Line();
        W.Line("[UnscopedRef]");
        W.Line($"public DenseWeights<{T}> GradientWeights => new(Gradients, Layout, LstmValues.Gradients);");
        W.Line();
        W.Line("public void ZeroGradients() => gradients = default;");
        W.Line();
        W.Line($"public void ExportGradients(Span<{T}> destination) => Layout.StorageToCanonical<{T}>(Gradients, destination);");
        W.Line();
        W.Line($"public void ApplySgd({T} learningRate) => LstmOptimizers.Sgd<{T}>(Parameters, Gradients, learningRate);");
        W.Line();
        if (_plan.Adam)
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

        W.Line(_plan.IsStreamed
            ? "/// <summary>Runs every step of every stream of a sequence for training, row after row: xs (rows·I) in, ys (rows·O) out.</summary>"
            : "/// <summary>Runs every step of a sequence for training: xs (T·I) in, ys (T·O) out.</summary>");
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"internal void ForwardSequence(ref {T} xs, ref {T} ys, int steps)"))
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock("for (int t = 0; t < steps; t++)"))
        {
            W.Line("Apply(ref Unsafe.Add(ref xs, t * InputWidth), ref Unsafe.Add(ref ys, t * OutputWidth));");
        }

        W.Line();
        W.Line("/// <summary>");
        W.Line("/// Back-propagates a recorded sequence: turns dL/dy (T·O) into dL/dz in place, adds the gradients of W and b, and writes");
        W.Line("/// dL/dx (T·I) unless <paramref name=\"dxs\"/> is a null reference.");
        W.Line("/// </summary>");
        using (W.OpenBlock($"internal void BackwardSequence(ref {T} xs, ref {T} ys, ref {T} dys, ref {T} dxs, int steps)"))
        {
            W.Line($"ref {T} weights = ref {(_plan.IsBaked ? "ParameterReference" : "AlignedParameters()")};");
            W.Line($"ref {T} gradient = ref Unsafe.As<ParameterBuffer, {T}>(ref gradients);");
            W.Line($"DenseBackprop.Backward(ref weights, ref gradient, ref xs, ref ys, ref dys, ref dxs, steps, InputWidth, OutputWidth, ActivationKind.{_plan.Activation});");
        }

        W.Line();
    }

    private void EmitRun()
    {
        if (_plan.IsStreamed)
        {
            W.Line($"/// <summary>One step of the first <paramref name=\"streams\"/> streams for the model: {Equation} of each, stream after stream, into the layer's output; returns a reference to it.</summary>");
            W.Line(EmitContext.HotPath);
            W.Line("[UnscopedRef]");
            using (W.OpenBlock($"internal ref {T} Run(ref {T} x, int streams)"))
            {
                W.Line($"ref {T} y = ref Unsafe.As<Output, {T}>(ref output);");
                W.Line("ApplyStreams(ref x, ref y, streams);");
                W.Line("return ref y;");
            }

            W.Line();
            W.Line("/// <summary>One step of the first <paramref name=\"streams\"/> streams into <paramref name=\"y\"/>: stream s reads x at s·I and writes y at s·O.</summary>");
            W.Line(EmitContext.HotPath);
            using (W.OpenBlock($"internal void ApplyStreams(ref {T} x, ref {T} y, int streams)"))
            using (W.OpenBlock("unchecked"))
            using (W.OpenBlock("for (int stream = 0; stream < streams; stream++)"))
            {
                W.Line("Apply(ref Unsafe.Add(ref x, stream * InputWidth), ref Unsafe.Add(ref y, stream * OutputWidth));");
            }
        }
        else
        {
            W.Line($"/// <summary>One step for the model: {Equation} into the layer's output; returns a reference to it.</summary>");
            W.Line(EmitContext.HotPath);
            W.Line("[UnscopedRef]");
            using (W.OpenBlock($"internal ref {T} Run(ref {T} x)"))
            {
                W.Line($"ref {T} y = ref Unsafe.As<Output, {T}>(ref output);");
                W.Line("Apply(ref x, ref y);");
                W.Line("return ref y;");
            }
        }

        W.Line();
        W.Line($"/// <summary>One step into <paramref name=\"y\"/> ({_plan.OutputWidth} elements): the kernel for the widest vectors the hardware accelerates.</summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"internal void Apply(ref {T} x, ref {T} y)"))
        {
            W.Line($"ref {T} weights = ref {(_plan.IsBaked ? "ParameterReference" : "AlignedParameters()")};");
            for (int i = 0; i < _plan.VectorPaths.Count; i++)
            {
                string name = $"Vector{_plan.VectorPaths[i]}";
                using (W.OpenBlock($"{(i == 0 ? "if" : "else if")} ({name}.IsHardwareAccelerated)"))
                {
                    W.Line($"Kernels.Dense{name}(ref weights, ref x, ref y);");
                }
            }

            if (_plan.VectorPaths.Count == 0)
            {
                W.Line("Kernels.DenseScalar(ref weights, ref x, ref y);");
            }
            else
            {
                using (W.OpenBlock("else"))
                {
                    W.Line("Kernels.DenseScalar(ref weights, ref x, ref y);");
                }
            }
        }

        W.Line();
    }

    private void EmitReferences()
    {
        if (_plan.IsBaked)
        {
            W.Line($"private static ref {T} ParameterReference => ref MemoryMarshal.GetReference(Parameters);");
            W.Line();
            return;
        }

        string parameters = $"Unsafe.As<ParameterStorage, {T}>(ref this.parameters)";
        W.Line("/// <summary>The first parameter, wherever it is in the storage now.</summary>");
        W.Line("[UnscopedRef]");
        W.Line($"private ref {T} ParameterReference => ref Unsafe.Add(ref {parameters}, parameterOffset);");
        W.Line();
        W.Line("/// <summary>Moves the parameters onto the storage's 64-byte boundary if the model moved since it last ran; returns the first.</summary>");
        W.Line("[UnscopedRef]");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private ref {T} AlignedParameters()"))
        {
            W.Line($"ref {T} storage = ref {parameters};");
            W.Line("return ref LstmAlignment.Align(ref storage, ref parameterOffset, ParameterCount);");
        }

        W.Line();
    }

    private void EmitStorageTypes()
    {
        if (!_plan.IsBaked)
        {
            Buffer("ParameterStorage", $"ParameterCount + {_plan.AlignmentSlack}", $"All parameters in storage order, and {_plan.AlignmentSlack} spare elements so that they can start on a 64-byte boundary.");
        }

        if (_plan.IsStreamed)
        {
            Buffer("Output", "Streams * OutputWidth", "The output y of the last step, stream after stream.");
        }
        else
        {
            Buffer("Output", "OutputWidth", "The output y of the last step.");
        }

        if (_plan.IsTraining)
        {
            Buffer("ParameterBuffer", "ParameterCount", "The gradients of all parameters, or an optimizer moment, in storage order.");
        }
    }

    private void Buffer(string name, string length, string summary)
    {
        W.Line($"/// <summary>{summary}</summary>");
        W.Line($"[InlineArray({length})]");
        using (W.OpenBlock($"private struct {name}"))
        {
            W.Line($"private {T} element0;");
        }

        W.Line();
    }

    private void EmitKernels()
    {
        W.Line($"/// <summary>The kernels of {Equation}, one per vector width; every path adds in the same order, so all give the same bits.</summary>");
        using (W.OpenBlock("private static class Kernels"))
        {
            if (_plan.IsColumnMajor)
            {
                EmitColumnScalar();
                for (int i = _plan.VectorPaths.Count - 1; i >= 0; i--)
                {
                    EmitColumnVector(_plan.VectorPaths[i]);
                }
            }
            else
            {
                EmitRowScalar();
                for (int i = _plan.VectorPaths.Count - 1; i >= 0; i--)
                {
                    EmitRowVector(_plan.VectorPaths[i]);
                }
            }
        }
    }

    private void EmitColumnScalar()
    {
        W.Line("/// <summary>");
        W.Line("/// One output at a time: the bias, then each input's weight times the input, in input order. Weights are stored");
        W.Line("/// column by column, [b | W]ᵀ: W[o, i] at (1 + i)·O + o.");
        W.Line("/// </summary>");
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public static void DenseScalar(ref {T} weights, ref {T} x, ref {T} y)"))
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock("for (int o = 0; o < OutputWidth; o++)"))
        {
            W.Line($"{T} sum = Unsafe.Add(ref weights, o);");
            using (W.OpenBlock("for (int i = 0; i < InputWidth; i++)"))
            {
                W.Line("sum = LstmSimd.MultiplyAdd(Unsafe.Add(ref weights, ((1 + i) * OutputWidth) + o), Unsafe.Add(ref x, i), sum);");
            }

            W.Line();
            W.Line($"Unsafe.Add(ref y, o) = {ScalarActivation("sum")};");
        }

        W.Line();
    }

    private void EmitColumnVector(int bits)
    {
        var v = new VectorSyntax(_plan.Element, _plan.Element.LanesOf(bits));
        int lanes = v.Lanes;
        bool overlap = _plan.OutputWidth % lanes != 0;
        W.Line("/// <summary>");
        W.Line($"/// {lanes} outputs at a time{(overlap ? $" (the last vector overlapping the one before, since {_plan.OutputWidth} is not a multiple of {lanes})" : string.Empty)}:");
        W.Line("/// the biases, then each input broadcast and multiplied into its column of weights, in input order.");
        W.Line("/// </summary>");
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public static void Dense{v.Class}(ref {T} weights, ref {T} x, ref {T} y)"))
        using (W.OpenBlock("unchecked"))
        {
            using (W.OpenBlock($"for (int start = 0; start < OutputWidth; start += {lanes})"))
            {
                W.Line(overlap
                    ? $"nuint o = (nuint)(start < OutputWidth - {lanes} ? start : OutputWidth - {lanes});"
                    : "nuint o = (nuint)start;");
                W.Line($"{v.Type} sum = {v.Class}.LoadUnsafe(ref weights, o);");
                using (W.OpenBlock("for (int i = 0; i < InputWidth; i++)"))
                {
                    W.Line($"{v.Type} column = {v.Class}.LoadUnsafe(ref weights, ((nuint)(1 + i) * OutputWidth) + o);");
                    W.Line($"sum = LstmSimd.MultiplyAdd(column, {v.Class}.Create(Unsafe.Add(ref x, i)), sum);");
                }

                W.Line();
                W.Line($"{VectorActivation("sum")}.StoreUnsafe(ref y, o);");
            }

            EmitExactActivationPass();
        }

        W.Line();
    }

    private void EmitRowScalar()
    {
        int p = DensePlan.PartialSums;
        W.Line("/// <summary>");
        W.Line("/// One output at a time, each a dot product over its row: b[o], then W[o, 0…I−1]. The inputs are summed as");
        W.Line($"/// {p} partial sums (input k into sum k mod {p}) added pairwise, then the inputs left over one by one, then the bias:");
        W.Line("/// the order every vector path follows, so all paths give the same bits.");
        W.Line("/// </summary>");
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public static void DenseScalar(ref {T} weights, ref {T} x, ref {T} y)"))
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock("for (int o = 0; o < OutputWidth; o++)"))
        {
            W.Line($"ref {T} row = ref Unsafe.Add(ref weights, o * (1 + InputWidth));");
            W.Line("int i = 0;");
            string zero = T == "float" ? "0f" : "0d";
            if (_plan.InputWidth >= p)
            {
                for (int s = 0; s < p; s++)
                {
                    W.Line($"{T} sum{s} = {zero};");
                }

                using (W.OpenBlock($"for (; i <= InputWidth - {p}; i += {p})"))
                {
                    for (int s = 0; s < p; s++)
                    {
                        string offset = s == 0 ? "i" : $"i + {s}";
                        W.Line($"sum{s} = LstmSimd.MultiplyAdd(Unsafe.Add(ref row, 1 + {offset}), Unsafe.Add(ref x, {offset}), sum{s});");
                    }
                }

                W.Line();
                W.Line($"{T} total = ((sum0 + sum4) + (sum2 + sum6)) + ((sum1 + sum5) + (sum3 + sum7));");
            }
            else
            {
                W.Line($"{T} total = {zero};");
            }

            EmitRowTail();
        }

        W.Line();
    }

    private void EmitRowVector(int bits)
    {
        var v = new VectorSyntax(_plan.Element, _plan.Element.LanesOf(bits));
        int p = DensePlan.PartialSums;
        int vectors = p / v.Lanes;
        W.Line("/// <summary>");
        W.Line($"/// One output at a time, its {p} partial sums in {(vectors == 1 ? "one vector" : $"{vectors} vectors")} of {v.Lanes}, then added pairwise, then the");
        W.Line("/// inputs left over and the bias: the scalar path's order.");
        W.Line("/// </summary>");
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public static void Dense{v.Class}(ref {T} weights, ref {T} x, ref {T} y)"))
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock("for (int o = 0; o < OutputWidth; o++)"))
        {
            W.Line($"ref {T} row = ref Unsafe.Add(ref weights, o * (1 + InputWidth));");
            for (int s = 0; s < vectors; s++)
            {
                W.Line($"{v.Type} sum{s} = {v.Zero};");
            }

            W.Line("int i = 0;");
            using (W.OpenBlock($"for (; i <= InputWidth - {p}; i += {p})"))
            {
                for (int s = 0; s < vectors; s++)
                {
                    string offset = s == 0 ? "i" : $"i + {s * v.Lanes}";
                    W.Line($"sum{s} = LstmSimd.MultiplyAdd({v.Class}.LoadUnsafe(ref row, (nuint)(1 + {offset})), {v.Class}.LoadUnsafe(ref x, (nuint)({offset})), sum{s});");
                }
            }

            W.Line();
            int half = v.Bits / 2;
            string halfType = $"Vector{half}<{T}>";
            switch (vectors)
            {
                case 1:
                    W.Line($"// Lanes k and k + 4 added, then (0 + 2) + (1 + 3).");
                    W.Line($"{halfType} pairs = sum0.GetLower() + sum0.GetUpper();");
                    W.Line($"{T} total = (pairs.GetElement(0) + pairs.GetElement(2)) + (pairs.GetElement(1) + pairs.GetElement(3));");
                    break;
                case 2:
                    W.Line($"{v.Type} pairs = sum0 + sum1;");
                    W.Line($"{T} total = (pairs.GetElement(0) + pairs.GetElement(2)) + (pairs.GetElement(1) + pairs.GetElement(3));");
                    break;
                default:
                    W.Line($"{v.Type} low = sum0 + sum2;");
                    W.Line($"{v.Type} high = sum1 + sum3;");
                    W.Line($"{T} total = (low.GetElement(0) + high.GetElement(0)) + (low.GetElement(1) + high.GetElement(1));");
                    break;
            }

            EmitRowTail();
        }

        W.Line();
    }

    private void EmitRowTail()
    {
        using (W.OpenBlock("for (; i < InputWidth; i++)"))
        {
            W.Line("total = LstmSimd.MultiplyAdd(Unsafe.Add(ref row, 1 + i), Unsafe.Add(ref x, i), total);");
        }

        W.Line();
        W.Line($"Unsafe.Add(ref y, o) = {ScalarActivation("total + row")};");
    }

    /// <summary>For exact tanh and σ, which have no vector form: the vector path stores W·x + b, then this applies them.</summary>
    private void EmitExactActivationPass()
    {
        if (!NeedsScalarPass)
        {
            return;
        }

        W.Line();
        using (W.OpenBlock("for (int o = 0; o < OutputWidth; o++)"))
        {
            W.Line($"Unsafe.Add(ref y, o) = {ScalarActivation("Unsafe.Add(ref y, o)")};");
        }
    }

    private bool NeedsScalarPass => _plan.ExactActivations && _plan.Activation is ActivationKind.Tanh or ActivationKind.Sigmoid;

    private string ScalarActivation(string z) => _plan.Activation switch
    {
        ActivationKind.Tanh => _plan.ExactActivations ? $"LstmMath.TanhExact({z})" : $"LstmMath.Tanh({z})",
        ActivationKind.Sigmoid => _plan.ExactActivations ? $"LstmMath.SigmoidExact({z})" : $"LstmMath.Sigmoid({z})",
        ActivationKind.ReLU => $"LstmMath.ReLU({z})",
        _ => z,
    };

    private string VectorActivation(string z) => _plan.Activation switch
    {
        ActivationKind.Tanh when !NeedsScalarPass => $"LstmMath.Tanh({z})",
        ActivationKind.Sigmoid when !NeedsScalarPass => $"LstmMath.Sigmoid({z})",
        ActivationKind.ReLU => $"LstmMath.ReLU({z})",
        _ => z,
    };

    private string Equation => _plan.Activation switch
    {
        ActivationKind.Identity => "y = W·x + b",
        ActivationKind.ReLU => "y = ReLU(W·x + b)",
        ActivationKind.Sigmoid => "y = σ(W·x + b)",
        _ => "y = tanh(W·x + b)",
    };
}
