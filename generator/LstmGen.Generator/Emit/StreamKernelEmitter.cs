using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes a streamed layer's kernels (<see cref="LayerPlan.IsStreamed"/>): per path, <c>StepStreams…</c>, which steps the
/// first n streams in groups, and one <c>StepGroup…</c> per group size of its <see cref="StreamPlan"/>. A group body sums
/// tiles of gate rows for all its streams at once, each weight vector loaded once and multiplied into every stream's sums,
/// in the single-stream kernels' order (bias, inputs and even hidden columns in <c>sum…</c>, odd hidden columns in
/// <c>odd…</c> where the layer splits them, then the two added), and runs the same <see cref="CellEquations"/>: each stream
/// gets a single-stream layer's bits.
/// </summary>
internal sealed class StreamKernelEmitter
{
    private readonly LayerPlan _layer;
    private readonly SourceWriter _w;
    private readonly SortedSet<Tile> _tiles = new();
    private bool _recorded;

    public StreamKernelEmitter(LayerPlan layer, SourceWriter writer)
    {
        _layer = layer;
        _w = writer;
    }

    private string T => _layer.Element.Name;

    /// <summary>The kernels' parameters: the weights, every stream's h₋₁ (read), new h (written), c (read and written) and x.</summary>
    private static readonly string[] Parameters = { "weights", "hiddenPrevious", "hidden", "cell", "x" };

    /// <summary>
    /// Emits a path's stream kernel, its group bodies and activations, and for a training layer the same again recording
    /// every stream's gates and tanh(c) (<c>StepStreamsRecorded…</c>, for Forward); then the tiles both share.
    /// </summary>
    public void Emit(StreamPlan plan)
    {
        EmitKernel(plan, recorded: false);
        if (_layer.IsTraining)
        {
            EmitKernel(plan, recorded: true);
        }

        foreach (Tile tile in _tiles)
        {
            EmitTile(plan, tile);
        }

        _tiles.Clear();
    }

    private string Recorded => _recorded ? "Recorded" : string.Empty;

    private void EmitKernel(StreamPlan plan, bool recorded)
    {
        _recorded = recorded;
        LayerPlan l = _layer;
        string width = plan.Bits == 0 ? "scalars (used when no vector hardware is)" : $"{plan.Bits}-bit vectors (used when {plan.Name}.IsHardwareAccelerated)";
        _w.Line($"/// <summary>One time step of the first <paramref name=\"streams\"/> streams with {width}.</summary>");
        _w.Line("/// <remarks>");
        _w.Line(plan.LoopsSingleStream
            ? $"/// One stream after another through Step{plan.Name}, the single-stream kernel, as fast as a group here; stream s's x is {l.InputWidth} elements at"
            : $"/// Streams go in groups of {plan.Group}, then one smaller group of each size below; stream s's x is {l.InputWidth} elements at");
        _w.Line($"/// s·{l.InputWidth}, its h₋₁, h and c {l.StateWidth} elements at s·{l.StateWidth}.");
        if (recorded)
        {
            _w.Line($"/// Each stream's gates and tanh(c) go to its tape record: stream s's at <c>records</c> + s·{l.Tape.Stride}.");
        }

        _w.Line("/// </remarks>");
        _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        var parameters = Parameters.Select(p => $"ref {T} {p}").ToList();
        if (recorded)
        {
            parameters.Add($"ref {T} records");
        }

        parameters.Add("int streams");
        _w.List($"public static void StepStreams{Recorded}{plan.Name}", parameters, string.Empty);
        if (plan.LoopsSingleStream)
        {
            EmitSingleStreamLoop(plan);
            return;
        }

        using (_w.OpenBlock())
        using (_w.OpenBlock("unchecked"))
        {
            _w.Line("Unsafe.SkipInit(out StreamGateRows gateRows);");
            _w.Line($"ref {T} gates = ref Unsafe.As<StreamGateRows, {T}>(ref gateRows);");
            _w.Line("int first = 0;");
            int group = plan.Group;
            using (_w.OpenBlock($"for (; first + {group} <= streams; first += {group})"))
            {
                GroupCall(plan, group);
            }

            foreach (int size in plan.GroupSizes.Skip(1))
            {
                _w.Line();
                using (_w.OpenBlock($"if (streams - first >= {size})"))
                {
                    GroupCall(plan, size);
                    _w.Line($"first += {size};");
                }
            }
        }

        _w.Line();
        foreach (int size in plan.GroupSizes)
        {
            EmitGroup(plan, size);
        }

        EmitActivationMethods(plan);
    }

