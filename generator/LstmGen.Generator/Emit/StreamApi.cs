using System.Collections.Generic;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// The public state and stepping members of a streamed layer (<see cref="LayerPlan.IsStreamed"/>), with their documentation:
/// N streams, each with its own h and c, stepped together through one set of weights.
/// </summary>
internal static class StreamApi
{
    private const string ArgumentDocs = "/// <exception cref=\"ArgumentException\">";
    private const string StreamDocs = "/// <param name=\"stream\">The stream, from 0 to N − 1.</param>";
    private const string StreamRange = "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"stream\"/> is not a stream of the layer; nothing changes.</exception>";

    /// <summary>Adds the state members: every stream's h and c, and per-stream reset, set and copy.</summary>
    public static void AddState(List<ApiMember> members, LayerPlan plan)
    {
        int n = plan.Streams;
        int i = plan.InputWidth;
        int h = plan.StateWidth;
        bool value = plan.Spec.Target.IsValueType;
        string layout = $"stream-major: stream s's {h} elements start at s·{h}";
        string stateRule = "/// <remarks><b>A view of where the state is now.</b> The state moves with the layer's alignment, so get the span again after <see cref=\"Step(ReadOnlySpan{T}, Span{T})\"/> or <see cref=\"Forward\"/>, or copy it out with <see cref=\"CopyStateTo(Span{T}, Span{T})\"/>.</remarks>";
        members.Add(ApiMember.Property("HiddenState", "ReadOnlySpan<T>", false, value, $"/// <summary>Gets every stream's hidden state h (N·H = {n * h} elements, {layout}): the output of its last step.</summary>", stateRule));
        members.Add(ApiMember.Property("CellState", "ReadOnlySpan<T>", false, value, $"/// <summary>Gets every stream's cell state c (N·H = {n * h} elements, {layout}).</summary>", stateRule));
        members.Add(ApiMember.Method("Reset", "void", new ApiParameter[0], "/// <summary>Sets the hidden state h and the cell state c of every stream to zero.</summary>"));
        members.Add(ApiMember.Method(
            "Reset",
            "void",
            new[] { new ApiParameter("int", "stream") },
            "/// <summary>Sets one stream's h and c to zero; the other streams keep theirs.</summary>",
            StreamDocs,
            StreamRange));
        members.Add(ApiMember.Method(
            "SetState",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "hidden"), new ApiParameter("ReadOnlySpan<T>", "cell") },
            "/// <summary>Sets the state every stream's next step starts from: h₀ and c₀.</summary>",
            $"/// <param name=\"hidden\">The hidden states; N·H = {n * h} elements, {layout}.</param>",
            $"/// <param name=\"cell\">The cell states; N·H = {n * h} elements, same layout.</param>",
            ArgumentDocs + "A span has the wrong length; the state does not change.</exception>"));
        members.Add(ApiMember.Method(
            "SetState",
            "void",
            new[] { new ApiParameter("int", "stream"), new ApiParameter("ReadOnlySpan<T>", "hidden"), new ApiParameter("ReadOnlySpan<T>", "cell") },
            "/// <summary>Sets the state one stream's next step starts from; the other streams keep theirs.</summary>",
            StreamDocs,
            "/// <param name=\"hidden\">The stream's hidden state h₀; H elements.</param>",
            "/// <param name=\"cell\">The stream's cell state c₀; H elements.</param>",
            StreamRange,
            ArgumentDocs + "A span has the wrong length; the state does not change.</exception>"));
        members.Add(ApiMember.Method(
            "CopyStateTo",
            "void",
            new[] { new ApiParameter("Span<T>", "hidden"), new ApiParameter("Span<T>", "cell") },
            "/// <summary>Copies every stream's state out.</summary>",
            $"/// <param name=\"hidden\">Receives the hidden states; N·H = {n * h} elements, {layout}.</param>",
            $"/// <param name=\"cell\">Receives the cell states; N·H = {n * h} elements, same layout.</param>",
            ArgumentDocs + "A span has the wrong length; nothing is written.</exception>"));
        members.Add(ApiMember.Method(
            "CopyStateTo",
            "void",
            new[] { new ApiParameter("int", "stream"), new ApiParameter("Span<T>", "hidden"), new ApiParameter("Span<T>", "cell") },
            "/// <summary>Copies one stream's state out.</summary>",
            StreamDocs,
            "/// <param name=\"hidden\">Receives the stream's h; H elements.</param>",
            "/// <param name=\"cell\">Receives the stream's c; H elements.</param>",
            StreamRange,
            ArgumentDocs + "A span has the wrong length; nothing is written.</exception>"));
    }

    /// <summary>Adds Step (every stream, or the first n) and Forward.</summary>
    public static void AddStepping(List<ApiMember> members, LayerPlan plan)
    {
        int n = plan.Streams;
        int i = plan.InputWidth;
        int h = plan.StateWidth;
        members.Add(ApiMember.Method(
            "Step",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "h") },
            "/// <summary>Runs one time step of every stream from its current state: writes the new h of each to <paramref name=\"h\"/> and keeps h and c as the state.</summary>",
            $"/// <param name=\"x\">The inputs; N·I = {n * i} elements, stream-major: stream s's {i} inputs start at s·{i}.</param>",
            $"/// <param name=\"h\">Receives the new hidden states; N·H = {n * h} elements, stream-major, not overlapping <paramref name=\"x\"/>.</param>",
            ArgumentDocs + "A span has the wrong length, or the two overlap; the state does not change.</exception>",
            "/// <remarks>Every stream gets exactly the bits a single-stream layer with the same weights, state and inputs would give.</remarks>") with { Optimized = true });
        members.Add(ApiMember.Method(
            "Step",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "x"), new ApiParameter("Span<T>", "h"), new ApiParameter("int", "streams") },
            "/// <summary>Runs one time step of the first <paramref name=\"streams\"/> streams; the others keep their state and cost nothing.</summary>",
            $"/// <param name=\"x\">The inputs of the stepped streams; <paramref name=\"streams\"/>·I elements, stream-major: stream s's {i} inputs start at s·{i}.</param>",
            $"/// <param name=\"h\">Receives their new hidden states; <paramref name=\"streams\"/>·H elements, stream-major (stream s's at s·{h}), not overlapping <paramref name=\"x\"/>.</param>",
            $"/// <param name=\"streams\">How many streams to step, from 0 to N = {n}.</param>",
            "/// <remarks>To step only the sequences that are active, keep them in the first streams: move a state with <see cref=\"CopyStateTo(int, Span{T}, Span{T})\"/> and <see cref=\"SetState(int, ReadOnlySpan{T}, ReadOnlySpan{T})\"/>.</remarks>",
            $"/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"streams\"/> is negative or above {n}; the state does not change.</exception>",
            ArgumentDocs + "A span has the wrong length, or the two overlap; the state does not change.</exception>") with { Optimized = true });
        members.Add(ApiMember.Method(
            "Forward",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "xs"), new ApiParameter("Span<T>", "hs") },
            "/// <summary>Runs T time steps of every stream from its current state and advances it; T is the length of <paramref name=\"xs\"/> divided by N·I.</summary>",
            $"/// <param name=\"xs\">The inputs, time-major: step t of stream s is the {i} element(s) at (t·{n} + s)·{i}; T·N·I elements.</param>",
            $"/// <param name=\"hs\">Receives the hidden states, step t of stream s at (t·{n} + s)·{h}; T·N·H elements, not overlapping the inputs.</param>",
            plan.IsTraining
                ? ArgumentDocs + "A length is wrong, the spans overlap, or T exceeds <see cref=\"MaxSteps\"/>; nothing changes.</exception>"
                : ArgumentDocs + "A length is wrong or the spans overlap; the state does not change.</exception>",
            plan.IsTraining
                ? "/// <remarks>Gives exactly the results of T <see cref=\"Step(ReadOnlySpan{T}, Span{T})\"/> calls, and records every step of every stream on the tape for <see cref=\"Backward(ReadOnlySpan{T}, Span{T})\"/>, replacing what it held.</remarks>"
                : "/// <remarks>Gives exactly the results of T <see cref=\"Step(ReadOnlySpan{T}, Span{T})\"/> calls.</remarks>") with { Optimized = true });
    }
}
