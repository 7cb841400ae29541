using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the vector step kernels: one method per <see cref="PathPlan"/>, each computing <c>z = b + Wx·x + Wh·h₋₁</c> for a
/// block of hidden units, then the activations, c and h of those units. The previous h is read from <c>hiddenPrevious</c>
/// and the new one written to <c>hidden</c> (the layer keeps two copies and flips between them), so blocks never overwrite
/// an h that a later block still reads. Every multiply-add names the weights it loads, as <c>Wxf[0:8, 2]</c>: gate f's rows
/// of Wx for units 0 to 7, input column 2.
/// </summary>
internal sealed class StepKernelEmitter
{
    private static readonly string[] GateNames = { "I", "F", "G", "O" };
    private readonly LayerPlan _layer;
    private readonly SourceWriter _writer;
    private bool _directFma;
    private bool _projected;

    public StepKernelEmitter(LayerPlan layer, SourceWriter writer)
    {
        _layer = layer;
        _writer = writer;
    }

    private string T => _layer.Element.Name;

    /// <summary>Emits a path's step kernel.</summary>
    /// <param name="path">The path.</param>
    /// <param name="projected">
    /// Whether to emit the kernel that starts from <c>b + Wx·x</c> already summed by the projection kernel
    /// (<see cref="LayerPlan.ProjectionSteps"/>) and adds only <c>Wh·h₋₁</c>.
    /// </param>
    public void Emit(PathPlan path, bool projected = false)
    {
        _directFma = path.DirectFma;
        _projected = projected;
        string guard = $"{path.Name}.IsHardwareAccelerated" + (path.DirectFma ? " and the CPU has FMA" : string.Empty);
        string what = projected ? "One time step from its projected inputs" : "One time step";
        _writer.Line($"/// <summary>{what} with {path.Bits}-bit vectors (used when {guard}{NarrowerNote(path)}).</summary>");
        _writer.Line("/// <remarks>");
        _writer.Line($"/// {Describe(path)}");
        if (projected)
        {
            _writer.Line($"/// Each gate row's sum starts from <c>projection</c>, which holds b + Wx·x summed in Step{path.Name}'s order, so the two kernels give the same bits.");
        }

        _writer.Line("/// </remarks>");
        _writer.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        string name = projected ? $"StepProjected{path.Name}" : $"Step{path.Name}";
        _writer.List($"public static void {name}", _layer.KernelParameters(projected).Select(p => $"ref {T} {p}").ToList(), string.Empty);
        using (_writer.OpenBlock())
        using (_writer.OpenBlock("unchecked"))
        {
            if (_layer.BlockCount == 1)
            {
                if (_layer.IsTraining)
                {
                    _writer.Line($"ref {T} tanhRecord = ref Unsafe.Add(ref record, {_layer.GateRows});");
                }

                string bias = projected ? "projection" : "weights";
                EmitBlock(path, new Refs("weights", bias, "cell", "hidden", "record", "tanhRecord", "gates", string.Empty, 0));
            }
            else
            {
                _writer.Line($"// Hidden units are stored and computed in {_layer.BlockCount} blocks of {_layer.UnitBlock}; unit ranges below count from the block's first.");
                using (_writer.OpenBlock($"for (int block = 0; block < {_layer.BlockCount}; block++)"))
                {
                    _writer.Line($"ref {T} blockWeights = ref Unsafe.Add(ref weights, block * {_layer.BlockStride});");
                    _writer.Line($"ref {T} blockCell = ref Unsafe.Add(ref cell, block * {_layer.UnitBlock});");
                    _writer.Line($"ref {T} blockHidden = ref Unsafe.Add(ref hidden, block * {_layer.UnitBlock});");
                    if (projected)
                    {
                        _writer.Line($"ref {T} blockProjection = ref Unsafe.Add(ref projection, block * {_layer.RowsPerBlock});");
                    }

                    if (_layer.IsTraining)
                    {
                        _writer.Line($"ref {T} blockRecord = ref Unsafe.Add(ref record, block * {_layer.RowsPerBlock});");
                        _writer.Line($"ref {T} blockTanh = ref Unsafe.Add(ref record, {_layer.GateRows} + (block * {_layer.UnitBlock}));");
                    }

                    string bias = projected ? "blockProjection" : "blockWeights";
                    EmitBlock(path, new Refs("blockWeights", bias, "blockCell", "blockHidden", "blockRecord", "blockTanh", "gates", string.Empty, 0));
                }
            }
        }

        _writer.Line();
    }