    /// <summary>The body of a path that steps one stream after another with the single-stream kernel.</summary>
    private void EmitSingleStreamLoop(StreamPlan plan)
    {
        LayerPlan l = _layer;
        using (_w.OpenBlock())
        using (_w.OpenBlock("unchecked"))
        {
            if (l.IsTraining && !_recorded)
            {
                _w.Line("// The single-stream kernel records the gates and tanh(c); outside Forward they go to a scratch record on the stack.");
                _w.Line("Unsafe.SkipInit(out TapeStep scratch);");
            }

            using (_w.OpenBlock("for (int stream = 0; stream < streams; stream++)"))
            {
                List<string> arguments = StreamArguments("stream");
                if (_recorded)
                {
                    arguments.Add($"ref Unsafe.Add(ref records, {Scaled("stream", l.Tape.Stride)} + {l.Tape.GatesOffset})");
                }
                else if (l.IsTraining)
                {
                    arguments.Add($"ref Unsafe.As<TapeStep, {T}>(ref scratch)");
                }

                _w.List($"Step{plan.Name}", arguments, ";");
            }
        }

        _w.Line();
    }

    private void GroupCall(StreamPlan plan, int size)
    {
        List<string> arguments = StreamArguments("first");
        if (_recorded)
        {
            arguments.Add($"ref Unsafe.Add(ref records, {Scaled("first", _layer.Tape.Stride)})");
        }

        arguments.Add("ref gates");
        _w.List($"StepGroup{Recorded}{plan.Name}x{size}", arguments, ";");
    }

    /// <summary>The weights and stream <paramref name="index"/>'s h₋₁, h, c and x: the kernel parameters moved to one stream.</summary>
    private List<string> StreamArguments(string index)
    {
        LayerPlan l = _layer;
        string units = Scaled(index, l.StateWidth);
        return new List<string>
        {
            "ref weights",
            $"ref Unsafe.Add(ref hiddenPrevious, {units})",
            $"ref Unsafe.Add(ref hidden, {units})",
            $"ref Unsafe.Add(ref cell, {units})",
            $"ref Unsafe.Add(ref x, {Scaled(index, l.InputWidth)})",
        };
    }

    private static string Scaled(string index, int factor) => factor == 1 ? index : $"{index} * {factor}";

    private void EmitGroup(StreamPlan plan, int streams)
    {
        LayerPlan l = _layer;
        int tile = plan.TileVectors(streams);
        string what = streams == 1 ? "one stream" : $"{streams} streams";
        string shared = streams == 1 ? string.Empty : $", each weight vector loaded once for all {streams}";
        _w.Line($"/// <summary>One time step of {what}: tiles of up to {tile} row vector(s){shared}.</summary>");
        _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        var parameters = Parameters.Select(p => $"ref {T} {p}").ToList();
        if (_recorded)
        {
            parameters.Add($"ref {T} records");
        }

        parameters.Add($"ref {T} gates");
        _w.List($"private static void StepGroup{Recorded}{plan.Name}x{streams}", parameters, string.Empty);
        using (_w.OpenBlock())
        using (_w.OpenBlock("unchecked"))
        {
            if (l.BlockCount == 1)
            {
                EmitBlock(plan, streams, "weights", "0");
            }
            else
            {
                _w.Line($"// Hidden units are stored and computed in {l.BlockCount} blocks of {l.UnitBlock}.");
                using (_w.OpenBlock($"for (int block = 0; block < {l.BlockCount}; block++)"))
                {
                    _w.Line($"ref {T} blockWeights = ref Unsafe.Add(ref weights, block * {l.BlockStride});");
                    EmitBlock(plan, streams, "blockWeights", $"block * {l.UnitBlock}");
                }
            }
        }

        _w.Line();
    }

