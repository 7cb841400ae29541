using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the projection kernels <c>Forward</c> runs before a run of steps (<see cref="LayerPlan.ProjectionSteps"/>): for each
/// step t of the run, <c>z[t] = b + Wx·x[t]</c> in block-row order, each Wx vector loaded once for
/// <see cref="LayerPlan.ProjectionGroup"/> steps. Every sum starts from the bias and adds the inputs in column order with the
/// same multiply-add as the step kernels, so a projected step gives the plain step's bits.
/// </summary>
internal sealed class ProjectionKernelEmitter
{
    private readonly LayerPlan _layer;
    private readonly SourceWriter _w;

    public ProjectionKernelEmitter(LayerPlan layer, SourceWriter writer)
    {
        _layer = layer;
        _w = writer;
    }

    private string T => _layer.Element.Name;

    /// <summary>Emits <c>Project{name}</c> with vectors of <paramref name="lanes"/> elements (1: scalars).</summary>
    public void Emit(string name, int lanes)
    {
        LayerPlan l = _layer;
        var v = new VectorSyntax(l.Element, lanes);
        string width = v.IsScalar ? "one gate row at a time" : $"{v.Bits}-bit vectors";
        _w.Line($"/// <summary>z = b + Wx·x for 1 to {l.ProjectionSteps} steps with {width}, for StepProjected{name}.</summary>");
        _w.Line("/// <param name=\"weights\">The parameters, in storage order.</param>");
        _w.Line($"/// <param name=\"xs\">The steps' inputs, {l.InputWidth} per step.</param>");
        _w.Line($"/// <param name=\"projection\">Receives {l.GateRows} sums per step, in block-row order (the order of the weights' column 0).</param>");
        _w.Line("/// <param name=\"steps\">How many steps to project.</param>");
        _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (_w.OpenBlock($"public static void Project{name}(ref {T} weights, ref {T} xs, ref {T} projection, int steps)"))
        using (_w.OpenBlock("unchecked"))
        {
            if (l.BlockCount == 1)
            {
                EmitBlock(v, "weights", "projection");
            }
            else
            {
                using (_w.OpenBlock($"for (int block = 0; block < {l.BlockCount}; block++)"))
                {
                    _w.Line($"ref {T} blockWeights = ref Unsafe.Add(ref weights, block * {l.BlockStride});");
                    _w.Line($"ref {T} blockProjection = ref Unsafe.Add(ref projection, block * {l.RowsPerBlock});");
                    EmitBlock(v, "blockWeights", "blockProjection");
                }
            }
        }

        _w.Line();
    }

    private void EmitBlock(VectorSyntax v, string weights, string projection)
    {
        LayerPlan l = _layer;
        int rows = l.RowsPerBlock;
        int chunks = rows / v.Lanes; // whole vectors: the plan projects only blocks of whole cache lines
        _w.Line(v.IsScalar ? $"// The block's {rows} gate rows one at a time." : $"// The block's {rows} gate rows in {chunks} vectors.");
        using (_w.OpenBlock($"for (int chunk = 0; chunk < {chunks}; chunk++)"))
        {
            _w.Line(v.IsScalar ? "int row = chunk;" : $"int row = chunk * {v.Lanes};");
            _w.Line($"ref {T} rowWeights = ref Unsafe.Add(ref {weights}, row);");
            _w.Line($"ref {T} rowProjection = ref Unsafe.Add(ref {projection}, row);");
            _w.Line("int t = 0;");
            int group = l.ProjectionGroup;
            _w.Line($"// {group} steps at a time: each weight is loaded once for all {group}.");
            using (_w.OpenBlock($"for (; t + {group} <= steps; t += {group})"))
            {
                EmitSteps(v, group);
            }

            _w.Line();
            using (_w.OpenBlock("for (; t < steps; t++)"))
            {
                EmitSteps(v, 1);
            }
        }
    }

    private void EmitSteps(VectorSyntax v, int count)
    {
        LayerPlan l = _layer;
        _w.Line($"ref {T} x = ref Unsafe.Add(ref xs, t * {l.InputWidth});");
        _w.Line($"ref {T} z = ref Unsafe.Add(ref rowProjection, t * {l.GateRows});");
        _w.Line($"{v.Type} sum0 = {v.Load("rowWeights", 0)}; // b");
        for (int s = 1; s < count; s++)
        {
            _w.Line($"{v.Type} sum{s} = sum0;");
        }

        using (_w.OpenBlock($"for (int k = 0; k < {l.InputWidth}; k++)"))
        {
            _w.Line($"{v.Type} column = {v.Load($"Unsafe.Add(ref rowWeights, (1 + k) * {l.RowsPerBlock})", 0)}; // Wx[rows, k]");
            for (int s = 0; s < count; s++)
            {
                string input = s == 0 ? "Unsafe.Add(ref x, k)" : $"Unsafe.Add(ref x, {s * l.InputWidth} + k)";
                _w.Line($"sum{s} = {v.MultiplyAdd("column", v.Broadcast(input), $"sum{s}")};");
            }
        }

        for (int s = 0; s < count; s++)
        {
            _w.Line(v.Store($"sum{s}", "z", s * l.GateRows));
        }
    }
}