    private string NarrowerNote(PathPlan path) =>
        ReferenceEquals(_layer.Paths[0], path) && path.Bits < 512 ? ", and on wider hardware too: wider vectors would not change the code" : string.Empty;

    private string Describe(PathPlan path)
    {
        string layout = path.Arrangement == Arrangement.GateAligned
            ? $"Gate-aligned: each tile keeps {path.Tiles[0].Count} vector(s) of {path.Tiles[0][0].Lanes} unit(s) per gate in registers and runs the activations straight from them."
            : $"Contiguous: the block's {_layer.RowsPerBlock} gate rows are summed in {path.Tiles.Sum(t => t.Count)} vector(s) into a gate buffer, then the activations read it unit by unit.";
        string loops = path.Unrolled ? "Columns are fully unrolled." : "Columns run in constant-trip loops.";
        string pipelined = path.Pipelined ? " Tiles are written out one after another, each summed while the previous tile's activations run." : string.Empty;
        return $"{layout} {loops}{pipelined}";
    }

    private void EmitBlock(PathPlan path, Refs block)
    {
        if (path.Arrangement == Arrangement.Contiguous)
        {
            _writer.Line("Unsafe.SkipInit(out GateRows gateRows);");
            _writer.Line($"ref {T} gates = ref Unsafe.As<GateRows, {T}>(ref gateRows);");
        }

        IReadOnlyList<IReadOnlyList<Segment>> tiles = path.Tiles;
        if (tiles.Count == 1)
        {
            EmitTile(path, tiles[0], block, 0);
        }
        else if (path.Uniform && path.Pipelined)
        {
            EmitPipelined(path, block);
        }
        else if (path.Uniform)
        {
            string what = path.Arrangement == Arrangement.GateAligned ? "units" : "gate rows";
            _writer.Line($"// {tiles.Count} tiles of {path.TileStride} {what}, each summed in registers.");
            using (_writer.OpenBlock($"for (int tile = 0; tile < {tiles.Count}; tile++)"))
            {
                Refs tileRefs = DeclareTileRefs(path, block, $"tile * {path.TileStride}", $"tile·{path.TileStride} + ", 0);
                EmitTile(path, tiles[0], tileRefs, 0);
            }
        }
        else
        {
            foreach (IReadOnlyList<Segment> tile in tiles)
            {
                using (_writer.OpenBlock())
                {
                    int shift = tile[0].Offset;
                    Refs tileRefs = DeclareTileRefs(path, block, Literals.Int(shift), string.Empty, shift);
                    EmitTile(path, tile, tileRefs, shift);
                }
            }
        }

        if (path.Arrangement == Arrangement.Contiguous)
        {
            EmitContiguousActivations(path, block);
        }
    }

    /// <summary>
    /// Moves the refs to a tile. The weights get a ref local; the state refs stay expressions written out at each use: as
    /// ref locals of the tile loop they made the JIT spill the activations' vector registers, which cost 12% at 1×16.
    /// </summary>
    private Refs DeclareTileRefs(PathPlan path, Refs block, string shift, string unitBase, int unitShift)
    {
        if (shift == "0")
        {
            return block;
        }

        _writer.Line($"ref {T} tileWeights = ref Unsafe.Add(ref {block.Weights}, {shift});");
        string bias = "tileWeights";
        if (_projected)
        {
            _writer.Line($"ref {T} tileProjection = ref Unsafe.Add(ref {block.Bias}, {shift});");
            bias = "tileProjection";
        }

        if (path.Arrangement == Arrangement.Contiguous)
        {
            _writer.Line($"ref {T} tileGates = ref Unsafe.Add(ref {block.Gates}, {shift});");
            return block with { Weights = "tileWeights", Bias = bias, Gates = "tileGates", UnitBase = unitBase, UnitShift = unitShift };
        }

        string Moved(string reference) => $"Unsafe.Add(ref {reference}, {shift})";
        return new Refs("tileWeights", bias, Moved(block.Cell), Moved(block.Hidden), Moved(block.Record), Moved(block.Tanh), block.Gates, unitBase, unitShift);
    }