    /// <summary>A block: the sums of its gate rows for every stream into the gate buffer, then every stream's activations.</summary>
    private void EmitBlock(StreamPlan plan, int streams, string weights, string firstUnit)
    {
        LayerPlan l = _layer;
        int rows = l.RowsPerBlock;
        int perTile = plan.TileVectors(streams);
        _w.Line($"// z = b + Wx·x + Wh·h₋₁ for the block's {rows} gate rows, stream s's into gates[s·{rows} …].");
        int index = 0;
        while (index < plan.RowSegments.Count)
        {
            int lanes = plan.RowSegments[index].Lanes;
            int run = 0;
            while (index + run < plan.RowSegments.Count && plan.RowSegments[index + run].Lanes == lanes)
            {
                run++;
            }

            int start = plan.RowSegments[index].Offset;
            var syntax = new VectorSyntax(l.Element, lanes);
            int fullTiles = run / perTile;
            if (fullTiles > 1)
            {
                int stride = perTile * lanes;
                using (_w.OpenBlock($"for (int row = {start}; row < {start + (fullTiles * stride)}; row += {stride})"))
                {
                    TileCall(plan, new Tile(streams, perTile, lanes), weights, "row");
                }
            }
            else if (fullTiles == 1)
            {
                TileCall(plan, new Tile(streams, perTile, lanes), weights, Literals.Int(start));
            }

            int rest = run - (fullTiles * perTile);
            if (rest > 0)
            {
                TileCall(plan, new Tile(streams, rest, lanes), weights, Literals.Int(start + (fullTiles * perTile * lanes)));
            }

            index += run;
        }

        _w.Line();
        string unitOffset = firstUnit == "0" ? string.Empty : firstUnit;
        if (streams == 1)
        {
            _w.Line("// The gates, c and h of the block's units.");
            _w.List($"Activate{Recorded}{plan.Name}", StreamRefs("0", unitOffset, firstUnit), ";");
        }
        else
        {
            _w.Line("// The gates, c and h of the block's units, stream by stream.");
            using (_w.OpenBlock($"for (int stream = 0; stream < {streams}; stream++)"))
            {
                _w.List($"Activate{Recorded}{plan.Name}", StreamRefs("stream", unitOffset, firstUnit), ";");
            }
        }
    }

    private void TileCall(StreamPlan plan, Tile tile, string weights, string row)
    {
        _tiles.Add(tile);
        string At(string name) => row == "0" ? name : $"Unsafe.Add(ref {name}, {row})";
        _w.List(TileName(plan, tile), new[] { $"ref {At(weights)}", "ref hiddenPrevious", "ref x", $"ref {At("gates")}" }, ";");
    }

    private static string TileName(StreamPlan plan, Tile tile) =>
        $"Sum{plan.Name}_{tile.Streams}{(tile.Streams == 1 ? "Stream" : "Streams")}_{tile.Vectors}x{tile.Lanes}";

    /// <summary>A stream's gate rows, c and h in the block, as arguments: <c>ref gates…</c>, <c>ref cell…</c>, <c>ref hidden…</c>.</summary>
    private string[] StreamRefs(string stream, string unitOffset, string firstUnit)
    {
        LayerPlan l = _layer;
        string rows = stream == "0" ? "gates" : $"Unsafe.Add(ref gates, {Scaled(Parenthesized(stream), l.RowsPerBlock)})";
        string units = stream == "0" ? unitOffset
            : unitOffset.Length == 0 ? Scaled(Parenthesized(stream), l.StateWidth)
            : $"({Scaled(Parenthesized(stream), l.StateWidth)}) + ({unitOffset})";
        string At(string name) => units.Length == 0 ? name : $"Unsafe.Add(ref {name}, {units})";
        var refs = new List<string> { $"ref {rows}", $"ref {At("cell")}", $"ref {At("hidden")}" };
        if (_recorded)
        {
            // The block's gates in the record (block-row order) and its units' tanh(c).
            TapeLayout tape = l.Tape;
            string record = stream == "0" ? string.Empty : $"{Scaled(Parenthesized(stream), tape.Stride)} + ";
            string block = firstUnit == "0" ? string.Empty : $" + (block * {l.RowsPerBlock})";
            string blockUnits = firstUnit == "0" ? string.Empty : $" + ({firstUnit})";
            refs.Add($"ref Unsafe.Add(ref records, {record}{tape.GatesOffset}{block})");
            refs.Add($"ref Unsafe.Add(ref records, {record}{tape.TanhOffset}{blockUnits})");
        }

        return refs.ToArray();
    }

