using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the forward step kernels: one static method per <see cref="PathPlan"/>, each computing
/// <c>gates = b + Wx·x + Wh·h₋₁</c> for a block of hidden units, then the activations, c and h of those units. The previous
/// h is read from <c>hidden</c> and the new one written to <c>hiddenNew</c> (the layer keeps two copies and flips between
/// them), so blocks never overwrite an h that a later block still reads; the caller's copy is written after the kernel.
/// </summary>
internal sealed class StepKernelEmitter
{
    private readonly LayerPlan _layer;
    private readonly SourceWriter _writer;

    /// <summary>
    /// Whether the column multiply-adds call <c>Fma.MultiplyAdd</c> itself: a pipelined path writes out hundreds of them, and
    /// as calls to <c>LstmSimd.MultiplyAdd</c> they would exhaust the JIT's inlining budget and stay calls.
    /// </summary>
    private bool _directFma;

    public StepKernelEmitter(LayerPlan layer, SourceWriter writer)
    {
        _layer = layer;
        _writer = writer;
    }

    /// <summary>The parameter list every step kernel takes.</summary>
    public string Parameters
    {
        get
        {
            string t = _layer.Element.Name;
            string parameters = $"ref {t} weights, ref {t} hidden, ref {t} hiddenNew, ref {t} cell, ref {t} x";
            return _layer.IsTraining ? parameters + $", ref {t} record" : parameters;
        }
    }

    /// <summary>The matching argument list.</summary>
    public string Arguments => _layer.IsTraining
        ? "ref weights, ref hidden, ref hiddenNew, ref cell, ref x, ref record"
        : "ref weights, ref hidden, ref hiddenNew, ref cell, ref x";

    public void Emit(PathPlan path)
    {
        string guard = path.Bits == 0 ? "no vector hardware" : $"{path.Name}.IsHardwareAccelerated" + (path.Pipelined ? " and the CPU has FMA" : string.Empty);
        _directFma = path.Pipelined;
        _writer.Line($"/// <summary>One time step on the {(path.Bits == 0 ? "scalar" : $"{path.Bits}-bit")} path (used when {guard}{NarrowerNote(path)}).</summary>");
        _writer.Line("/// <remarks>");
        _writer.Line($"/// {Describe(path)}");
        _writer.Line("/// </remarks>");
        _writer.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (_writer.OpenBlock($"public static void Step{path.Name}({Parameters})"))
        using (_writer.OpenBlock("unchecked"))
        {
            if (_layer.BlockCount == 1)
            {
                var refs = new Refs("weights", "cell", "hiddenNew", "record", "tanhRecord", "gates");
                if (_layer.IsTraining)
                {
                    _writer.Line($"ref {_layer.Element.Name} tanhRecord = ref Unsafe.Add(ref record, {_layer.GateRows});");
                }

                EmitBlock(path, refs);
            }
            else
            {
                _writer.Line($"// Hidden units are stored and computed in {_layer.BlockCount} blocks of {_layer.UnitBlock}.");
                using (_writer.OpenBlock($"for (int block = 0; block < {_layer.BlockCount}; block++)"))
                {
                    string t = _layer.Element.Name;
                    _writer.Line($"ref {t} blockWeights = ref Unsafe.Add(ref weights, block * {_layer.BlockStride});");
                    _writer.Line($"ref {t} blockCell = ref Unsafe.Add(ref cell, block * {_layer.UnitBlock});");
                    _writer.Line($"ref {t} blockHidden = ref Unsafe.Add(ref hiddenNew, block * {_layer.UnitBlock});");
                    if (_layer.IsTraining)
                    {
                        _writer.Line($"ref {t} blockRecord = ref Unsafe.Add(ref record, block * {_layer.RowsPerBlock});");
                        _writer.Line($"ref {t} blockTanh = ref Unsafe.Add(ref record, {_layer.GateRows} + (block * {_layer.UnitBlock}));");
                    }

                    EmitBlock(path, new Refs("blockWeights", "blockCell", "blockHidden", "blockRecord", "blockTanh", "gates"));
                }
            }

        }

        _writer.Line();
    }