    /// <summary>
    /// Emits alike gate-aligned tiles one after another: each block sums its tile, then runs the activations of the
    /// previous tile from the sums it left in <c>pending…</c>. Those activations do not depend on the new sums, so the
    /// core works on both at once instead of draining one tile's activation chain before it starts the next tile.
    /// </summary>
    private void EmitPipelined(PathPlan path, Refs block)
    {
        IReadOnlyList<IReadOnlyList<Segment>> tiles = path.Tiles;
        List<Accumulator> accumulators = AccumulatorsOf(path, tiles[0], 0);
        _writer.Line($"// {tiles.Count} tiles of {path.TileStride} units. Each block sums one tile, then runs the previous tile's activations,");
        _writer.Line("// which do not wait on those sums, so the two overlap.");
        foreach (Accumulator a in accumulators)
        {
            _writer.Line($"{a.Syntax.Type} pending{a.Name} = {a.Syntax.Zero};");
        }

        for (int index = 0; index <= tiles.Count; index++)
        {
            _writer.Line();
            string what = index == 0 ? "Tile 0: its sums."
                : index == tiles.Count ? $"Tile {index - 1}'s activations."
                : $"Tile {index}: its sums, then tile {index - 1}'s activations.";
            _writer.Line($"// {what}");
            using (_writer.OpenBlock())
            {
                if (index < tiles.Count)
                {
                    Refs refs = block with { UnitShift = index * path.TileStride };
                    if (index > 0)
                    {
                        _writer.Line($"ref {T} tileWeights = ref Unsafe.Add(ref {block.Weights}, {Literals.Int(index * path.TileStride)});");
                        refs = refs with { Weights = "tileWeights", Bias = "tileWeights" };
                        if (_projected)
                        {
                            _writer.Line($"ref {T} tileProjection = ref Unsafe.Add(ref {block.Bias}, {Literals.Int(index * path.TileStride)});");
                            refs = refs with { Bias = "tileProjection" };
                        }
                    }

                    EmitSums(path, accumulators, refs);
                }

                if (index > 0)
                {
                    Refs previous = block with { UnitShift = (index - 1) * path.TileStride };
                    EmitAlignedActivations(tiles[index - 1], accumulators, previous, 0, name => $"pending{name}");
                }

                if (index < tiles.Count)
                {
                    foreach (Accumulator a in accumulators)
                    {
                        _writer.Line($"pending{a.Name} = {Sum(a.Name)};");
                    }
                }
            }
        }
    }

    /// <summary>Emits the sums of one tile and, for gate-aligned tiles, its activations.</summary>
    /// <param name="shift">How far the tile's refs are already moved; segment offsets are made relative to it.</param>
    private void EmitTile(PathPlan path, IReadOnlyList<Segment> tile, Refs refs, int shift)
    {
        List<Accumulator> accumulators = AccumulatorsOf(path, tile, shift);
        EmitSums(path, accumulators, refs);
        if (path.Arrangement == Arrangement.Contiguous)
        {
            _writer.Line("// z = (b + Wx·x) + Wh·h₋₁, kept in the gate buffer until the block's rows are all summed.");
            foreach (Accumulator a in accumulators)
            {
                _writer.Line(a.Syntax.Store(Sum(a.Name), refs.Gates, a.Row));
            }
        }
        else
        {
            EmitAlignedActivations(tile, accumulators, refs, shift, Sum);
        }
    }

    /// <summary>
    /// Emits z = b + Wx·x + Wh·h₋₁ for the accumulators' gate rows: <c>sum…</c> takes the bias, the inputs and the even hidden
    /// columns, <c>odd…</c> (where the layer splits the sums) the odd hidden columns.
    /// </summary>
    private void EmitSums(PathPlan path, List<Accumulator> accumulators, Refs refs)
    {
        if (_projected)
        {
            _writer.Line("// z = b + Wx·x: start from the projection.");
            foreach (Accumulator a in accumulators)
            {
                _writer.Line($"{a.Syntax.Type} sum{a.Name} = {a.Syntax.Load(refs.Bias, a.Row)}; // {WeightName("z", a, refs, null)}");
            }
        }
        else
        {
            _writer.Line("// z = b: start from the bias, column 0.");
            foreach (Accumulator a in accumulators)
            {
                _writer.Line($"{a.Syntax.Type} sum{a.Name} = {a.Syntax.Load(refs.Bias, a.Row)}; // {WeightName("b", a, refs, null)}");
            }
        }

        if (_layer.HasOddSums)
        {
            foreach (Accumulator a in accumulators)
            {
                _writer.Line($"{a.Syntax.Type} odd{a.Name} = {a.Syntax.Zero};");
            }
        }

        if (!_projected)
        {
            EmitInputSums(path, accumulators, refs);
        }

        EmitHiddenSums(path, accumulators, refs);
    }