    private static string Parenthesized(string expression) => expression.Contains(" ") ? $"({expression})" : expression;

    /// <summary>
    /// Emits the activation method of a path, <c>Activate…</c>: one stream's gates, c and h for a block's units, a method of
    /// its own. Not two streams' equations interleaved (as an earlier version did to overlap their chains): that kept more
    /// vectors live than the 32 registers hold, and the JIT's 64-byte spills land on 16-byte-aligned stack slots, so the
    /// step ran at one of two speeds per process, by where the stack started. In one sitting on Zen 4 (activations of 8
    /// streams × 16 units, per stream, the two stack parities): two interleaved 24.7 or 54.6 ns, one at a time 25.7 or
    /// 32.4 ns. The out-of-order core overlaps consecutive calls' chains anyway. The method is never inlined: BenchmarkDotNet's
    /// process inlined it into the loop over streams, hoisted its constants out of the loop and spilled them (168 ns per
    /// stream at 1×16 × 8 against 47).
    /// </summary>
    private void EmitActivationMethods(StreamPlan plan)
    {
        _w.Line("/// <summary>The gates, c and h of one block's units for one stream, from its summed gate rows.</summary>");
        _w.Line("// Never inlined: inside the caller's loop over streams the JIT would hoist every constant out of the loop and spill.");
        _w.Line("[MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]");
        _w.List($"private static void Activate{Recorded}{plan.Name}", ActivationParameters(), string.Empty);
        using (_w.OpenBlock())
        using (_w.OpenBlock("unchecked"))
        {
            EmitActivations(plan);
        }

        _w.Line();
    }

    private List<string> ActivationParameters()
    {
        var parameters = new List<string> { $"ref {T} gates", $"ref {T} cell", $"ref {T} hidden" };
        if (_recorded)
        {
            parameters.Add($"ref {T} recordGates");
            parameters.Add($"ref {T} recordTanh");
        }

        return parameters;
    }

    /// <summary>
    /// One tile: <paramref name="vectors"/> row vectors starting at <paramref name="row"/>, summed for every stream of the
    /// group. Sums are named by vector and stream: <c>sum1_2</c> is row vector 1 of stream 2.
    /// </summary>
    private void EmitTile(StreamPlan plan, Tile tile)
    {
        LayerPlan l = _layer;
        var v = new VectorSyntax(l.Element, tile.Lanes);
        int vectors = tile.Vectors;
        int streams = tile.Streams;
        string rowsText = tile.Vectors * tile.Lanes == 1 ? "one gate row" : $"{tile.Vectors * tile.Lanes} gate rows";
        string shared = streams == 1 ? string.Empty : $", each weight {(v.IsScalar ? string.Empty : "vector ")}loaded once for all of them";
        _w.Line($"/// <summary>z = b + Wx·x + Wh·h₋₁ of {rowsText} for {(streams == 1 ? "one stream" : $"{streams} streams")}{shared}.</summary>");
        _w.Line($"/// <param name=\"tileWeights\">The block's weights from the tile's first row: column k's rows are {l.RowsPerBlock} elements apart.</param>");
        _w.Line("/// <param name=\"hiddenPrevious\">The streams' h₋₁, one after another.</param>");
        _w.Line("/// <param name=\"x\">The streams' inputs, one after another.</param>");
        _w.Line($"/// <param name=\"tileGates\">Receives stream s's sums at s·{l.RowsPerBlock}.</param>");
        _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        _w.List($"private static void {TileName(plan, tile)}", new[] { $"ref {T} tileWeights", $"ref {T} hiddenPrevious", $"ref {T} x", $"ref {T} tileGates" }, string.Empty);
        using (_w.OpenBlock())
        using (_w.OpenBlock("unchecked"))
        {
            EmitTileBody(v, vectors, streams);
        }

        _w.Line();
    }

