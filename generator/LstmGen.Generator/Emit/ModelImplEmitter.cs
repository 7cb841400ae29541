using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes a model's implementation struct in <c>LstmGen.Generated</c>: its structure, one field per layer (each layer a
/// struct nested in it, with its own kernels), the step through every layer and the residual path, whole-model parameter
/// transfer and loading, and for training models the sequences between layers and back-propagation from the last layer to
/// the first.
/// </summary>
internal sealed class ModelImplEmitter
{
    private readonly ModelPlan _plan;
    private readonly SourceWriter _w;
    private readonly CompilationFacts _facts;
    private readonly EquatableArray<BakedParameters>? _baked;

    public ModelImplEmitter(ModelPlan plan, SourceWriter writer, CompilationFacts facts, EquatableArray<BakedParameters>? baked)
    {
        _plan = plan;
        _w = writer;
        _facts = facts;
        _baked = baked;
    }

    private SourceWriter W => _w;

    private string T => _plan.Element.Name;

    private IReadOnlyList<PartPlan> Parts => _plan.Parts;

    private PartPlan Last => Parts[Parts.Count - 1];

    private bool Streamed => _plan.IsStreamed;

    /// <summary>What the recorded sequences are counted in: steps, or for a streamed model rows (a step of one stream), time-major.</summary>
    private string Rows => Streamed ? "rows" : "steps";

    public void Emit()
    {
        W.Line($"/// <summary>The implementation of <see cref=\"{_plan.Spec.Target.Cref}\"/>: its layers, and the code that runs them in turn.</summary>");
        W.Line("/// <remarks>For use by the generated model only; not meant to be used from other code.</remarks>");
        W.Line(EmitContext.GeneratedCode);
        W.Line("[EditorBrowsable(EditorBrowsableState.Never)]");
        if (_facts.AllowUnsafe)
        {
            W.Line("[SkipLocalsInit]");
        }

        using (W.OpenBlock($"internal struct {_plan.Spec.Target.ImplName}"))
        {
            EmitConstants();
            EmitFields();
            EmitReset();
            EmitStep();
            EmitForward();
            EmitParameters();
            if (_plan.IsTraining)
            {
                EmitBackward();
                EmitOptimizers();
            }

            if (Last.Kind == ModelLayerKind.Lstm)
            {
                EmitCopy();
            }

            EmitSequenceTypes();
            EmitParts();
        }
    }

    private void EmitConstants()
    {
        W.Line($"private const int InputWidth = {_plan.InputWidth};");
        W.Line($"private const int OutputWidth = {_plan.OutputWidth};");
        W.Line($"private const int ParameterCount = {Literals.Int(_plan.ParameterCount)};");
        if (Streamed)
        {
            W.Line($"private const int Streams = {_plan.Streams};");
        }

        if (_plan.IsTraining)
        {
            W.Line($"private const int MaxSteps = {_plan.Spec.MaxSteps};");
            W.Line($"private const int MaxWidth = {_plan.MaxWidth};");
        }

        W.Line();
        W.Line($"/// <summary>The layers and sizes: {ModelApi.Xml(_plan.Structure.ToString())}.</summary>");
        var layers = new List<string>();
        foreach (PartPlan part in Parts)
        {
            ModelLayer layer = part.Layer;
            layers.Add(layer.Kind == ModelLayerKind.Lstm
                ? $"new(ModelLayerKind.Lstm, {layer.InputWidth}, {layer.OutputWidth})"
                : $"new(ModelLayerKind.{layer.Kind}, {layer.InputWidth}, {layer.OutputWidth}, ActivationKind.{layer.Activation})");
        }

        W.Line("public static readonly ModelStructure Structure = new(");
        W.Indentation++;
        W.Line($"{_plan.InputWidth},");
        using (W.OpenBlock("new ModelLayer[]", "},"))
        {
            foreach (string layer in layers)
            {
                W.Line(layer + ",");
            }
        }

        W.Line($"{_plan.ResidualWidth});");
        W.Indentation--;
        W.Line();
    }