    /// <summary>Emits z += Wx·x into the <c>sum…</c> accumulators, input column by input column.</summary>
    private void EmitInputSums(PathPlan path, List<Accumulator> accumulators, Refs refs)
    {
        int rowStride = _layer.RowsPerBlock;
        _writer.Line();
        _writer.Line("// z += Wx·x: broadcast each input and multiply it into every gate row.");
        if (path.Unrolled)
        {
            for (int k = 0; k < _layer.InputWidth; k++)
            {
                EmitColumn(accumulators, "sum", $"input{k}", VectorSyntax.At("x", k), refs, (1 + k) * rowStride, "Wx", Literals.Int(k));
            }
        }
        else
        {
            using (_writer.OpenBlock($"for (int k = 0; k < {_layer.InputWidth}; k++)"))
            {
                _writer.Line($"ref {T} column = ref Unsafe.Add(ref {refs.Weights}, (1 + k) * {rowStride});");
                EmitColumn(accumulators, "sum", "input", VectorSyntax.At("x", "k"), refs with { Weights = "column" }, 0, "Wx", "k");
            }
        }
    }

    /// <summary>Emits z += Wh·h₋₁: even hidden columns into <c>sum…</c>, odd ones into <c>odd…</c> where the layer splits the sums.</summary>
    private void EmitHiddenSums(PathPlan path, List<Accumulator> accumulators, Refs refs)
    {
        int rowStride = _layer.RowsPerBlock;
        string oddSet = _layer.HasOddSums ? "odd" : "sum";
        _writer.Line();
        _writer.Line(_layer.HasOddSums
            ? "// z += Wh·h₋₁: even and odd hidden columns go to separate sums, halving the chain that waits on the previous step."
            : "// z += Wh·h₋₁.");
        int firstHidden = 1 + _layer.InputWidth;
        int hiddenPairs = _layer.StateWidth / 2;
        if (path.Unrolled)
        {
            for (int k = 0; k < _layer.StateWidth; k++)
            {
                string set = k % 2 == 0 ? "sum" : oddSet;
                EmitColumn(accumulators, set, $"hidden{k}", VectorSyntax.At("hiddenPrevious", k), refs, (firstHidden + k) * rowStride, "Wh", Literals.Int(k));
            }
        }
        else
        {
            if (hiddenPairs > 0)
            {
                using (_writer.OpenBlock($"for (int k = 0; k < {2 * hiddenPairs}; k += 2)"))
                {
                    _writer.Line($"ref {T} evenColumn = ref Unsafe.Add(ref {refs.Weights}, ({firstHidden} + k) * {rowStride});");
                    _writer.Line($"ref {T} oddColumn = ref Unsafe.Add(ref evenColumn, {rowStride});");
                    EmitColumn(accumulators, "sum", "hiddenEven", VectorSyntax.At("hiddenPrevious", "k"), refs with { Weights = "evenColumn" }, 0, "Wh", "k");
                    EmitColumn(accumulators, oddSet, "hiddenOdd", VectorSyntax.At("hiddenPrevious", "k + 1"), refs with { Weights = "oddColumn" }, 0, "Wh", "k + 1");
                }
            }

            if (_layer.StateWidth % 2 == 1)
            {
                int k = _layer.StateWidth - 1;
                EmitColumn(accumulators, "sum", $"hidden{k}", VectorSyntax.At("hiddenPrevious", k), refs, (firstHidden + k) * rowStride, "Wh", Literals.Int(k));
            }
        }

        _writer.Line();
    }

    private void EmitColumn(List<Accumulator> accumulators, string set, string broadcastName, string element, Refs refs, int columnOffset, string block, string column)
    {
        var declared = new HashSet<int>();
        bool mixedWidths = accumulators.Select(a => a.Syntax.Lanes).Distinct().Count() > 1;
        foreach (Accumulator a in accumulators)
        {
            string name = mixedWidths ? $"{broadcastName}{LanesSuffix(a.Syntax)}" : broadcastName;
            if (declared.Add(a.Syntax.Lanes))
            {
                _writer.Line($"{a.Syntax.Type} {name} = {a.Syntax.Broadcast(element)};");
            }

            string product = a.Syntax.Load(refs.Weights, columnOffset + a.Row);
            string sum = set + a.Name;
            string fma = _directFma ? $"Fma.MultiplyAdd({product}, {name}, {sum})" : a.Syntax.MultiplyAdd(product, name, sum);
            _writer.Line($"{sum} = {fma}; // {WeightName(block, a, refs, column)}");
        }
    }

