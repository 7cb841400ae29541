using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>Writes the fixed-size <c>[InlineArray]</c> buffers a layer keeps its parameters, state and tape in.</summary>
internal static class StorageTypesEmitter
{
    public static void Emit(EmitContext context)
    {
        LayerPlan layer = context.Layer;
        if (!layer.IsBaked)
        {
            Buffer(
                context,
                "ParameterStorage",
                $"ParameterCount + {layer.AlignmentSlack}",
                $"All parameters in storage order, and {layer.AlignmentSlack} spare elements so that they can start on a 64-byte boundary wherever the layer lies.");
        }

        if (layer.IsStreamed)
        {
            Buffer(
                context,
                "StateStorage",
                $"2 * Streams * StateWidth + {layer.AlignmentSlack}",
                $"The state: every stream's h, then every stream's c; and {layer.AlignmentSlack} spare elements so that it can start on a 64-byte boundary.");
            if (layer.IsModelPart)
            {
                Buffer(context, "StreamOutput", "Streams * StateWidth", "The new h of every stream of the last step, stream after stream.");
            }
        }
        else
        {
            Buffer(
                context,
                "StateStorage",
                $"3 * StateSlot + {layer.AlignmentSlack}",
                $"The state, one slot each: h twice, then c; and {layer.AlignmentSlack} spare elements so that the slots can start on 64-byte boundaries.");
        }
        if (layer.ProjectionSteps > 0)
        {
            Buffer(context, "Projection", $"ProjectionSteps * {layer.GateRows}", "Forward's scratch on the stack: b + Wx·x for a run of steps, step after step.");
        }

        if (layer.IsTraining)
        {
            Buffer(context, "ParameterBuffer", "ParameterCount", "The gradients of all parameters, or an optimizer moment, in storage order.");
            if (layer.IsStreamed)
            {
                Buffer(context, "Tape", "MaxSteps * Streams * TapeStepStride", $"The training tape, time-major (step t of stream s at t·N + s): per record, {layer.Tape.Contents}.");
                Buffer(context, "TapeStep", "TapeStepStride", "One tape record: the scratch of Step's single-stream kernels.");
            }
            else
            {
                Buffer(context, "Tape", "MaxSteps * TapeStepStride", $"The training tape: per step, {layer.Tape.Contents}.");
                Buffer(context, "TapeStep", "TapeStepStride", "One tape step: Step's scratch.");
            }
        }
    }

    private static void Buffer(EmitContext context, string name, string length, string summary)
    {
        SourceWriter w = context.Writer;
        w.Line($"/// <summary>{summary}</summary>");
        w.Line($"[InlineArray({length})]");
        using (w.OpenBlock($"private struct {name}"))
        {
            w.Line($"private {context.T} element0;");
        }

        w.Line();
    }
}
