using System.Collections.Generic;
using System.Globalization;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// The public members of a generated layer, with their documentation. The user's partial type declares them; the parser
/// checks their names (and the storage field's) against the user's own.
/// </summary>
internal static class LayerApi
{
    /// <summary>The field in the user's type that holds the layer: its buffers and state.</summary>
    public const string StorageField = "__lstm";

    private const string ArgumentDocs = "/// <exception cref=\"ArgumentException\">";

    public static IReadOnlyList<ApiMember> Members(LayerPlan plan)
    {
        LayerSpec spec = plan.Spec;
        int i = spec.InputWidth;
        int h = spec.StateWidth;
        bool value = spec.Target.IsValueType;
        bool baked = spec.IsBaked;
        var members = new List<ApiMember>
        {
            ApiMember.Constant("InputWidth", "int", Int(i), "/// <summary>The input width I: elements of x per time step.</summary>"),
            ApiMember.Constant("StateWidth", "int", Int(h), "/// <summary>The state width H: hidden units, the length of h and of c.</summary>"),
            ApiMember.Constant("GateCount", "int", "4", "/// <summary>The number of gates: input i, forget f, candidate cell g and output o.</summary>"),
            ApiMember.Constant("GateRows", "int", Int(4 * h), "/// <summary>The number of gate rows, 4H: the length of the pre-activation vector.</summary>"),
            ApiMember.Constant("ParameterCount", "int", Int(4L * h * (1 + i + h)), "/// <summary>The number of parameters, 4H·(1 + I + H): Wx (4H×I), Wh (4H×H) and b (4H).</summary>"),
            ApiMember.Constant("UnitBlock", "int", Int(plan.UnitBlock), "/// <summary>Hidden units per storage block, U (see <see cref=\"ParameterLayout\"/>).</summary>"),
            ApiMember.Constant("StorageBytes", "int", Int(plan.StorageBytes), $"/// <summary>Bytes of the layer's own buffers: {StorageContents(spec)}{(plan.IsModelPart && spec.IsStreamed ? ", and every stream's new h for the model's next layer" : string.Empty)}.</summary>"),
        };

        if (spec.IsStreamed)
        {
            members.Insert(2, ApiMember.Constant(
                "Streams",
                "int",
                Int(spec.Streams),
                "/// <summary>The number of streams N: independent sequences stepped together, each with its own h and c.</summary>"));
        }

        if (!baked)
        {
            members.Add(ApiMember.Constant(
                "DefaultInitRange",
                "double",
                Literals.Double(1.0 / System.Math.Sqrt(h)),
                "/// <summary>PyTorch's default initialisation range 1/√H: parameters are drawn from U(−range, range).</summary>"));
        }

        if (spec.IsTraining)
        {
            members.Add(ApiMember.Constant("MaxSteps", "int", Int(spec.MaxSteps), "/// <summary>The most steps one <see cref=\"Forward\"/> records for training: the tape's length.</summary>"));
            members.Add(ApiMember.Constant("TapeStepStride", "int", Int(plan.Tape.Stride), $"/// <summary>Elements the tape keeps per step: {plan.Tape.Contents}.</summary>"));
        }

        members.Add(ApiMember.Computed(
            "ParameterLayout",
            "LstmParameterLayout",
            "new(InputWidth, StateWidth, UnitBlock)",
            "/// <summary>Gets the storage layout of <see cref=\"Parameters\"/>: it maps (block, gate, unit, column) to an index.</summary>"));
        members.Add(ApiMember.Explicit("ILstmLayer<T>", "ParameterLayout", "LstmParameterLayout", "ParameterLayout", unscopedRef: false));
        if (baked)
        {
            members.Add(ApiMember.Property(
                "Parameters",
                "ReadOnlySpan<T>",
                isStatic: true,
                unscopedRef: false,
                "/// <summary>Gets the baked parameters in storage order (see the type's remarks); static data shared by every instance.</summary>"));
            members.Add(ApiMember.Property(
                "Weights",
                "LstmReadOnlyWeights<T>",
                isStatic: true,
                unscopedRef: false,
                "/// <summary>Gets a read-only view of the baked parameters, for coordinate access and export to PyTorch, Keras or ONNX layouts.</summary>"));
            members.Add(ApiMember.Explicit("ILstmLayer<T>", "Weights", "LstmReadOnlyWeights<T>", "Weights", unscopedRef: false));
        }
        else
        {
            members.Add(ApiMember.Property(
                "Parameters",
                "Span<T>",
                isStatic: false,
                unscopedRef: value,
                "/// <summary>Gets all parameters in storage order (see the type's remarks), for reading and writing.</summary>",
                "/// <remarks>",
                "/// <b>A view of where the parameters are now.</b> Running the layer can move them within its storage, to keep them on a",
                "/// 64-byte boundary after the garbage collector has moved the layer, so get the span again after a call that runs the",
                spec.IsStreamed
                    ? "/// layer (<see cref=\"Step(ReadOnlySpan{T}, Span{T})\"/>, <see cref=\"Forward\"/>) rather than keeping one across it."
                    : "/// layer (<see cref=\"Step\"/>, <see cref=\"Forward\"/>) rather than keeping one across it.",
                "/// </remarks>"));
            members.Add(ApiMember.Property(
                "Weights",
                "LstmWeights<T>",
                isStatic: false,
                unscopedRef: value,
                "/// <summary>Gets a view of the parameters: coordinate access, PyTorch, Keras and ONNX import and export, file loading.</summary>",
                "/// <remarks>Like <see cref=\"Parameters\"/>, a view of where the parameters are now: get it again after running the layer.</remarks>"));
            members.Add(ApiMember.Explicit("ILstmLayer<T>", "Weights", "LstmReadOnlyWeights<T>", "Weights", unscopedRef: value));
        }

        if (spec.IsStreamed)
        {
            StreamApi.AddState(members, plan);
        }
        else
        {
            AddState(members, value);
        }

        AddParameterMethods(members, spec, baked, i, h);
        if (spec.IsStreamed)
        {
            StreamApi.AddStepping(members, plan);
            if (spec.IsTraining)
            {
                TrainingApi.Add(members, plan);
            }

            return members;
        }

        var step = new List<string>
        {
            "/// <summary>Runs one time step from the current state: writes the new h to <paramref name=\"h\"/> and keeps h and c as the state.</summary>",
            "/// <param name=\"x\">The input; I elements.</param>",
            "/// <param name=\"h\">Receives the new hidden state; H elements, not overlapping <paramref name=\"x\"/>.</param>",
            ArgumentDocs + "A span has the wrong length, or the two overlap; the state does not change.</exception>",
        };
        if (spec.IsTraining)
        {
            step.Add("/// <remarks>Nothing is recorded on the tape: <see cref=\"Forward\"/> records the sequences to train on.</remarks>");
        }

        members.Add(ApiMember.Method("Step", "void", new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "h") }, step.ToArray()) with { Optimized = true });
        var forward = new List<string>
        {
            "/// <summary>Runs T steps from the current state and advances it; T is the length of <paramref name=\"xs\"/> divided by I.</summary>",
            "/// <param name=\"xs\">The inputs, step after step; T·I elements.</param>",
            "/// <param name=\"hs\">Receives the hidden state of every step; T·H elements, not overlapping <paramref name=\"xs\"/>.</param>",
            spec.IsTraining
                ? ArgumentDocs + "A length is wrong, the spans overlap, or T exceeds <see cref=\"MaxSteps\"/>; nothing changes.</exception>"
                : ArgumentDocs + "A length is wrong or the spans overlap; the state does not change.</exception>",
        };
        if (spec.IsTraining)
        {
            forward.Add("/// <remarks>Records every step on the tape for <see cref=\"Backward(ReadOnlySpan{T}, Span{T})\"/>, replacing what it held: the tape always holds the last Forward's sequence. <see cref=\"Reset\"/> does not clear it.</remarks>");
        }
        else if (plan.ProjectionSteps > 0)
        {
            forward.Add($"/// <remarks>Gives exactly the results of T <see cref=\"Step\"/> calls, faster with 512-bit vectors: for each run of up to {plan.ProjectionSteps} steps it first sums b + Wx·x, reading each input weight once for {plan.ProjectionGroup} steps, on {Int(plan.ProjectionSteps * plan.GateRows * plan.Element.Size)} bytes of stack.</remarks>");
        }

        members.Add(ApiMember.Method("Forward", "void", new[] { new ApiParameter("ReadOnlySpan<T>", "xs"), new ApiParameter("Span<T>", "hs") }, forward.ToArray()) with { Optimized = true });
        if (spec.IsTraining)
        {
            TrainingApi.Add(members, plan);
        }

        return members;
    }

    private static void AddState(List<ApiMember> members, bool value)
    {
        string stateRule = "/// <remarks><b>A view of where the state is now.</b> h is kept twice (each step reads one copy and writes the other) and the state moves with the layer's alignment, so get the span again after <see cref=\"Step\"/> or <see cref=\"Forward\"/>, or copy the state out with <see cref=\"CopyStateTo\"/>.</remarks>";
        members.Add(ApiMember.Property("HiddenState", "ReadOnlySpan<T>", false, value, "/// <summary>Gets the hidden state h (H elements): the output of the last step.</summary>", stateRule));
        members.Add(ApiMember.Property("CellState", "ReadOnlySpan<T>", false, value, "/// <summary>Gets the cell state c (H elements).</summary>", stateRule));
        members.Add(ApiMember.Method("Reset", "void", new ApiParameter[0], "/// <summary>Sets the hidden state h and the cell state c to zero.</summary>"));
        members.Add(ApiMember.Method(
            "SetState",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "hidden"), new ApiParameter("ReadOnlySpan<T>", "cell") },
            "/// <summary>Sets the state the next step starts from: h₀ and c₀.</summary>",
            "/// <param name=\"hidden\">The hidden state h₀; H elements.</param>",
            "/// <param name=\"cell\">The cell state c₀; H elements.</param>",
            ArgumentDocs + "A span has the wrong length; the state does not change.</exception>"));
        members.Add(ApiMember.Method(
            "CopyStateTo",
            "void",
            new[] { new ApiParameter("Span<T>", "hidden"), new ApiParameter("Span<T>", "cell") },
            "/// <summary>Copies the current state out.</summary>",
            "/// <param name=\"hidden\">Receives h; H elements.</param>",
            "/// <param name=\"cell\">Receives c; H elements.</param>",
            ArgumentDocs + "A span has the wrong length; nothing is written.</exception>"));
    }

    private static void AddParameterMethods(List<ApiMember> members, LayerSpec spec, bool baked, int i, int h)
    {
        if (!baked)
        {
            members.Add(ApiMember.Method(
                "InitializeParameters",
                "void",
                new[] { new ApiParameter("ulong", "seed") },
                "/// <summary>Draws every parameter from U(−1/√H, 1/√H), PyTorch's default, with a deterministic generator.</summary>",
                "/// <param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>"));
            members.Add(ApiMember.Method(
                "InitializeParameters",
                "void",
                new[] { new ApiParameter("ulong", "seed"), new ApiParameter("double", "range") },
                "/// <summary>Draws every parameter from U(−range, range) with a deterministic generator, in canonical order.</summary>",
                "/// <param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>",
                "/// <param name=\"range\">The half-width of the interval, for example 1e-4 for tiny starting weights.</param>",
                "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"range\"/> is negative or not finite; nothing changes.</exception>"));
            members.Add(ApiMember.Method(
                "ImportParameters",
                "void",
                new[] { new ApiParameter("ReadOnlySpan<T>", "source") },
                "/// <summary>Replaces all parameters with values in canonical order: Wx (4H×I), Wh (4H×H), b (4H), gate rows i, f, g, o.</summary>",
                $"/// <param name=\"source\">{Int(4L * h * (1 + i + h))} values.</param>",
                ArgumentDocs + "<paramref name=\"source\"/> has the wrong length or overlaps the parameters; nothing changes.</exception>"));
        }

        members.Add(ApiMember.Method(
            "ExportParameters",
            "void",
            new[] { new ApiParameter("Span<T>", "destination") },
            "/// <summary>Copies all parameters out in canonical order: Wx (4H×I), Wh (4H×H), b (4H), gate rows i, f, g, o.</summary>",
            $"/// <param name=\"destination\">Receives {Int(4L * h * (1 + i + h))} values.</param>",
            ArgumentDocs + "<paramref name=\"destination\"/> has the wrong length; nothing is written.</exception>"));
    }

    /// <summary>Every name the user's partial declares: the members and the storage field.</summary>
    public static IEnumerable<string> Names(LayerSpec spec)
    {
        yield return StorageField;
        foreach (ApiMember member in Members(KernelPlanner.Plan(spec)))
        {
            if (!member.IsExplicit)
            {
                yield return member.Name;
            }
        }
    }

    private static string StorageContents(LayerSpec spec) =>
        spec.IsBaked && spec.IsStreamed ? "the h and c of every stream (the baked weights are static data shared by every instance)"
        : spec.IsBaked ? "the state h and c (the baked weights are static data shared by every instance)"
        : spec.IsTraining ? "parameters, state, gradients, the tape" + (spec.Adam ? ", Adam's two moment buffers" : string.Empty) + " and counters"
        : spec.IsStreamed ? "parameters and the h and c of every stream"
        : "parameters and the state h and c";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
