using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>Writes an activation layer of a model (one that follows no dense layer): an element-wise function and its output.</summary>
internal static class ActivationImplEmitter
{
    public static void Emit(SourceWriter w, PartPlan part, ElementInfo element, bool exact, string summary)
    {
        string t = element.Name;
        string function = part.Layer.Activation switch
        {
            ActivationKind.Tanh => exact ? "LstmMath.TanhExact" : "LstmMath.Tanh",
            ActivationKind.Sigmoid => exact ? "LstmMath.SigmoidExact" : "LstmMath.Sigmoid",
            ActivationKind.ReLU => "LstmMath.ReLU",
            _ => string.Empty,
        };
        w.Line($"/// <summary>{summary}</summary>");
        using (w.OpenBlock($"internal struct {part.TypeName}"))
        {
            bool streamed = part.Streams > 1;
            w.Line($"private const int Width = {part.OutputWidth};");
            if (streamed)
            {
                w.Line($"private const int Streams = {part.Streams};");
            }

            w.Line();
            w.Line(streamed
                ? "/// <summary>The output of the last step, stream after stream, where the next layer reads it.</summary>"
                : "/// <summary>The output of the last step, where the next layer reads it.</summary>");
            w.Line("private Output output;");
            w.Line();
            if (streamed)
            {
                w.Line("/// <summary>One step of the first <paramref name=\"streams\"/> streams for the model: the activation of x into the layer's output; returns a reference to it.</summary>");
            }
            else
            {
                w.Line("/// <summary>One step for the model: the activation of x into the layer's output; returns a reference to it.</summary>");
            }

            w.Line(EmitContext.HotPath);
            w.Line("[UnscopedRef]");
            using (w.OpenBlock(streamed ? $"internal ref {t} Run(ref {t} x, int streams)" : $"internal ref {t} Run(ref {t} x)"))
            {
                w.Line($"ref {t} y = ref Unsafe.As<Output, {t}>(ref output);");
                w.Line(streamed ? "Apply(ref x, ref y, streams * Width);" : "Apply(ref x, ref y, Width);");
                w.Line("return ref y;");
            }

            w.Line();
            w.Line("/// <summary>Applies the activation to <paramref name=\"count\"/> elements: one step, or a whole sequence.</summary>");
            w.Line(EmitContext.HotPath);
            using (w.OpenBlock($"internal static void Apply(ref {t} x, ref {t} y, int count)"))
            using (w.OpenBlock("unchecked"))
            using (w.OpenBlock("for (int j = 0; j < count; j++)"))
            {
                w.Line($"Unsafe.Add(ref y, j) = {function}(Unsafe.Add(ref x, j));");
            }

            w.Line();
            w.Line(streamed ? "/// <summary>The output y of the last step, stream after stream.</summary>" : "/// <summary>The output y of the last step.</summary>");
            w.Line(streamed ? "[InlineArray(Streams * Width)]" : "[InlineArray(Width)]");
            using (w.OpenBlock("private struct Output"))
            {
                w.Line($"private {t} element0;");
            }
        }

        w.Line();
    }
}