    private string NarrowerNote(PathPlan path)
    {
        int index = -1;
        for (int i = 0; i < _layer.Paths.Count; i++)
        {
            if (ReferenceEquals(_layer.Paths[i], path))
            {
                index = i;
            }
        }

        return index == 0 && path.Bits != 0 && path.Bits < 512 ? ", and on wider hardware too: wider vectors would not change the code" : string.Empty;
    }

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
        string t = _layer.Element.Name;
        if (path.Arrangement == Arrangement.Contiguous)
        {
            _writer.Line($"Unsafe.SkipInit(out GateRows gateRows);");
            _writer.Line($"ref {t} gates = ref Unsafe.As<GateRows, {t}>(ref gateRows);");
        }

        IReadOnlyList<IReadOnlyList<Segment>> tiles = path.Tiles;
        int tileStride = tiles.Count > 1 ? tiles[1][0].Offset - tiles[0][0].Offset : 0;
        bool uniform = tiles.Count >= 2 && tiles.Select((tile, index) => tile.All(s => s.Lanes == tiles[0][0].Lanes)
            && tile.Count == tiles[0].Count
            && tile[0].Offset == index * tileStride).All(ok => ok);

        if (tiles.Count == 1)
        {
            EmitTile(path, tiles[0], block, 0);
        }
        else if (uniform && path.Pipelined)
        {
            EmitPipelined(path, block, tileStride);
        }
        else if (uniform)
        {
            string what = path.Arrangement == Arrangement.GateAligned ? $"units" : "gate rows";
            _writer.Line($"// {tiles.Count} tiles of {tileStride} {what}, each summed in registers.");
            using (_writer.OpenBlock($"for (int tile = 0; tile < {tiles.Count}; tile++)"))
            {
                Refs tileRefs = DeclareTileRefs(path, block, $"tile * {tileStride}");
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
                    Refs tileRefs = DeclareTileRefs(path, block, Literals.Int(shift));
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
    private Refs DeclareTileRefs(PathPlan path, Refs block, string shift)
    {
        if (shift == "0")
        {
            return block;
        }

        string t = _layer.Element.Name;
        _writer.Line($"ref {t} tileWeights = ref Unsafe.Add(ref {block.Weights}, {shift});");
        if (path.Arrangement == Arrangement.Contiguous)
        {
            _writer.Line($"ref {t} tileGates = ref Unsafe.Add(ref {block.Gates}, {shift});");
            return block with { Weights = "tileWeights", Gates = "tileGates" };
        }

        string Moved(string reference) => $"Unsafe.Add(ref {reference}, {shift})";
        return new Refs("tileWeights", Moved(block.Cell), Moved(block.HiddenNew), Moved(block.Record), Moved(block.Tanh), block.Gates);
    }

    /// <summary>
    /// Emits alike gate-aligned tiles one after another: each block sums its tile, then runs the activations of the
    /// previous tile from the sums it left in <c>pending…</c>. Those activations do not depend on the new sums, so the
    /// core works on both at once instead of draining one tile's activation chain before it starts the next tile.
    /// </summary>
    private void EmitPipelined(PathPlan path, Refs block, int tileStride)
    {
        IReadOnlyList<IReadOnlyList<Segment>> tiles = path.Tiles;
        List<Accumulator> accumulators = AccumulatorsOf(path, tiles[0], 0);
        string t = _layer.Element.Name;
        _writer.Line($"// {tiles.Count} tiles of {tileStride} units. Each block sums one tile, then runs the previous tile's activations,");
        _writer.Line("// which do not wait on those sums, so the two overlap.");
        foreach (Accumulator a in accumulators)
        {
            _writer.Line($"var pending{a.Name} = {a.Syntax.Zero};");
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
                    Refs refs = block;
                    if (index > 0)
                    {
                        _writer.Line($"ref {t} tileWeights = ref Unsafe.Add(ref {block.Weights}, {Literals.Int(index * tileStride)});");
                        refs = block with { Weights = "tileWeights" };
                    }

                    EmitSums(path, accumulators, refs);
                }

                if (index > 0)
                {
                    EmitAlignedActivations(tiles[index - 1], accumulators, block, 0, name => $"pending{name}", $"tile {index - 1}");
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
            _writer.Line("// gates = (b + Wx·x) + Wh·h₋₁, kept in the gate buffer until the block's rows are all summed.");
            foreach (Accumulator a in accumulators)
            {
                _writer.Line(a.Syntax.Store(Sum(a.Name), refs.Gates, a.Row));
            }
        }
        else
        {
            EmitAlignedActivations(tile, accumulators, refs, shift, Sum, "this tile");
        }
    }

    /// <summary>Emits b + Wx·x + Wh·h₋₁ for the accumulators' gate rows, split into the layer's sets of sums.</summary>
    private void EmitSums(PathPlan path, List<Accumulator> accumulators, Refs refs)
    {
        int rowStride = _layer.RowsPerBlock;
        const string evenSet = "inp";
        string oddSet = _layer.HasOddSums ? "odd" : "inp";

        _writer.Line("// Start from the bias (column 0 of the block).");
        foreach (Accumulator a in accumulators)
        {
            _writer.Line($"var inp{a.Name} = {a.Syntax.Load(refs.Weights, a.Row)};");
        }

        if (_layer.HasOddSums)
        {
            foreach (Accumulator a in accumulators)
            {
                _writer.Line($"var odd{a.Name} = {a.Syntax.Zero};");
            }
        }

        _writer.Line();
        _writer.Line("// + Wx·x: broadcast each input and multiply it into every gate row.");
        if (path.Unrolled)
        {
            for (int k = 0; k < _layer.InputWidth; k++)
            {
                EmitColumn(accumulators, "inp", $"input{k}", VectorSyntax.At("x", k), refs.Weights, (1 + k) * rowStride);
            }
        }
        else
        {
            using (_writer.OpenBlock($"for (int k = 0; k < {_layer.InputWidth}; k++)"))
            {
                _writer.Line($"ref {_layer.Element.Name} column = ref Unsafe.Add(ref {refs.Weights}, (1 + k) * {rowStride});");
                EmitColumn(accumulators, "inp", "input", VectorSyntax.At("x", "k"), "column", 0);
            }
        }

        _writer.Line();
        _writer.Line(_layer.HasOddSums
            ? "// + Wh·h₋₁: even and odd hidden columns go to separate sums, halving the chain that waits on the previous step."
            : "// + Wh·h₋₁.");
        int firstHidden = 1 + _layer.InputWidth;
        int hiddenPairs = _layer.StateWidth / 2;
        if (path.Unrolled)
        {
            for (int k = 0; k < _layer.StateWidth; k++)
            {
                string set = k % 2 == 0 ? evenSet : oddSet;
                EmitColumn(accumulators, set, $"hidden{k}", VectorSyntax.At("hidden", k), refs.Weights, (firstHidden + k) * rowStride);
            }
        }
        else
        {
            if (hiddenPairs > 0)
            {
                using (_writer.OpenBlock($"for (int k = 0; k < {2 * hiddenPairs}; k += 2)"))
                {
                    string t = _layer.Element.Name;
                    _writer.Line($"ref {t} evenColumn = ref Unsafe.Add(ref {refs.Weights}, ({firstHidden} + k) * {rowStride});");
                    _writer.Line($"ref {t} oddColumn = ref Unsafe.Add(ref evenColumn, {rowStride});");
                    EmitColumn(accumulators, evenSet, "hiddenEven", VectorSyntax.At("hidden", "k"), "evenColumn", 0);
                    EmitColumn(accumulators, oddSet, "hiddenOdd", VectorSyntax.At("hidden", "k + 1"), "oddColumn", 0);
                }
            }

            if (_layer.StateWidth % 2 == 1)
            {
                int k = _layer.StateWidth - 1;
                EmitColumn(accumulators, evenSet, $"hidden{k}", VectorSyntax.At("hidden", k), refs.Weights, (firstHidden + k) * rowStride);
            }
        }

        _writer.Line();
    }

    private void EmitColumn(List<Accumulator> accumulators, string set, string broadcastName, string element, string reference, int columnOffset)
    {
        var declared = new HashSet<int>();
        bool mixedWidths = accumulators.Select(a => a.Syntax.Lanes).Distinct().Count() > 1;
        foreach (Accumulator a in accumulators)
        {
            string name = mixedWidths ? $"{broadcastName}{LanesSuffix(a.Syntax)}" : broadcastName;
            if (declared.Add(a.Syntax.Lanes))
            {
                _writer.Line($"var {name} = {a.Syntax.Broadcast(element)};");
            }

            string product = a.Syntax.Load(reference, columnOffset + a.Row);
            _writer.Line($"{set}{a.Name} = {(_directFma ? $"Fma.MultiplyAdd({product}, {name}, {set + a.Name})" : a.Syntax.MultiplyAdd(product, name, set + a.Name))};");
        }
    }

    /// <summary>Tiles that mix widths need one broadcast per width; the suffix keeps their names apart.</summary>
    private string LanesSuffix(VectorSyntax syntax) => syntax.IsScalar ? "s" : $"v{syntax.Bits}";

    /// <summary>Emits the activations, c and h of one gate-aligned tile; <paramref name="sum"/> names a gate vector's sum.</summary>
    private void EmitAlignedActivations(IReadOnlyList<Segment> tile, List<Accumulator> accumulators, Refs refs, int shift, System.Func<string, string> sum, string whose)
    {
        for (int v = 0; v < tile.Count; v++)
        {
            Segment segment = tile[v];
            int unit = segment.Offset - shift;
            var syntax = new VectorSyntax(_layer.Element, segment.Lanes);
            using (_writer.OpenBlock())
            {
                string first = segment.Lanes == 1 ? $"unit {unit}" : $"units {unit}–{unit + segment.Lanes - 1}";
                _writer.Line($"// Activations of {first} of {whose}: {ActivationsSummary()}.");
                EmitGates(sum($"I{v}"), sum($"F{v}"), sum($"G{v}"), sum($"O{v}"));
                EmitCellUpdate(syntax, syntax.Load(refs.Cell, unit), refs, unit, unit);
            }
        }
    }

    private void EmitContiguousActivations(PathPlan path, Refs block)
    {
        int u = _layer.UnitBlock;
        _writer.Line();
        _writer.Line($"// Activations unit by unit, reading the summed gate rows back: {ActivationsSummary()}.");
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
            int unitOffset = segment.Offset;
            using (_writer.OpenBlock())
            {
                string which = segment.Lanes == 1 ? $"Unit {unitOffset}" : $"Units {unitOffset}–{unitOffset + segment.Lanes - 1}";
                _writer.Line($"// {which}.");
                EmitGates(
                    syntax.Load(block.Gates, unitOffset),
                    syntax.Load(block.Gates, u + unitOffset),
                    syntax.Load(block.Gates, (2 * u) + unitOffset),
                    syntax.Load(block.Gates, (3 * u) + unitOffset));
                EmitCellUpdate(syntax, syntax.Load(block.Cell, unitOffset), block, unitOffset, unitOffset);
            }

            index++;
        }
    }

    /// <summary>
    /// Declares gateI, gateF and gateG from their pre-activations, and for the output gate gateO = σ(·) where h is the
    /// plain product o∘tanh(c), or σ's divisor 1 + e⁻ᵒ where h is a quotient (<see cref="HiddenQuotient"/>).
    /// </summary>
    private void EmitGates(string sumI, string sumF, string sumG, string sumO)
    {
        _writer.Line($"var gateI = {Activation("Sigmoid")}({sumI});");
        _writer.Line($"var gateF = {Activation("Sigmoid")}({sumF});");
        _writer.Line($"var gateG = {Activation("Tanh")}({sumG});");
        _writer.Line(HiddenQuotient ? $"var gateODivisor = LstmMath.SigmoidDivisor({sumO});" : $"var gateO = {Activation("Sigmoid")}({sumO});");
    }

    private string ActivationsSummary() => HiddenQuotient
        ? "i, f = σ(·), g = tanh(·), and o's divisor 1 + e⁻ᵒ (σ(o) = 1 / it)"
        : "i, f, o = σ(·), g = tanh(·)";

    /// <summary>
    /// Approximate float layers compute h = o∘tanh(c) as tanh(c) / (1 + e⁻ᵒ) with one division
    /// (<c>LstmMath.TanhDividedBy</c>) instead of two: 3–7 ns less per step from 1×16 to 8×32 on the CI machine. Training
    /// layers also record σ(o) and tanh(c) for back-propagation, but take h from the same quotient, so their forward pass
    /// gives the bits of an inference layer. (Writing i∘g the same way measured no faster, so it stays a product.)
    /// </summary>
    private bool HiddenQuotient => !_layer.ExactActivations;

    /// <summary>Declares cellNew = f∘c₋₁ + i∘g from <paramref name="previousCell"/>, then hNew, and tanhCell and gateO where h or the tape needs them.</summary>
    private void EmitCellAndHidden(VectorSyntax syntax, string previousCell)
    {
        string cellNew = $"var cellNew = {syntax.MultiplyAdd("gateF", previousCell, "gateI * gateG")};";
        if (!HiddenQuotient)
        {
            _writer.Line("// c = f∘c₋₁ + i∘g, h = o∘tanh(c).");
            _writer.Line(cellNew);
            _writer.Line($"var tanhCell = {Activation("Tanh")}(cellNew);");
            _writer.Line("var hNew = gateO * tanhCell;");
            return;
        }

        _writer.Line("// c = f∘c₋₁ + i∘g, h = o∘tanh(c) = tanh(c) / (1 + e⁻ᵒ), with one division.");
        _writer.Line(cellNew);
        _writer.Line("var hNew = LstmMath.TanhDividedBy(cellNew, gateODivisor);");
        if (_layer.IsTraining)
        {
            _writer.Line("// The tape holds σ(o) and tanh(c) themselves.");
            _writer.Line($"var gateO = {syntax.One} / gateODivisor;");
            _writer.Line("var tanhCell = LstmMath.Tanh(cellNew);");
        }
    }

    /// <summary>c = f∘c₋₁ + i∘g and h = o∘tanh(c) for one vector of units at a constant offset, plus the tape record.</summary>
    private void EmitCellUpdate(VectorSyntax syntax, string previousCell, Refs refs, int unit, int recordUnit)
    {
        int u = _layer.UnitBlock;
        EmitCellAndHidden(syntax, previousCell);
        _writer.Line(syntax.Store("cellNew", refs.Cell, unit));
        _writer.Line(syntax.Store("hNew", refs.HiddenNew, unit));
        if (_layer.IsTraining)
        {
            _writer.Line("// Record the gates and tanh(c) for back-propagation.");
            _writer.Line(syntax.Store("gateI", refs.Record, recordUnit));
            _writer.Line(syntax.Store("gateF", refs.Record, u + recordUnit));
            _writer.Line(syntax.Store("gateG", refs.Record, (2 * u) + recordUnit));
            _writer.Line(syntax.Store("gateO", refs.Record, (3 * u) + recordUnit));
            _writer.Line(syntax.Store("tanhCell", refs.Tanh, recordUnit));
        }
    }

    private void EmitCellUpdateLooped(VectorSyntax scalar, Refs refs)
    {
        int u = _layer.UnitBlock;
        EmitCellAndHidden(scalar, VectorSyntax.At(refs.Cell, "unit"));
        _writer.Line($"{VectorSyntax.At(refs.Cell, "unit")} = cellNew;");
        _writer.Line($"{VectorSyntax.At(refs.HiddenNew, "unit")} = hNew;");
        if (_layer.IsTraining)
        {
            _writer.Line("// Record the gates and tanh(c) for back-propagation.");
            _writer.Line($"{VectorSyntax.At(refs.Record, "unit")} = gateI;");
            _writer.Line($"{VectorSyntax.At(refs.Record, $"{u} + unit")} = gateF;");
            _writer.Line($"{VectorSyntax.At(refs.Record, $"{2 * u} + unit")} = gateG;");
            _writer.Line($"{VectorSyntax.At(refs.Record, $"{3 * u} + unit")} = gateO;");
            _writer.Line($"{VectorSyntax.At(refs.Tanh, "unit")} = tanhCell;");
        }
    }

    private List<Accumulator> AccumulatorsOf(PathPlan path, IReadOnlyList<Segment> tile, int shift)
    {
        var accumulators = new List<Accumulator>();
        if (path.Arrangement == Arrangement.GateAligned)
        {
            string[] gates = { "I", "F", "G", "O" };
            for (int gate = 0; gate < 4; gate++)
            {
                for (int v = 0; v < tile.Count; v++)
                {
                    int row = (gate * _layer.UnitBlock) + tile[v].Offset - shift;
                    accumulators.Add(new Accumulator($"{gates[gate]}{v}", row, new VectorSyntax(_layer.Element, tile[v].Lanes)));
                }
            }
        }
        else
        {
            for (int v = 0; v < tile.Count; v++)
            {
                accumulators.Add(new Accumulator(Literals.Int(v), tile[v].Offset - shift, new VectorSyntax(_layer.Element, tile[v].Lanes)));
            }
        }

        return accumulators;
    }

    private string Sum(string name) => _layer.HasOddSums ? $"inp{name} + odd{name}" : $"inp{name}";

    private string Activation(string function) => _layer.ExactActivations ? $"LstmMath.{function}Exact" : $"LstmMath.{function}";

    /// <summary>The refs a block or tile body writes through.</summary>
    private sealed record Refs(string Weights, string Cell, string HiddenNew, string Record, string Tanh, string Gates);

    /// <summary>One vector (or scalar) of gate rows, summed in one or two sets (bias, inputs and even hidden columns; odd hidden columns).</summary>
    private sealed record Accumulator(string Name, int Row, VectorSyntax Syntax);
}