    /// <summary>Names the weights an accumulator's load reads: <c>Wxf[0:8, 2]</c>, <c>bi[16]</c>, <c>Wh[rows 8:16, k]</c>.</summary>
    private string WeightName(string block, Accumulator a, Refs refs, string? column)
    {
        string units = Range(refs, a.Unit, a.Syntax.Lanes);
        string rows = a.Gate is null ? $"rows {units}" : units;
        string gate = a.Gate ?? string.Empty;
        return column is null ? $"{block}{gate}[{rows}]" : $"{block}{gate}[{rows}, {column}]";
    }

    /// <summary>A run of units or rows as comments write it: <c>8:16</c>, <c>tile·8 + 0:8</c>, or one index.</summary>
    private static string Range(Refs refs, int first, int count)
    {
        int start = refs.UnitShift + first;
        return count == 1 ? $"{refs.UnitBase}{start}" : $"{refs.UnitBase}{start}:{start + count}";
    }

    /// <summary>Tiles that mix widths need one broadcast per width; the suffix keeps their names apart.</summary>
    private static string LanesSuffix(VectorSyntax syntax) => syntax.IsScalar ? "s" : $"v{syntax.Bits}";

    /// <summary>Emits the activations, c and h of one gate-aligned tile; <paramref name="sum"/> names a gate vector's sum.</summary>
    private void EmitAlignedActivations(IReadOnlyList<Segment> tile, List<Accumulator> accumulators, Refs refs, int shift, System.Func<string, string> sum)
    {
        for (int v = 0; v < tile.Count; v++)
        {
            Segment segment = tile[v];
            int unit = segment.Offset - shift;
            var syntax = new VectorSyntax(_layer.Element, segment.Lanes);
            using (_writer.OpenBlock())
            {
                string units = (segment.Lanes == 1 ? "unit " : "units ") + Range(refs, unit, segment.Lanes);
                _writer.Line($"// The gates, c and h of {units}.");
                EmitGates(syntax, sum($"I{v}"), sum($"F{v}"), sum($"G{v}"), sum($"O{v}"));
                EmitCellUpdate(syntax, syntax.Load(refs.Cell, unit), refs, unit);
            }
        }
    }

    private void EmitContiguousActivations(PathPlan path, Refs block)
    {
        int u = _layer.UnitBlock;
        _writer.Line();
        _writer.Line("// The gates, c and h unit by unit, reading the summed gate rows back.");
        IReadOnlyList<Segment> segments = path.UnitSegments;
        int index = 0;
        while (index < segments.Count)
        {
            Segment segment = segments[index];
            int run = 1;
            while (index + run < segments.Count && segments[index + run].Lanes == 1 && segment.Lanes == 1)
            {
                run++;
            }

            if (segment.Lanes == 1 && run > 4)
            {
                int start = segment.Offset;
                var scalar = new VectorSyntax(_layer.Element, 1);
                using (_writer.OpenBlock($"for (int unit = {start}; unit < {start + run}; unit++)"))
                {
                    EmitGates(
                        scalar,
                        $"Unsafe.Add(ref {block.Gates}, unit)",
                        $"Unsafe.Add(ref {block.Gates}, {u} + unit)",
                        $"Unsafe.Add(ref {block.Gates}, {2 * u} + unit)",
                        $"Unsafe.Add(ref {block.Gates}, {3 * u} + unit)");
                    EmitCellUpdateLooped(scalar, block);
                }

                index += run;
                continue;
            }

            var syntax = new VectorSyntax(_layer.Element, segment.Lanes);
            int offset = segment.Offset;
            using (_writer.OpenBlock())
            {
                string which = segment.Lanes == 1 ? $"Unit {offset}" : $"Units {offset}:{offset + segment.Lanes}";
                _writer.Line($"// {which}.");
                EmitGates(
                    syntax,
                    syntax.Load(block.Gates, offset),
                    syntax.Load(block.Gates, u + offset),
                    syntax.Load(block.Gates, (2 * u) + offset),
                    syntax.Load(block.Gates, (3 * u) + offset));
                EmitCellUpdate(syntax, syntax.Load(block.Cell, offset), block, offset);
            }

            index++;
        }
    }