    private void EmitTileBody(VectorSyntax v, int vectors, int streams)
    {
        LayerPlan l = _layer;
        int rows = l.RowsPerBlock;
        bool odd = l.HasOddSums;
        _w.Line("// z = b: start from the bias, column 0.");
        for (int r = 0; r < vectors; r++)
        {
            _w.Line($"{v.Type} sum{r}_{0} = {v.Load("tileWeights", r * v.Lanes)};");
            for (int s = 1; s < streams; s++)
            {
                _w.Line($"{v.Type} sum{r}_{s} = sum{r}_0;");
            }
        }

        if (odd)
        {
            for (int r = 0; r < vectors; r++)
            {
                for (int s = 0; s < streams; s++)
                {
                    _w.Line($"{v.Type} odd{r}_{s} = {v.Zero};");
                }
            }
        }

        _w.Line();
        _w.Line("// z += Wx·x: each weight vector is multiplied into every stream's sums.");
        using (_w.OpenBlock($"for (int k = 0; k < {l.InputWidth}; k++)"))
        {
            _w.Line($"ref {T} column = ref Unsafe.Add(ref tileWeights, (1 + k) * {rows});");
            EmitColumn(v, vectors, streams, "sum", "x", l.InputWidth, "k");
        }

        _w.Line();
        int firstHidden = 1 + l.InputWidth;
        int pairs = l.StateWidth / 2;
        if (pairs > 0)
        {
            _w.Line(odd ? "// z += Wh·h₋₁: even and odd hidden columns go to separate sums, as in the single-stream kernels." : "// z += Wh·h₋₁.");
            using (_w.OpenBlock($"for (int k = 0; k < {2 * pairs}; k += 2)"))
            {
                _w.Line($"ref {T} column = ref Unsafe.Add(ref tileWeights, ({firstHidden} + k) * {rows});");
                EmitColumn(v, vectors, streams, "sum", "hiddenPrevious", l.StateWidth, "k");
                _w.Line($"column = ref Unsafe.Add(ref column, {rows});");
                EmitColumn(v, vectors, streams, odd ? "odd" : "sum", "hiddenPrevious", l.StateWidth, "k + 1");
            }
        }

        if (l.StateWidth % 2 == 1)
        {
            int k = l.StateWidth - 1;
            using (_w.OpenBlock())
            {
                _w.Line($"ref {T} column = ref Unsafe.Add(ref tileWeights, {(firstHidden + k) * rows});");
                EmitColumn(v, vectors, streams, "sum", "hiddenPrevious", l.StateWidth, Literals.Int(k));
            }
        }

        _w.Line();
        for (int s = 0; s < streams; s++)
        {
            for (int r = 0; r < vectors; r++)
            {
                string total = odd ? $"sum{r}_{s} + odd{r}_{s}" : $"sum{r}_{s}";
                string target = VectorSyntax.At("tileGates", (s * rows) + (r * v.Lanes));
                _w.Line(v.IsScalar ? $"{target} = {total};" : $"({total}).StoreUnsafe(ref {target});");
            }
        }
    }

