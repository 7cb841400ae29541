using System.Collections.Generic;
using System.Globalization;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>The public members only training layers have: gradients, back-propagation, SGD, clipping and, with Adam, Adam.</summary>
internal static class TrainingApi
{
    public static void Add(List<ApiMember> members, LayerPlan plan)
    {
        bool value = plan.Spec.Target.IsValueType;
        string count = plan.ParameterCount.ToString(CultureInfo.InvariantCulture);
        // A streamed layer's spans hold every stream, time-major like Forward's: step t of stream s at (t·N + s).
        bool streamed = plan.IsStreamed;
        string perStep = streamed ? "for every recorded step of every stream, time-major ((t·N + s)·H; T·N·H)" : "for every recorded step, step after step (T·H)";
        string perStepX = streamed ? "for every step of every stream, time-major (T·N·I)" : "for every step (T·I)";
        string state = streamed ? "N·H, stream-major" : "H";
        members.Add(ApiMember.Explicit("ILstmTrainingLayer<T>", "MaxSteps", "int", "MaxSteps", unscopedRef: false));
        members.Add(ApiMember.Property(
            "RecordedSteps",
            "int",
            isStatic: false,
            unscopedRef: false,
            "/// <summary>Gets the number of steps the last <see cref=\"Forward\"/> recorded that <c>Backward</c> has not consumed yet.</summary>"));
        members.Add(ApiMember.Property(
            "Gradients",
            "Span<T>",
            isStatic: false,
            unscopedRef: value,
            "/// <summary>Gets the accumulated gradients, in the storage order of <see cref=\"Parameters\"/>.</summary>",
            "/// <remarks>Unlike the parameters the gradients never move, so the span stays valid.</remarks>"));
        members.Add(ApiMember.Property(
            "GradientWeights",
            "LstmWeights<T>",
            isStatic: false,
            unscopedRef: value,
            "/// <summary>Gets a view of the gradients with coordinate access and export to the PyTorch, Keras and ONNX layouts.</summary>",
            "/// <remarks>",
            "/// Gradients export as PyTorch would hold them (<see cref=\"LstmValues.Gradients\"/>): <c>bias_ih.grad</c> and <c>bias_hh.grad</c>",
            "/// both receive the bias gradient, where a parameter export puts the bias in <c>bias_ih</c> and zeros in <c>bias_hh</c>.",
            "/// </remarks>"));
        members.Add(ApiMember.Method(
            "Backward",
            "void",
            new[] { new ApiParameter("ReadOnlySpan<T>", "dLossDh"), new ApiParameter("Span<T>", "dLossDx") },
            "/// <summary>Back-propagates through the recorded steps and adds every parameter gradient to <see cref=\"Gradients\"/>.</summary>",
            $"/// <param name=\"dLossDh\">dLoss/dh {perStep}; steps that do not matter carry zeros.</param>",
            $"/// <param name=\"dLossDx\">Receives dLoss/dx {perStepX}, or empty when not needed.</param>",
            "/// <remarks>The full overload with no final-state gradients and no dLoss/dh₀ or dLoss/dc₀.</remarks>",
            "/// <exception cref=\"InvalidOperationException\">No steps are recorded; each Backward consumes the tape.</exception>",
            "/// <exception cref=\"ArgumentException\">A length is wrong or the spans overlap; nothing changes.</exception>"));
        var backwardDocs = new List<string>
        {
            "/// <summary>",
            "/// Back-propagates through the steps the last <see cref=\"Forward\"/> recorded (BPTT) and adds the gradients of every",
            "/// block, Wx and Wh of the four gates and the biases, each summed over all steps, to <see cref=\"Gradients\"/>.",
            "/// The cell gradient flows back through time: dc₋₁ = dc∘f, added to the part that comes from dh₋₁.",
        };
        if (streamed)
        {
            backwardDocs.Add("/// Each stream back-propagates through its own records, and the gradients of all streams are summed: a mini-batch.");
        }

        backwardDocs.AddRange(new[]
        {
            "/// </summary>",
            $"/// <param name=\"dLossDh\">dLoss/dh {perStep}; steps that do not matter carry zeros.</param>",
            $"/// <param name=\"dLossDhFinal\">dLoss/dh of the final state ({state}), added to the last step's; empty for zero.</param>",
            $"/// <param name=\"dLossDcFinal\">dLoss/dc of the final state ({state}); empty for zero.</param>",
            $"/// <param name=\"dLossDx\">Receives dLoss/dx {perStepX}, or empty. Must not overlap <paramref name=\"dLossDh\"/>.</param>",
            $"/// <param name=\"dLossDh0\">Receives dLoss/dh₀ for the state Forward started from ({state}), or empty.</param>",
            $"/// <param name=\"dLossDc0\">Receives dLoss/dc₀ ({state}), or empty.</param>",
            "/// <exception cref=\"InvalidOperationException\">No steps are recorded; each Backward consumes the tape.</exception>",
            "/// <exception cref=\"ArgumentException\">A length is wrong or the spans overlap; nothing changes.</exception>",
        });
        members.Add(ApiMember.Method(
            "Backward",
            "void",
            new[]
            {
                new ApiParameter("ReadOnlySpan<T>", "dLossDh"),
                new ApiParameter("ReadOnlySpan<T>", "dLossDhFinal"),
                new ApiParameter("ReadOnlySpan<T>", "dLossDcFinal"),
                new ApiParameter("Span<T>", "dLossDx"),
                new ApiParameter("Span<T>", "dLossDh0"),
                new ApiParameter("Span<T>", "dLossDc0"),
            },
            backwardDocs.ToArray()));
        members.Add(ApiMember.Method("ZeroGradients", "void", new ApiParameter[0], "/// <summary>Sets every accumulated gradient to zero; <c>Backward</c> adds to them.</summary>"));
        members.Add(ApiMember.Method(
            "ExportGradients",
            "void",
            new[] { new ApiParameter("Span<T>", "destination") },
            "/// <summary>Copies the accumulated gradients out in canonical order: Wx (4H×I), Wh (4H×H), b (4H), gate rows i, f, g, o.</summary>",
            $"/// <param name=\"destination\">Receives {count} values.</param>",
            "/// <exception cref=\"ArgumentException\"><paramref name=\"destination\"/> has the wrong length; nothing is written.</exception>"));
        members.Add(ApiMember.Method(
            "ApplySgd",
            "void",
            new[] { new ApiParameter("T", "learningRate") },
            "/// <summary>Takes one plain gradient-descent step: every parameter <c>W −= learningRate · dW</c>.</summary>",
            "/// <param name=\"learningRate\">The learning rate: finite and not negative (0 changes nothing).</param>",
            "/// <remarks>The gradients are kept; call <see cref=\"ZeroGradients\"/> before accumulating the next batch.</remarks>",
            "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"learningRate\"/> is negative, NaN or infinite; nothing changes.</exception>"));
        members.Add(ApiMember.Method(
            "ClipGradients",
            plan.Element.Name,
            new[] { new ApiParameter("T", "maxNorm") },
            "/// <summary>Scales the gradients down so their global L2 norm is at most <paramref name=\"maxNorm\"/>, like PyTorch's clip_grad_norm_.</summary>",
            "/// <param name=\"maxNorm\">The largest norm allowed: positive and finite.</param>",
            "/// <returns>The norm before clipping.</returns>",
            "/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"maxNorm\"/> is not positive and finite; nothing changes.</exception>"));
        if (plan.Spec.Adam)
        {
            string suffix = plan.Element.Kind == Model.ElementKind.Single ? "f" : "d";
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
                "/// <summary>Takes one Adam step (as torch.optim.Adam) with the accumulated gradients; the moments live in fixed buffers inside the layer.</summary>",
                "/// <param name=\"learningRate\">The learning rate, for example 1e-3: finite and not negative.</param>",
                "/// <param name=\"beta1\">The decay of the first moment, in [0, 1).</param>",
                "/// <param name=\"beta2\">The decay of the second moment, in [0, 1).</param>",
                "/// <param name=\"epsilon\">Added to the denominator for stability: positive and finite.</param>",
                "/// <exception cref=\"ArgumentOutOfRangeException\">A hyper-parameter is out of range; nothing changes.</exception>"));
            members.Add(ApiMember.Method("ResetAdam", "void", new ApiParameter[0], "/// <summary>Clears Adam's moments and step count, as for a fresh optimizer.</summary>"));
        }
    }
}