    private void EmitGates(VectorSyntax syntax, string sumI, string sumF, string sumG, string sumO) =>
        new CellEquations(_layer, _writer).Gates(syntax, sumI, sumF, sumG, sumO);

    private void EmitCellAndHidden(VectorSyntax syntax, string previousCell) => new CellEquations(_layer, _writer).CellAndHidden(syntax, previousCell);

    /// <summary>Computes and stores c and h for one vector of units at a constant offset, plus the tape record.</summary>
    private void EmitCellUpdate(VectorSyntax syntax, string previousCell, Refs refs, int unit)
    {
        int u = _layer.UnitBlock;
        EmitCellAndHidden(syntax, previousCell);
        _writer.Line(syntax.Store("c", refs.Cell, unit));
        _writer.Line(syntax.Store("h", refs.Hidden, unit));
        if (_layer.IsTraining)
        {
            _writer.Line("// Record the gates and tanh(c) for back-propagation.");
            _writer.Line(syntax.Store("i", refs.Record, unit));
            _writer.Line(syntax.Store("f", refs.Record, u + unit));
            _writer.Line(syntax.Store("g", refs.Record, (2 * u) + unit));
            _writer.Line(syntax.Store("o", refs.Record, (3 * u) + unit));
            _writer.Line(syntax.Store("tanhC", refs.Tanh, unit));
        }
    }

    private void EmitCellUpdateLooped(VectorSyntax scalar, Refs refs)
    {
        int u = _layer.UnitBlock;
        EmitCellAndHidden(scalar, VectorSyntax.At(refs.Cell, "unit"));
        _writer.Line($"{VectorSyntax.At(refs.Cell, "unit")} = c;");
        _writer.Line($"{VectorSyntax.At(refs.Hidden, "unit")} = h;");
        if (_layer.IsTraining)
        {
            _writer.Line("// Record the gates and tanh(c) for back-propagation.");
            _writer.Line($"{VectorSyntax.At(refs.Record, "unit")} = i;");
            _writer.Line($"{VectorSyntax.At(refs.Record, $"{u} + unit")} = f;");
            _writer.Line($"{VectorSyntax.At(refs.Record, $"{2 * u} + unit")} = g;");
            _writer.Line($"{VectorSyntax.At(refs.Record, $"{3 * u} + unit")} = o;");
            _writer.Line($"{VectorSyntax.At(refs.Tanh, "unit")} = tanhC;");
        }
    }

    private List<Accumulator> AccumulatorsOf(PathPlan path, IReadOnlyList<Segment> tile, int shift)
    {
        var accumulators = new List<Accumulator>();
        if (path.Arrangement == Arrangement.GateAligned)
        {
            for (int gate = 0; gate < 4; gate++)
            {
                for (int v = 0; v < tile.Count; v++)
                {
                    int unit = tile[v].Offset - shift;
                    int row = (gate * _layer.UnitBlock) + unit;
                    string name = GateNames[gate];
                    accumulators.Add(new Accumulator($"{name}{v}", row, unit, name.ToLowerInvariant(), new VectorSyntax(_layer.Element, tile[v].Lanes)));
                }
            }
        }
        else
        {
            for (int v = 0; v < tile.Count; v++)
            {
                int row = tile[v].Offset - shift;
                accumulators.Add(new Accumulator(Literals.Int(v), row, row, null, new VectorSyntax(_layer.Element, tile[v].Lanes)));
            }
        }

        return accumulators;
    }

    private string Sum(string name) => _layer.HasOddSums ? $"sum{name} + odd{name}" : $"sum{name}";

    /// <summary>
    /// The refs a block or tile body writes through (<c>Bias</c> is where the sums start: the weights' column 0, or the
    /// projection), and how comments write its unit ranges: a symbolic base such as
    /// <c>tile·8 + </c> for a loop, and a constant shift for a tile written out.
    /// </summary>
    private sealed record Refs(string Weights, string Bias, string Cell, string Hidden, string Record, string Tanh, string Gates, string UnitBase, int UnitShift);

    /// <summary>
    /// One vector (or scalar) of gate rows, summed in one or two sets: its name suffix, its row in the block, its first unit
    /// (or row, when not gate-aligned) and its gate (null when not gate-aligned).
    /// </summary>
    private sealed record Accumulator(string Name, int Row, int Unit, string? Gate, VectorSyntax Syntax);
}