    /// <summary>Multiplies one column's weight vectors into every stream's sums: stream s's element k of <paramref name="source"/>.</summary>
    private void EmitColumn(VectorSyntax v, int vectors, int streams, string set, string source, int stride, string k)
    {
        using SourceWriter.Block block = _w.OpenBlock();
        for (int r = 0; r < vectors; r++)
        {
            _w.Line($"{v.Type} weight{r} = {v.Load("column", r * v.Lanes)};");
        }

        for (int s = 0; s < streams; s++)
        {
            string index = s == 0 ? k : $"{s * stride} + {k}";
            _w.Line($"{v.Type} stream{s} = {v.Broadcast($"Unsafe.Add(ref {source}, {index})")};");
            for (int r = 0; r < vectors; r++)
            {
                _w.Line($"{set}{r}_{s} = {v.MultiplyAdd($"weight{r}", $"stream{s}", $"{set}{r}_{s}")};");
            }
        }
    }

    /// <summary>The activations of one stream's units of the block, in the equations' plain names: i, f, g, c, h.</summary>
    private void EmitActivations(StreamPlan plan)
    {
        LayerPlan l = _layer;
        int u = l.UnitBlock;
        var equations = new CellEquations(l, _w);
        IReadOnlyList<Segment> segments = plan.UnitSegments;
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
                var scalar = new VectorSyntax(l.Element, 1);
                using (_w.OpenBlock($"for (int unit = {segment.Offset}; unit < {segment.Offset + run}; unit++)"))
                {
                    equations.Gates(
                        scalar,
                        "Unsafe.Add(ref gates, unit)",
                        $"Unsafe.Add(ref gates, {u} + unit)",
                        $"Unsafe.Add(ref gates, {2 * u} + unit)",
                        $"Unsafe.Add(ref gates, {3 * u} + unit)");
                    equations.CellAndHidden(scalar, "Unsafe.Add(ref cell, unit)");
                    _w.Line("Unsafe.Add(ref cell, unit) = c;");
                    _w.Line("Unsafe.Add(ref hidden, unit) = h;");
                    if (_recorded)
                    {
                        _w.Line("Unsafe.Add(ref recordGates, unit) = i;");
                        _w.Line($"Unsafe.Add(ref recordGates, {u} + unit) = f;");
                        _w.Line($"Unsafe.Add(ref recordGates, {2 * u} + unit) = g;");
                        _w.Line($"Unsafe.Add(ref recordGates, {3 * u} + unit) = o;");
                        _w.Line("Unsafe.Add(ref recordTanh, unit) = tanhC;");
                    }
                }

                index += run;
                continue;
            }

            var syntax = new VectorSyntax(l.Element, segment.Lanes);
            int offset = segment.Offset;
            using (_w.OpenBlock())
            {
                _w.Line(segment.Lanes == 1 ? $"// Unit {offset}." : $"// Units {offset}:{offset + segment.Lanes}.");
                equations.Gates(
                    syntax,
                    syntax.Load("gates", offset),
                    syntax.Load("gates", u + offset),
                    syntax.Load("gates", (2 * u) + offset),
                    syntax.Load("gates", (3 * u) + offset));
                equations.CellAndHidden(syntax, syntax.Load("cell", offset));
                _w.Line(syntax.Store("c", "cell", offset));
                _w.Line(syntax.Store("h", "hidden", offset));
                if (_recorded)
                {
                    _w.Line("// Record the gates and tanh(c) for back-propagation.");
                    _w.Line(syntax.Store("i", "recordGates", offset));
                    _w.Line(syntax.Store("f", "recordGates", u + offset));
                    _w.Line(syntax.Store("g", "recordGates", (2 * u) + offset));
                    _w.Line(syntax.Store("o", "recordGates", (3 * u) + offset));
                    _w.Line(syntax.Store("tanhC", "recordTanh", offset));
                }
            }

            index++;
        }
    }

    /// <summary>A tile's shape: streams summed together, row vectors, and lanes per vector; sorted for a deterministic order.</summary>
    private readonly record struct Tile(int Streams, int Vectors, int Lanes) : System.IComparable<Tile>
    {
        public int CompareTo(Tile other) =>
            Streams != other.Streams ? other.Streams.CompareTo(Streams)
            : Vectors != other.Vectors ? other.Vectors.CompareTo(Vectors)
            : other.Lanes.CompareTo(Lanes);
    }
}
