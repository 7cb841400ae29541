using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// The public members of a generated model, with their documentation: constants, the structure, one view per layer with
/// parameters, whole-model running, parameter transfer and file loading, and with <c>MaxSteps</c> training. The user's
/// partial type declares them; the parser checks their names against the user's own.
/// </summary>
internal static class ModelApi
{
    /// <summary>The field in the user's type that holds the model: every layer's buffers and state.</summary>
    public const string StorageField = "__model";

    private const string ArgumentDocs = "/// <exception cref=\"ArgumentException\">";

    private static readonly Regex LayerMemberName = new(@"^(Lstm|Dense|Activation)[0-9]+(Layer)?$", RegexOptions.CultureInvariant);

    /// <summary>Whether a name has the shape of a layer's generated members (<c>Lstm0</c>, <c>Dense1Layer</c>).</summary>
    public static bool IsLayerMemberName(string name) => LayerMemberName.IsMatch(name);

    public static IReadOnlyList<ApiMember> Members(ModelPlan plan)
    {
        string count = Literals.Int(plan.ParameterCount);
        bool value = plan.Spec.Target.IsValueType;
        var members = new List<ApiMember>
        {
            ApiMember.Constant("InputWidth", "int", Literals.Int(plan.InputWidth), "/// <summary>The input width I: elements of x per time step.</summary>"),
            ApiMember.Constant("OutputWidth", "int", Literals.Int(plan.OutputWidth), "/// <summary>The output width O: elements of y per time step.</summary>"),
            ApiMember.Constant("LayerCount", "int", Literals.Int(plan.Parts.Count), "/// <summary>The number of layers, an activation that follows a dense layer counted as part of it.</summary>"),
            ApiMember.Constant(
                "ResidualWidth",
                "int",
                Literals.Int(plan.ResidualWidth),
                "/// <summary>The residual path: 0 for none, 1 when x[0] is added to every output, O when x[j] is added to y[j].</summary>"),
            ApiMember.Constant("ParameterCount", "int", count, "/// <summary>The number of parameters of all layers: the length of a canonical export.</summary>"),
            ApiMember.Constant("StorageBytes", "int", Literals.Int(plan.StorageBytes), $"/// <summary>Bytes of the model's own buffers: {StorageContents(plan)}.</summary>"),
        };
        if (plan.IsStreamed)
        {
            members.Insert(2, ApiMember.Constant(
                "Streams",
                "int",
                Literals.Int(plan.Streams),
                "/// <summary>The number of streams N: independent sequences stepped together, each with its own state in every LSTM layer.</summary>"));
        }

        if (plan.IsTraining)
        {
            members.Add(ApiMember.Constant(
                "MaxSteps",
                "int",
                Literals.Int(plan.Spec.MaxSteps),
                plan.IsStreamed
                    ? "/// <summary>The most steps one <see cref=\"Forward\"/> records for training, of every stream.</summary>"
                    : "/// <summary>The most steps one <see cref=\"Forward\"/> records for training.</summary>"));
        }

        members.Add(ApiMember.Property(
            "Structure",
            "ModelStructure",
            isStatic: true,
            unscopedRef: false,
            $"/// <summary>Gets the model's layers with their sizes, and its residual path: <c>{Xml(plan.Structure.ToString())}</c>.</summary>"));
        members.Add(ApiMember.Explicit("ILstmModel<T>", "Structure", "ModelStructure", "Structure", unscopedRef: false));
        members.Add(ApiMember.Explicit("ILstmModel<T>", "Streams", "int", plan.IsStreamed ? "Streams" : "1", unscopedRef: false));
        foreach (PartPlan part in plan.Parts.Where(part => part.HasView))
        {
            members.Add(new ApiMember(
                ApiKind.Property,
                part.Name,
                part.ViewName,
                new ApiParameter[0],
                new[]
                {
                    $"/// <summary>Gets layer {part.Index}, {Xml(part.Layer.ToString())}: its parameters{(part.Kind == ModelLayerKind.Lstm ? ", state" : string.Empty)} and their import and export.</summary>",
                    "/// <remarks>A view of the layer inside this model, not a copy: changes through it change the model.</remarks>",
                },
                Value: $"new(ref {StorageField}.{part.Name})",
                UnscopedRef: value));
        }

        if (plan.IsStreamed)
        {
            AddStreamedRunning(members, plan);
        }
        else
        {
            AddRunning(members, plan);
        }

        members.Add(ApiMember.Method(
            "ExportParameters",
            "void",
            new[] { new ApiParameter("Span<T>", "destination") },
            "/// <summary>Copies every parameter out in canonical order: each layer's in turn (an LSTM's Wx, Wh, b; a dense layer's W, b).</summary>",
            $"/// <param name=\"destination\">Receives {count} values.</param>",
            ArgumentDocs + "<paramref name=\"destination\"/> has the wrong length; nothing is written.</exception>"));
        if (!plan.IsBaked)
        {
            members.Add(ApiMember.Method(
                "ImportParameters",
                "void",
                new[] { new ApiParameter("ReadOnlySpan<T>", "source") },
                "/// <summary>Replaces every parameter with values in canonical order, as <see cref=\"ExportParameters\"/> writes them.</summary>",
                $"/// <param name=\"source\">{count} values.</param>",
                ArgumentDocs + "<paramref name=\"source\"/> has the wrong length or overlaps the parameters; nothing changes.</exception>"));
            members.Add(ApiMember.Method(
                "InitializeParameters",
                "void",
                new[] { new ApiParameter("ulong", "seed") },
                "/// <summary>",
                "/// Draws every parameter as PyTorch initialises its layers, from a deterministic generator: U(−1/√H, 1/√H) for an LSTM,",
                "/// U(−1/√I, 1/√I) for a dense layer. Layer k draws from seed + k, so each layer's values do not depend on the others.",
                "/// </summary>",
                "/// <param name=\"seed\">The seed; the same seed gives the same model on every machine.</param>"));
            members.Add(ApiMember.Method(
                "LoadWeights",
                "void",
                new[] { new ApiParameter("ReadOnlySpan<byte>", "file") },
                "/// <summary>Replaces every parameter with a model file's: GuitarML JSON, a PyTorch state_dict as JSON or safetensors, or RTNeural JSON.</summary>",
                "/// <param name=\"file\">The whole file.</param>",
                "/// <remarks>",
                "/// The file's layers must be this model's (<see cref=\"Structure\"/>): kinds and widths, and activations and the residual path",
                "/// where the format records them. See <see cref=\"global::LstmGen.ModelFiles\"/> for the formats; it reads a file's structure",
                "/// without loading it. Reading allocates: load once, then run. The state (h and c) is kept: call <see cref=\"Reset()\"/>",
                "/// after switching to another model's weights.",
                "/// </remarks>",
                "/// <exception cref=\"global::System.IO.InvalidDataException\">The file is malformed, holds another model (the message shows both), or holds a value that is not finite; nothing changes.</exception>"));
        }

        if (plan.IsTraining)
        {
            AddTraining(members, plan, count);
        }

        return members;
    }