    private void EmitFields()
    {
        foreach (PartPlan part in Parts)
        {
            // A last activation layer writes straight into y with its static Apply, so it needs no output of its own.
            if (part.Kind == ModelLayerKind.Activation && part == Last)
            {
                continue;
            }

            W.Line($"/// <summary>Layer {part.Index}: {ModelApi.Xml(part.Layer.ToString())}.</summary>");
            W.Line($"internal {part.TypeName} {part.Name};");
            W.Line();
        }

        if (!_plan.IsTraining)
        {
            return;
        }

        if (_plan.RecordsInputs)
        {
            W.Line("/// <summary>The inputs of the recorded steps, which the first (dense) layer's gradients need.</summary>");
            W.Line($"private Steps{_plan.InputWidth} inputs;");
            W.Line();
        }

        W.Line("/// <summary>Each layer's outputs over the recorded steps: the next layer's inputs, and what back-propagation reads.</summary>");
        foreach (PartPlan part in Parts)
        {
            W.Line($"private Steps{part.OutputWidth} outputs{part.Index};");
        }

        W.Line();
        W.Line("/// <summary>Back-propagation's two buffers: dLoss/d(output) of the layer at hand, and the dLoss/d(input) it writes, in turn.</summary>");
        W.Line("private GradientSteps gradientA;");
        W.Line("private GradientSteps gradientB;");
        W.Line("private int recordedSteps;");
        W.Line();
        W.Line("public int RecordedSteps => recordedSteps;");
        W.Line();
    }

    private void EmitReset()
    {
        using (W.OpenBlock("public void Reset()"))
        {
            foreach (PartPlan part in Parts.Where(part => part.Kind == ModelLayerKind.Lstm))
            {
                W.Line($"{part.Name}.Reset();");
            }
        }

        W.Line();
        if (!Streamed)
        {
            return;
        }

        using (W.OpenBlock("public void Reset(int stream)"))
        {
            W.Line("LstmGuard.Index(stream, Streams, \"stream\");");
            foreach (PartPlan part in Parts.Where(part => part.Kind == ModelLayerKind.Lstm))
            {
                W.Line($"{part.Name}.Reset(stream);");
            }
        }

        W.Line();
    }

    private void EmitStep()
    {
        if (Streamed)
        {
            EmitStreamedStep();
            return;
        }

        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Step(ReadOnlySpan<{T}> x, Span<{T}> y)"))
        {
            W.Line("LstmGuard.Length(x.Length, InputWidth, \"x\", \"I\");");
            W.Line("LstmGuard.Length(y.Length, OutputWidth, \"y\", \"O\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(x, y, \"y\");");
            W.Line("StepCore(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y));");
        }

        W.Line();
        W.Line($"/// <summary>One step through every layer in turn, each reading the previous one's output in place{(_plan.ResidualWidth > 0 ? ", then the residual path" : string.Empty)}.</summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private void StepCore(ref {T} x, ref {T} y)"))
        {
            EmitLayerCalls();
            EmitResidual("y", "x");
        }

