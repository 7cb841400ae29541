using LstmGen.Generator.Parsing;
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
                GeneratedNames.ParameterStorage,
                $"{GeneratedNames.ParameterCount} + {layer.AlignmentSlack}",
                $"All parameters in storage order, and {layer.AlignmentSlack} spare elements so that they can start on a 64-byte boundary wherever the layer lies (see <see cref=\"global::LstmGen.Kernels.LstmAlignment\"/>).");
        }

        if (layer.IsTraining)
        {
            Buffer(context, GeneratedNames.ParameterBuffer, GeneratedNames.ParameterCount, "The gradients of all parameters, or an optimizer moment, in storage order.");
        }

        Buffer(
            context,
            GeneratedNames.StateStorage,
            $"3 * {GeneratedNames.StateSlot} + {layer.AlignmentSlack}",
            $"The state, one slot each: h twice (the kernel reads the previous step's and writes the new one), then c; and {layer.AlignmentSlack} spare elements so that the slots can start on 64-byte boundaries wherever the layer lies.");
        if (layer.IsTraining)
        {
            Buffer(context, GeneratedNames.TapeBuffer, $"{GeneratedNames.MaxSteps} * {GeneratedNames.StepStride}", "The training tape: one step record of x, h₋₁, c₋₁, the four gates and tanh(c) per step.");
            Buffer(context, GeneratedNames.TapeStepBuffer, GeneratedNames.StepStride, "One tape step, used as scratch by Step.");
        }
    }

    private static void Buffer(EmitContext context, string name, string length, string summary)
    {
        SourceWriter w = context.Writer;
        w.Line($"/// <summary>{summary}</summary>");
        w.Line(context.GeneratedCodeAttribute);
        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({length})]");
        using (w.OpenBlock($"private struct {name}"))
        {
            w.Line($"private {context.T} _element0;");
        }

        w.Line();
    }
}