    /// <summary>Reset, Step and Forward of an ordinary model.</summary>
    private static void AddRunning(List<ApiMember> members, ModelPlan plan)
    {
        members.Add(ApiMember.Method("Reset", "void", new ApiParameter[0], "/// <summary>Sets the state of every LSTM layer to zero: h and c.</summary>"));
        var step = new List<string>
        {
            "/// <summary>Runs one time step of the whole model: every layer in turn, then the residual path; advances every LSTM's state.</summary>",
            "/// <param name=\"x\">The input; I elements.</param>",
            "/// <param name=\"y\">Receives the output; O elements, not overlapping <paramref name=\"x\"/>.</param>",
            ArgumentDocs + "A span has the wrong length, or the two overlap; the state does not change.</exception>",
        };
        if (plan.IsTraining)
        {
            step.Add("/// <remarks>Nothing is recorded for training: <see cref=\"Forward\"/> records the sequences to train on.</remarks>");
        }

        members.Add(ApiMember.Method("Step", "void", new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "y") }, step.ToArray()) with { Optimized = true });
        var forward = new List<string>
        {
            "/// <summary>Runs T steps of the whole model from the current state and advances it; T is the length of <paramref name=\"xs\"/> divided by I.</summary>",
            "/// <param name=\"xs\">The inputs, step after step; T·I elements.</param>",
            "/// <param name=\"ys\">Receives the outputs, step after step; T·O elements, not overlapping <paramref name=\"xs\"/>.</param>",
            plan.IsTraining
                ? ArgumentDocs + "A length is wrong, the spans overlap, or T exceeds <see cref=\"MaxSteps\"/>; nothing changes.</exception>"
                : ArgumentDocs + "A length is wrong or the spans overlap; the state does not change.</exception>",
        };
        if (plan.IsTraining)
        {
            forward.Add("/// <remarks>Runs layer by layer over the whole sequence and records what <see cref=\"Backward\"/> needs, replacing what was recorded before.</remarks>");
        }

        members.Add(ApiMember.Method("Forward", "void", new[] { new ApiParameter("ReadOnlySpan<T>", "xs"), new ApiParameter("Span<T>", "ys") }, forward.ToArray()) with { Optimized = true });

        // The interface's per-stream members, for code that serves ordinary and streamed models alike: stream 0 is the model.
        const string Guard = "global::LstmGen.CompilerServices.LstmGuard";
        members.Add(ApiMember.ExplicitMethod(
            "ILstmModel<T>",
            "Reset",
            "void",
            new[] { new ApiParameter("int", "stream") },
            $"{Guard}.Index(stream, 1, nameof(stream));",
            "Reset();"));
        members.Add(ApiMember.ExplicitMethod(
            "ILstmModel<T>",
            "Step",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "y"), new ApiParameter("int", "streams") },
            $"{Guard}.Count(streams, 1, nameof(streams));",
            $"{Guard}.Length(x.Length, streams * InputWidth, nameof(x), \"n·I\");",
            $"{Guard}.Length(y.Length, streams * OutputWidth, nameof(y), \"n·O\");",
            "if (streams == 1)",
            "{",
            "    Step(x, y);",
            "}") with { Optimized = true });
    }

    /// <summary>Reset, Step and Forward of a streamed model: every stream (or the first n), stream-major within a step.</summary>
    private static void AddStreamedRunning(List<ApiMember> members, ModelPlan plan)
    {
        int n = plan.Streams;
        int i = plan.InputWidth;
        int o = plan.OutputWidth;
        members.Add(ApiMember.Method("Reset", "void", new ApiParameter[0], "/// <summary>Sets the state of every LSTM layer to zero, h and c, in every stream.</summary>"));
        members.Add(ApiMember.Method(
            "Reset",
            "void",
            new[] { new ApiParameter("int", "stream") },
            "/// <summary>Sets one stream's state to zero in every LSTM layer; the other streams keep theirs.</summary>",
            "/// <param name=\"stream\">The stream, from 0 to N − 1.</param>",
            "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"stream\"/> is not a stream of the model; nothing changes.</exception>"));
        string recordsNothing = "/// <remarks>Every stream gets exactly the bits an ordinary model with the same weights, state and inputs would give." +
            (plan.IsTraining ? " Nothing is recorded for training: <see cref=\"Forward\"/> records the sequences to train on.</remarks>" : "</remarks>");
        members.Add(ApiMember.Method(
            "Step",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "y") },
            "/// <summary>Runs one time step of every stream through the whole model: every layer in turn, then the residual path; advances every LSTM's state.</summary>",
            $"/// <param name=\"x\">The inputs; N·I = {n * i} elements, stream-major: stream s's {i} input(s) start at s·{i}.</param>",
            $"/// <param name=\"y\">Receives the outputs; N·O = {n * o} elements, stream-major (stream s's at s·{o}), not overlapping <paramref name=\"x\"/>.</param>",
            ArgumentDocs + "A span has the wrong length, or the two overlap; the state does not change.</exception>",
            recordsNothing) with { Optimized = true });
        members.Add(ApiMember.Method(
            "Step",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "y"), new ApiParameter("int", "streams") },
            "/// <summary>Runs one time step of the first <paramref name=\"streams\"/> streams; the others keep their state and cost nothing.</summary>",
            $"/// <param name=\"x\">The inputs of the stepped streams; <paramref name=\"streams\"/>·I elements, stream-major: stream s's {i} input(s) start at s·{i}.</param>",
            $"/// <param name=\"y\">Receives their outputs; <paramref name=\"streams\"/>·O elements, stream-major (stream s's at s·{o}), not overlapping <paramref name=\"x\"/>.</param>",
            $"/// <param name=\"streams\">How many streams to step, from 0 to N = {n}.</param>",
            "/// <remarks>To step only the sequences that are active, keep them in the first streams: each LSTM layer's view moves one stream's state to another (<c>CopyStateTo(stream, …)</c>, <c>SetState(stream, …)</c>).</remarks>",
            $"/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"streams\"/> is negative or above {n}; the state does not change.</exception>",
            ArgumentDocs + "A span has the wrong length, or the two overlap; the state does not change.</exception>") with { Optimized = true });
        var forward = new List<string>
        {
            "/// <summary>Runs T time steps of every stream from its current state and advances it; T is the length of <paramref name=\"xs\"/> divided by N·I.</summary>",
            $"/// <param name=\"xs\">The inputs, time-major: step t of stream s is the {i} element(s) at (t·{n} + s)·{i}; T·N·I elements.</param>",
            $"/// <param name=\"ys\">Receives the outputs, step t of stream s at (t·{n} + s)·{o}; T·N·O elements, not overlapping <paramref name=\"xs\"/>.</param>",
            plan.IsTraining
                ? ArgumentDocs + "A length is wrong, the spans overlap, or T exceeds <see cref=\"MaxSteps\"/>; nothing changes.</exception>"
                : ArgumentDocs + "A length is wrong or the spans overlap; the state does not change.</exception>",
            plan.IsTraining
                ? "/// <remarks>Gives exactly the results of T <see cref=\"Step(ReadOnlySpan{T}, Span{T})\"/> calls; runs layer by layer over the whole sequence and records every step of every stream for <see cref=\"Backward\"/>, replacing what was recorded before.</remarks>"
                : "/// <remarks>Gives exactly the results of T <see cref=\"Step(ReadOnlySpan{T}, Span{T})\"/> calls.</remarks>",
        };
        members.Add(ApiMember.Method("Forward", "void", new[] { new ApiParameter("ReadOnlySpan<T>", "xs"), new ApiParameter("Span<T>", "ys") }, forward.ToArray()) with { Optimized = true });
    }

    private static void AddTraining(List<ApiMember> members, ModelPlan plan, string count)
    {
        members.Add(ApiMember.Explicit("ILstmTrainingModel<T>", "MaxSteps", "int", "MaxSteps", unscopedRef: false));
        members.Add(ApiMember.Property(
            "RecordedSteps",
            "int",
            isStatic: false,
            unscopedRef: false,
            "/// <summary>Gets the number of steps the last <see cref=\"Forward\"/> recorded that <see cref=\"Backward\"/> has not consumed yet.</summary>"));
        members.Add(ApiMember.Method(
            "Backward",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "dLossDy"), new ApiParameter("Span<T>", "dLossDx") },
            "/// <summary>",
            "/// Back-propagates dLoss/dy through every layer of the recorded steps, last layer first (each layer's dLoss/dx is the",
            "/// previous layer's dLoss/dh), through time in every LSTM, and along the residual path; adds every parameter's gradient.",
            "/// </summary>",
            plan.IsStreamed
                ? "/// <param name=\"dLossDy\">dLoss/dy for every recorded step of every stream, laid out as <see cref=\"Forward\"/>'s outputs (step t of stream s at (t·N + s)·O): T·N·O elements.</param>"
                : "/// <param name=\"dLossDy\">dLoss/dy for every recorded step, step after step: T·O elements (see <see cref=\"global::LstmGen.Training.Losses\"/>).</param>",
            plan.IsStreamed
                ? "/// <param name=\"dLossDx\">Receives dLoss/dx, laid out as <see cref=\"Forward\"/>'s inputs: T·N·I elements, or empty when not needed. Must not overlap <paramref name=\"dLossDy\"/>.</param>"
                : "/// <param name=\"dLossDx\">Receives dLoss/dx for every step: T·I elements, or empty when not needed. Must not overlap <paramref name=\"dLossDy\"/>.</param>",
            plan.IsStreamed
                ? "/// <remarks>Every stream back-propagates through its own steps, and each parameter's gradient is the sum over all streams: a mini-batch. Each Backward consumes the recording: run <see cref=\"Forward\"/> again before the next.</remarks>"
                : "/// <remarks>Each Backward consumes the recording: run <see cref=\"Forward\"/> again before the next.</remarks>",
            "/// <exception cref=\"InvalidOperationException\">No steps are recorded; nothing changes.</exception>",
            ArgumentDocs + "A length is wrong or the spans overlap; nothing changes.</exception>"));
        members.Add(ApiMember.Method("ZeroGradients", "void", new ApiParameter[0], "/// <summary>Sets every layer's accumulated gradients to zero; <see cref=\"Backward\"/> adds to them.</summary>"));
        members.Add(ApiMember.Method(
            "ExportGradients",
            "void",
            new[] { new ApiParameter("Span<T>", "destination") },
            "/// <summary>Copies every accumulated gradient out in canonical order, laid out as <see cref=\"ExportParameters\"/> lays out the parameters.</summary>",
            $"/// <param name=\"destination\">Receives {count} values.</param>",
            ArgumentDocs + "<paramref name=\"destination\"/> has the wrong length; nothing is written.</exception>"));
        members.Add(ApiMember.Method(
            "ApplySgd",
            "void",
            new[] { new ApiParameter("T", "learningRate") },
            "/// <summary>Takes one plain gradient-descent step on every parameter of every layer: <c>W −= learningRate · dW</c>.</summary>",
            "/// <param name=\"learningRate\">The learning rate: finite and not negative (0 changes nothing).</param>",
            "/// <remarks>The gradients are kept; call <see cref=\"ZeroGradients\"/> before accumulating the next batch.</remarks>",
            "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"learningRate\"/> is negative, NaN or infinite; nothing changes.</exception>"));
        members.Add(ApiMember.Method(
            "ClipGradients",
            plan.Element.Name,
            new[] { new ApiParameter("T", "maxNorm") },
            "/// <summary>Scales every gradient so that their global L2 norm, over the whole model, is at most <paramref name=\"maxNorm\"/>, like PyTorch's clip_grad_norm_.</summary>",
            "/// <param name=\"maxNorm\">The largest norm allowed: positive and finite.</param>",
            "/// <returns>The global norm before clipping.</returns>",
            "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"maxNorm\"/> is not positive and finite; nothing changes.</exception>"));
        if (plan.Spec.Adam)
        {
            string suffix = plan.Element.Kind == ElementKind.Single ? "f" : "d";
            members.Add(ApiMember.Method(
                "ApplyAdam",
                "void",
                new[]
                {
                    new ApiParameter("T", "learningRate"),
                    new ApiParameter("T", "beta1", "0.9" + suffix),
                    new ApiParameter("T", "beta2", "0.999" + suffix),
                    new ApiParameter("T", "epsilon", "1e-8" + suffix),
                },
                "/// <summary>Takes one Adam step (as torch.optim.Adam) on every parameter of every layer; the moments live in fixed buffers inside each layer.</summary>",
                "/// <param name=\"learningRate\">The learning rate, for example 1e-3: finite and not negative.</param>",
                "/// <param name=\"beta1\">The decay of the first moment, in [0, 1).</param>",
                "/// <param name=\"beta2\">The decay of the second moment, in [0, 1).</param>",
                "/// <param name=\"epsilon\">Added to the denominator for stability: positive and finite.</param>",
                "/// <exception cref=\"ArgumentOutOfRangeException\">A hyper-parameter is out of range; nothing changes.</exception>"));
            members.Add(ApiMember.Method("ResetAdam", "void", new ApiParameter[0], "/// <summary>Clears every layer's Adam moments and step count, as for a fresh optimizer.</summary>"));
        }
    }

    /// <summary>Every name the user's partial declares: the members, the layer views and their types, and the storage field.</summary>
    public static IEnumerable<string> Names(ModelPlan plan)
    {
        yield return StorageField;
        foreach (ApiMember member in Members(plan))
        {
            if (!member.IsExplicit)
            {
                yield return member.Name;
            }
        }

        foreach (PartPlan part in plan.Parts.Where(part => part.HasView))
        {
            yield return part.ViewName;
        }
    }

    /// <summary>The names every model with these options declares, whatever its layers: checked before a file gives the layers.</summary>
    public static IEnumerable<string> FixedNames(ModelSpec spec)
    {
        var placeholder = new ModelStructure(1, new[] { new ModelLayer(ModelLayerKind.Dense, 1, 1) });
        return Names(new ModelPlan(spec, placeholder)).Where(name => !IsLayerMemberName(name));
    }

    private static string StorageContents(ModelPlan plan) =>
        plan.IsBaked ? "every LSTM's state and every layer's output (the baked weights are static data shared by every instance)"
        : plan.IsTraining ? "every layer's parameters, state, gradients and tape" + (plan.Spec.Adam ? ", Adam's moments" : string.Empty) + ", and the sequences between layers"
        : "every layer's parameters and state";

    /// <summary>Escapes text for a documentation comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