        W.Line();
    }

    private void EmitStreamedStep()
    {
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Step(ReadOnlySpan<{T}> x, Span<{T}> y)"))
        {
            W.Line("LstmGuard.Length(x.Length, Streams * InputWidth, \"x\", \"N·I\");");
            W.Line("LstmGuard.Length(y.Length, Streams * OutputWidth, \"y\", \"N·O\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(x, y, \"y\");");
            W.Line("StepCore(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), Streams);");
        }

        W.Line();
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Step(ReadOnlySpan<{T}> x, Span<{T}> y, int streams)"))
        {
            W.Line("LstmGuard.Count(streams, Streams, \"streams\");");
            W.Line("LstmGuard.Length(x.Length, streams * InputWidth, \"x\", \"n·I\");");
            W.Line("LstmGuard.Length(y.Length, streams * OutputWidth, \"y\", \"n·O\");");
            W.Line($"LstmGuard.NoOverlap<{T}>(x, y, \"y\");");
            W.Line("StepCore(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), streams);");
        }

        W.Line();
        W.Line("/// <summary>");
        W.Line($"/// One step of the first <paramref name=\"streams\"/> streams through every layer in turn, each reading the previous one's");
        W.Line($"/// outputs (stream after stream) in place{(_plan.ResidualWidth > 0 ? ", then the residual path of each stream" : string.Empty)}.");
        W.Line("/// </summary>");
        W.Line("// Not inlined, and compiled optimized at its first call: inlined into Step and Forward (whose budget the JIT sizes by");
        W.Line("// their few IL bytes), it left the stream loops it calls to run unoptimized, then instrumented, for a second or two.");
        W.Line("[MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"private void StepCore(ref {T} x, ref {T} y, int streams)"))
        {
            EmitLayerCalls();
            if (_plan.ResidualWidth > 0)
            {
                W.Line();
                EmitRowResidual("streams");
            }
        }

        W.Line();
    }

    /// <summary>
    /// StepCore's calls of every layer in turn, each reading the previous one's output in place; a streamed model passes the
    /// count of streams to step (<c>streams</c>) and its outputs hold that many streams.
    /// </summary>
    private void EmitLayerCalls()
    {
        string streams = Streamed ? ", streams" : string.Empty;
        string outputs = Streamed ? "streams * OutputWidth" : "OutputWidth";
        string input = "x";
        foreach (PartPlan part in Parts)
        {
            string comment = $" // {part.Layer}";
            bool last = part == Last;
            switch (part.Kind)
            {
                case ModelLayerKind.Lstm when last:
                    W.Line($"Copy(ref y, ref {part.Name}.Run(ref {input}{streams}), {outputs});{comment}");
                    break;
                case ModelLayerKind.Lstm:
                    W.Line($"ref {T} h{part.Index} = ref {part.Name}.Run(ref {input}{streams});{comment}");
                    input = $"h{part.Index}";
                    break;
                case ModelLayerKind.Dense when last:
                    W.Line(Streamed ? $"{part.Name}.ApplyStreams(ref {input}, ref y, streams);{comment}" : $"{part.Name}.Apply(ref {input}, ref y);{comment}");
                    break;
                case ModelLayerKind.Activation when last:
                    W.Line($"{part.TypeName}.Apply(ref {input}, ref y, {outputs});{comment}");
                    break;
                default:
                    W.Line($"ref {T} y{part.Index} = ref {part.Name}.Run(ref {input}{streams});{comment}");
                    input = $"y{part.Index}";
                    break;
            }
        }
    }

    /// <summary>Adds the residual path to <paramref name="rows"/> rows of outputs, x row r at r·I and y row r at r·O.</summary>
    private void EmitRowResidual(string rows)
    {
        using (W.OpenBlock("unchecked"))
        using (W.OpenBlock($"for (int r = 0; r < {rows}; r++)"))
        {
            W.Line($"ref {T} xr = ref Unsafe.Add(ref x, r * InputWidth);");
            W.Line($"ref {T} yr = ref Unsafe.Add(ref y, r * OutputWidth);");
            EmitResidual("yr", "xr");
        }
    }

    /// <summary>Adds the residual path to one step's output.</summary>
    private void EmitResidual(string y, string x)
    {
        if (_plan.ResidualWidth == 0)
        {
            return;
        }

        if (_plan.OutputWidth == 1)
        {
            W.Line($"{y} += {x}; // the residual path: + x[0]");
            return;
        }

        string added = _plan.ResidualWidth == 1 ? x : $"Unsafe.Add(ref {x}, j)";
        W.Line(_plan.ResidualWidth == 1 ? "// The residual path: + x[0] on every output." : "// The residual path: + x[j] on output j.");
        using (W.OpenBlock("for (int j = 0; j < OutputWidth; j++)"))
        {
            W.Line($"Unsafe.Add(ref {y}, j) += {added};");
        }
    }

    private void EmitForward()
    {
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"public void Forward(ReadOnlySpan<{T}> xs, Span<{T}> ys)"))
        {
            W.Line(Streamed ? "int steps = LstmGuard.Steps(xs.Length, Streams * InputWidth, \"xs\", \"N·I\");" : "int steps = LstmGuard.Steps(xs.Length, InputWidth, \"xs\", \"I\");");
            W.Line(Streamed ? "LstmGuard.SequenceLength(ys.Length, steps, Streams * OutputWidth, \"ys\", \"N·O\");" : "LstmGuard.SequenceLength(ys.Length, steps, OutputWidth, \"ys\", \"O\");");
            if (_plan.IsTraining)
            {
                W.Line("LstmGuard.TapeCapacity(steps, MaxSteps, \"xs\");");
            }

            W.Line($"LstmGuard.NoOverlap<{T}>(xs, ys, \"ys\");");
            if (!_plan.IsTraining)
            {
                W.Line($"ref {T} x = ref MemoryMarshal.GetReference(xs);");
                W.Line($"ref {T} y = ref MemoryMarshal.GetReference(ys);");
                using (W.OpenBlock("unchecked"))
                using (W.OpenBlock("for (int t = 0; t < steps; t++)"))
                {
                    W.Line(Streamed
                        ? "StepCore(ref Unsafe.Add(ref x, t * Streams * InputWidth), ref Unsafe.Add(ref y, t * Streams * OutputWidth), Streams);"
                        : "StepCore(ref Unsafe.Add(ref x, t * InputWidth), ref Unsafe.Add(ref y, t * OutputWidth));");
                }
            }
            else
            {
                EmitRecordingForward();
            }
        }

        W.Line();
    }

    /// <summary>A training model's Forward: layer by layer over the whole sequence, keeping every layer's outputs.</summary>
    private void EmitRecordingForward()
    {
        if (Streamed)
        {
            W.Line("// Layer by layer over the whole sequence, keeping each layer's outputs for the next layer and for Backward; a row is");
            W.Line("// one step of one stream, time-major, and every layer but an LSTM treats the rows alike.");
            W.Line("int rows = steps * Streams;");
        }
        else
        {
            W.Line("// Layer by layer over the whole sequence, keeping each layer's outputs for the next layer and for Backward.");
        }

        if (_plan.RecordsInputs)
        {
            W.Line($"xs.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Steps{_plan.InputWidth}, {T}>(ref inputs), {Rows} * InputWidth));");
        }

        foreach (PartPlan part in Parts)
        {
            string comment = $"// {part.Layer}";
            string input = InputSequence(part);
            string output = Sequence(part.Index, part.OutputWidth);
            W.Line(comment);
            switch (part.Kind)
            {
                case ModelLayerKind.Lstm:
                    string inputSpan = part.Index == 0 ? "xs" : $"MemoryMarshal.CreateReadOnlySpan(ref {input}, {Rows} * {part.InputWidth})";
                    W.Line($"{part.Name}.Forward({inputSpan}, MemoryMarshal.CreateSpan(ref {output}, {Rows} * {part.OutputWidth}));");
                    break;
                case ModelLayerKind.Dense:
                    W.Line($"{part.Name}.ForwardSequence(ref {input}, ref {output}, {Rows});");
                    break;
                default:
                    W.Line($"{part.TypeName}.Apply(ref {input}, ref {output}, {Rows} * {part.OutputWidth});");
                    break;
            }
        }

        W.Line();
        string last = Sequence(Last.Index, Last.OutputWidth);
        W.Line($"MemoryMarshal.CreateReadOnlySpan(ref {last}, {Rows} * OutputWidth).CopyTo(ys);");
        if (_plan.ResidualWidth > 0 && Streamed)
        {
            W.Line($"ref {T} x = ref MemoryMarshal.GetReference(xs);");
            W.Line($"ref {T} y = ref MemoryMarshal.GetReference(ys);");
            EmitRowResidual("rows");
        }
        else if (_plan.ResidualWidth > 0)
        {
            W.Line($"ref {T} x = ref MemoryMarshal.GetReference(xs);");
            W.Line($"ref {T} y = ref MemoryMarshal.GetReference(ys);");
            using (W.OpenBlock("unchecked"))
            using (W.OpenBlock("for (int t = 0; t < steps; t++)"))
            {
                W.Line($"ref {T} xt = ref Unsafe.Add(ref x, t * InputWidth);");
                W.Line($"ref {T} yt = ref Unsafe.Add(ref y, t * OutputWidth);");
                EmitResidual("yt", "xt");
            }
        }

        W.Line();
        W.Line("recordedSteps = steps;");
    }

    /// <summary>The first element of a layer's recorded outputs.</summary>
    private string Sequence(int index, int width) => $"Unsafe.As<Steps{width}, {T}>(ref outputs{index})";

    /// <summary>The first element of a layer's recorded inputs: the model's (copied) inputs or the previous layer's outputs.</summary>
    private string InputSequence(PartPlan part) => part.Index == 0
        ? (_plan.RecordsInputs ? $"Unsafe.As<Steps{_plan.InputWidth}, {T}>(ref inputs)" : "MemoryMarshal.GetReference(xs)")
        : Sequence(part.Index - 1, part.InputWidth);

    private void EmitParameters()
    {
        IEnumerable<PartPlan> withParameters = Parts.Where(part => part.HasView);
        using (W.OpenBlock($"public void ExportParameters(Span<{T}> destination)"))
        {
            W.Line("LstmGuard.Length(destination.Length, ParameterCount, \"destination\");");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ExportParameters(destination.Slice({part.ParameterOffset}, {part.ParameterCount}));");
            }
        }

        W.Line();
        if (_plan.IsBaked)
        {
            return;
        }

        using (W.OpenBlock($"public void ImportParameters(ReadOnlySpan<{T}> source)"))
        {
            W.Line("LstmGuard.Length(source.Length, ParameterCount, \"source\");");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"LstmGuard.NoOverlap<{T}>(source, {part.Name}.Parameters, \"source\");");
            }

            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ImportParameters(source.Slice({part.ParameterOffset}, {part.ParameterCount}));");
            }
        }

        W.Line();
        using (W.OpenBlock("public void InitializeParameters(ulong seed)"))
        using (W.OpenBlock("unchecked"))
        {
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.InitializeParameters({(part.Index == 0 ? "seed" : $"seed + {part.Index}")});");
            }
        }

        W.Line();
        W.Line("/// <summary>Reads the whole file and checks it against <see cref=\"Structure\"/> before any layer changes.</summary>");
        using (W.OpenBlock("public void LoadWeights(ReadOnlySpan<byte> file)"))
        {
            W.Line($"{T}[][] layers = ModelWeightsReader.Read<{T}>(Structure, file);");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ImportParameters(layers[{part.Index}]);");
            }
        }

        W.Line();
    }

    private void EmitBackward()
    {
        W.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (W.OpenBlock($"public void Backward(ReadOnlySpan<{T}> dLossDy, Span<{T}> dLossDx)"))
        {
            W.Line("int steps = recordedSteps;");
            W.Line("LstmGuard.Recorded(steps);");
            if (Streamed)
            {
                W.Line("LstmGuard.SequenceLength(dLossDy.Length, steps, Streams * OutputWidth, \"dLossDy\", \"N·O\");");
                W.Line("LstmGuard.OptionalSequenceLength(dLossDx.Length, steps, Streams * InputWidth, \"dLossDx\", \"N·I\");");
            }
            else
            {
                W.Line("LstmGuard.SequenceLength(dLossDy.Length, steps, OutputWidth, \"dLossDy\", \"O\");");
                W.Line("LstmGuard.OptionalSequenceLength(dLossDx.Length, steps, InputWidth, \"dLossDx\", \"I\");");
            }

            W.Line($"LstmGuard.NoOverlap<{T}>(dLossDy, dLossDx, \"dLossDx\");");
            W.Line();
            W.Line("// Each Backward consumes the recording, as each layer's does.");
            W.Line("recordedSteps = 0;");
            if (Streamed)
            {
                W.Line("int rows = steps * Streams;");
            }

            W.Line($"ref {T} gradientsA = ref Unsafe.As<GradientSteps, {T}>(ref gradientA);");
            W.Line($"ref {T} gradientsB = ref Unsafe.As<GradientSteps, {T}>(ref gradientB);");
            W.Line($"ref {T} dx = ref LstmRefs.OrNull(dLossDx);");
            W.Line($"dLossDy.CopyTo(MemoryMarshal.CreateSpan(ref gradientsA, {Rows} * OutputWidth));");
            string upstream = "gradientsA";
            string spare = "gradientsB";
            for (int k = Parts.Count - 1; k >= 0; k--)
            {
                PartPlan part = Parts[k];
                bool first = k == 0;
                W.Line();
                string output = Sequence(part.Index, part.OutputWidth);
                switch (part.Kind)
                {
                    case ModelLayerKind.Lstm:
                        W.Line($"// {part.Layer}: back through time; its dLoss/dx is the previous layer's dLoss/dh.");
                        string dxSpan = first ? "dLossDx" : $"MemoryMarshal.CreateSpan(ref {spare}, {Rows} * {part.InputWidth})";
                        W.Line($"{part.Name}.Backward(MemoryMarshal.CreateReadOnlySpan(ref {upstream}, {Rows} * {part.OutputWidth}), {dxSpan});");
                        (upstream, spare) = (spare, upstream);
                        break;
                    case ModelLayerKind.Dense:
                        W.Line($"// {part.Layer}: dLoss/dz = dLoss/dy∘act′, then dW, db and dLoss/dx = Wᵀ·dLoss/dz.");
                        W.Line($"{part.Name}.BackwardSequence(ref {InputSequence(part)}, ref {output}, ref {upstream}, ref {(first ? "dx" : spare)}, {Rows});");
                        (upstream, spare) = (spare, upstream);
                        break;
                    default:
                        W.Line($"// {part.Layer}: dLoss/dx = dLoss/dy∘act′, in place.");
                        W.Line($"DenseBackprop.ActivationGradient(ref {output}, ref {upstream}, {Rows} * {part.OutputWidth}, ActivationKind.{part.Layer.Activation});");
                        if (first)
                        {
                            using (W.OpenBlock("if (!dLossDx.IsEmpty)"))
                            {
                                W.Line($"MemoryMarshal.CreateReadOnlySpan(ref {upstream}, {Rows} * InputWidth).CopyTo(dLossDx);");
                            }
                        }

                        break;
                }
            }

            if (_plan.ResidualWidth > 0)
            {
                W.Line();
                W.Line("// The residual path carries dLoss/dy straight to the inputs it adds.");
                using (W.OpenBlock("if (!dLossDx.IsEmpty)"))
                {
                    W.Line($"DenseBackprop.AddResidualGradient<{T}>(dLossDy, dLossDx, {Rows}, InputWidth, OutputWidth, {_plan.ResidualWidth});");
                }
            }
        }

        W.Line();
    }

    private void EmitOptimizers()
    {
        PartPlan[] withParameters = Parts.Where(part => part.HasView).ToArray();
        using (W.OpenBlock("public void ZeroGradients()"))
        {
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ZeroGradients();");
            }
        }

        W.Line();
        using (W.OpenBlock($"public void ExportGradients(Span<{T}> destination)"))
        {
            W.Line("LstmGuard.Length(destination.Length, ParameterCount, \"destination\");");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ExportGradients(destination.Slice({part.ParameterOffset}, {part.ParameterCount}));");
            }
        }

        W.Line();
        using (W.OpenBlock($"public void ApplySgd({T} learningRate)"))
        {
            W.Line("LstmGuard.NotNegative(learningRate, \"learningRate\", \"The learning rate\");");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ApplySgd(learningRate);");
            }
        }

        W.Line();
        W.Line("/// <summary>Clips by the norm of all gradients together, as clip_grad_norm_ does over model.parameters().</summary>");
        using (W.OpenBlock($"public {T} ClipGradients({T} maxNorm)"))
        {
            W.Line("LstmGuard.Positive(maxNorm, \"maxNorm\", \"The largest norm\");");
            W.Line("double sum = 0;");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"sum += LstmOptimizers.SumOfSquares<{T}>({part.Name}.Gradients);");
            }

            W.Line("double norm = Math.Sqrt(sum);");
            W.Line("double scale = LstmOptimizers.ClipScale(norm, maxNorm);");
            using (W.OpenBlock("if (scale != 1)"))
            {
                foreach (PartPlan part in withParameters)
                {
                    W.Line($"LstmOptimizers.Scale<{T}>({part.Name}.Gradients, ({T})scale);");
                }
            }

            W.Line();
            W.Line($"return ({T})norm;");
        }

        W.Line();
        if (!_plan.Spec.Adam)
        {
            return;
        }

        using (W.OpenBlock($"public void ApplyAdam({T} learningRate, {T} beta1, {T} beta2, {T} epsilon)"))
        {
            W.Line("LstmOptimizers.CheckAdam(learningRate, beta1, beta2, epsilon);");
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ApplyAdam(learningRate, beta1, beta2, epsilon);");
            }
        }

        W.Line();
        using (W.OpenBlock("public void ResetAdam()"))
        {
            foreach (PartPlan part in withParameters)
            {
                W.Line($"{part.Name}.ResetAdam();");
            }
        }

        W.Line();
    }

    private void EmitCopy()
    {
        W.Line("/// <summary>Copies <paramref name=\"count\"/> elements; with a constant count the JIT writes it out as a few vector moves.</summary>");
        W.Line(EmitContext.HotPath);
        using (W.OpenBlock($"private static void Copy(ref {T} destination, ref {T} source, int count)"))
        {
            W.Line($"Unsafe.CopyBlockUnaligned(ref Unsafe.As<{T}, byte>(ref destination), ref Unsafe.As<{T}, byte>(ref source), (uint)(count * sizeof({T})));");
        }

        W.Line();
    }

    private void EmitSequenceTypes()
    {
        if (!_plan.IsTraining)
        {
            return;
        }

        var widths = new SortedSet<int>(Parts.Select(part => part.OutputWidth));
        if (_plan.RecordsInputs)
        {
            widths.Add(_plan.InputWidth);
        }

        foreach (int width in widths)
        {
            W.Line(Streamed
                ? $"/// <summary>{width} element(s) per step of each stream for up to MaxSteps steps, time-major.</summary>"
                : $"/// <summary>{width} element(s) per step for up to MaxSteps steps.</summary>");
            W.Line(Streamed ? $"[InlineArray(MaxSteps * Streams * {width})]" : $"[InlineArray(MaxSteps * {width})]");
            using (W.OpenBlock($"private struct Steps{width}"))
            {
                W.Line($"private {T} element0;");
            }

            W.Line();
        }

        W.Line(Streamed
            ? "/// <summary>The widest vector of the model per step of each stream, for up to MaxSteps steps.</summary>"
            : "/// <summary>The widest vector of the model per step, for up to MaxSteps steps.</summary>");
        W.Line(Streamed ? "[InlineArray(MaxSteps * Streams * MaxWidth)]" : "[InlineArray(MaxSteps * MaxWidth)]");
        using (W.OpenBlock("private struct GradientSteps"))
        {
            W.Line($"private {T} element0;");
        }

        W.Line();
    }

    private void EmitParts()
    {
        string cref = _plan.Spec.Target.Cref;
        foreach (PartPlan part in Parts)
        {
            string summary = $"Layer {part.Index} of <see cref=\"{cref}\"/>, {ModelApi.Xml(part.Layer.ToString())}: its buffers, and the code that runs it.";
            BakedParameters? baked = _baked is { } all && part.Index < all.Count ? all[part.Index] : null;
            switch (part.Kind)
            {
                case ModelLayerKind.Lstm:
                    var context = new EmitContext(part.Lstm!, W, _facts);
                    new LayerImplEmitter(context, summary).Emit(baked);
                    break;
                case ModelLayerKind.Dense:
                    new DenseImplEmitter(part.Dense!, W, _facts).Emit(part.TypeName, summary, baked);
                    break;
                default:
                    ActivationImplEmitter.Emit(W, part, _plan.Element, _plan.Spec.ExactActivations || _plan.Element.Kind == ElementKind.Double, summary);
                    break;
            }

            W.Line();
        }
    }
}
