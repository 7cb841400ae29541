using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the implementation's nested <c>Kernels</c> class: the scalar step first (the equations as loops), then one step per
/// vector width from the narrowest up, and for training layers the backward pass. Sizes are constants throughout.
/// </summary>
internal sealed class KernelsEmitter
{
    private readonly EmitContext _context;

    public KernelsEmitter(EmitContext context) => _context = context;

    public void Emit()
    {
        LayerPlan layer = _context.Layer;
        SourceWriter w = _context.Writer;
        w.Line("/// <summary>The step kernels, one per vector width, and the backward pass; sizes are constants throughout.</summary>");
        using (w.OpenBlock("private static class Kernels"))
        {
            if (layer.IsStreamed)
            {
                EmitStreamed(layer, w);
                if (layer.IsTraining)
                {
                    w.Line();
                    new BackwardKernelEmitter(_context).Emit();
                }

                return;
            }

            new ScalarKernelEmitter(layer, w).Emit();
            var vectors = new StepKernelEmitter(layer, w);
            for (int i = layer.Paths.Count - 1; i >= 0; i--)
            {
                vectors.Emit(layer.Paths[i]);
            }

            if (layer.ProjectionSteps > 0)
            {
                EmitProjected(layer, w);
            }

            if (layer.IsTraining)
            {
                new BackwardKernelEmitter(_context).Emit();
            }

            bool contiguous = false;
            foreach (PathPlan path in layer.Paths)
            {
                contiguous |= path.Arrangement == Arrangement.Contiguous;
            }

            if (contiguous)
            {
                EmitGateRows(layer, w);
            }
        }
    }

    /// <summary>
    /// A streamed layer's kernels: per path, narrowest first, the stream kernel with its group bodies, or where the path
    /// steps one stream at a time (<see cref="StreamPlan.LoopsSingleStream"/>) the single-stream kernel it loops over; then
    /// the gate buffer the groups share.
    /// </summary>
    private void EmitStreamed(LayerPlan layer, SourceWriter w)
    {
        var emitter = new StreamKernelEmitter(layer, w);
        var singles = new StepKernelEmitter(layer, w);
        IReadOnlyList<StreamPlan> plans = layer.StreamPaths;
        int group = 0;
        for (int i = plans.Count - 1; i >= 0; i--)
        {
            StreamPlan plan = plans[i];
            if (plan.LoopsSingleStream)
            {
                if (plan.Bits == 0)
                {
                    new ScalarKernelEmitter(layer, w).Emit();
                }
                else
                {
                    singles.Emit(layer.Paths.First(p => p.Name == plan.Name));
                }
            }
            else
            {
                group = System.Math.Max(group, plan.Group);
            }

            emitter.Emit(plan);
        }

        if (group > 0)
        {
            w.Line($"/// <summary>Scratch for the summed gate rows of one block for a group of up to {group} streams, {layer.RowsPerBlock} per stream.</summary>");
            w.Line($"[InlineArray({group * layer.RowsPerBlock})]");
            using (w.OpenBlock("private struct StreamGateRows"))
            {
                w.Line($"private {_context.T} element0;");
            }

            w.Line();
        }

        bool contiguous = plans.Any(p => p.LoopsSingleStream && p.Bits > 0 && layer.Paths.First(path => path.Name == p.Name).Arrangement == Arrangement.Contiguous);
        if (contiguous)
        {
            EmitGateRows(layer, w);
        }
    }

    /// <summary>The scratch the contiguous step kernels sum a block's gate rows into.</summary>
    private void EmitGateRows(LayerPlan layer, SourceWriter w)
    {
        w.Line($"/// <summary>Scratch for one block's {layer.RowsPerBlock} summed gate rows.</summary>");
        w.Line($"[InlineArray({layer.RowsPerBlock})]");
        using (w.OpenBlock("private struct GateRows"))
        {
            w.Line($"private {_context.T} element0;");
        }
    }

    /// <summary>Forward's kernels for runs of projected steps: per width, the projection, then the step that starts from it.</summary>
    private static void EmitProjected(LayerPlan layer, SourceWriter w)
    {
        var projections = new ProjectionKernelEmitter(layer, w);
        projections.Emit("Scalar", 1);
        new ScalarKernelEmitter(layer, w).Emit(projected: true);
        var vectors = new StepKernelEmitter(layer, w);
        for (int i = layer.Paths.Count - 1; i >= 0; i--)
        {
            PathPlan path = layer.Paths[i];
            projections.Emit(path.Name, layer.Element.LanesOf(path.Bits));
            vectors.Emit(path, projected: true);
        }
    }
}
