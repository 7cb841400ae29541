using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Model;
using LstmGen;

namespace LstmGen.Generator.Planning;

/// <summary>
/// Chooses the storage block, the arrangement and the tiling of every kernel path for a layer. The choices only shape
/// speed: every path sums each gate row in the same order (bias, inputs and even hidden columns in one sum, odd hidden
/// columns in another, then the two added), so all paths of a layer return the same bits on one machine.
/// </summary>
internal static class KernelPlanner
{
    /// <summary>Layers whose weights fit in this many bytes keep one block (column axpy); L1 is 32 KiB on current cores.</summary>
    public const int L1Budget = 32 * 1024;

    /// <summary>Column loops are written out in full up to this many multiply-add statements per emitted tile body.</summary>
    public const int UnrollBudget = 192;

    /// <summary>Pipelined paths write every tile out; beyond this many tiles the tile loop is kept.</summary>
    public const int MaxPipelinedTiles = 8;

    /// <summary>The vector widths, widest first; the scalar path is planned apart.</summary>
    private static readonly int[] PathBits = { 512, 256, 128 };

    /// <summary>Plans a layer.</summary>
    /// <param name="spec">The layer.</param>
    /// <param name="modelPart">Whether the layer is one of a model's, which the model steps one time step at a time.</param>
    public static LayerPlan Plan(LayerSpec spec, bool modelPart = false)
    {
        ElementInfo element = ElementInfo.For(spec.Element);
        (LstmKernel kernel, int unitBlock) = ChooseBlock(spec, element);
        var draft = new LayerPlan(spec, kernel, unitBlock, Array.Empty<PathPlan>());

        // Plan from the widest path down, then drop a path that would emit the same code as the next narrower kept one:
        // its guard is implied by the wider hardware, so the narrower path serves both. The scalar path is written apart, as
        // plain loops over the units.
        var planned = new List<PathPlan>();
        foreach (int bits in PathBits)
        {
            planned.Add(PlanPath(draft, bits));
        }

        var kept = new List<PathPlan>();
        for (int i = planned.Count - 1; i >= 0; i--)
        {
            if (kept.Count == 0 || kept[0].Signature != planned[i].Signature)
            {
                kept.Insert(0, planned[i]);
            }
        }

        return new LayerPlan(spec, kernel, unitBlock, kept, modelPart);
    }

    private static (LstmKernel Kernel, int UnitBlock) ChooseBlock(LayerSpec spec, ElementInfo element)
    {
        int h = spec.StateWidth;
        long weightBytes = 4L * h * (1 + spec.InputWidth + h) * element.Size;
        LstmKernel wanted = spec.Kernel switch
        {
            LstmKernel.Auto => weightBytes <= L1Budget || h % 4 != 0 ? LstmKernel.ColumnAxpy : LstmKernel.RowBlocked,
            _ => spec.Kernel,
        };
        if (wanted == LstmKernel.ColumnAxpy)
        {
            return (LstmKernel.ColumnAxpy, h);
        }

        // One cache line per gate and block column: 16 floats or 8 doubles, else the largest smaller block that divides H.
        int preferred = 64 / element.Size;
        for (int block = preferred; block >= 4; block /= 2)
        {
            if (h % block == 0 && block < h)
            {
                return (LstmKernel.RowBlocked, block);
            }
        }

        return (LstmKernel.ColumnAxpy, h);
    }

    private static PathPlan PlanPath(LayerPlan layer, int bits)
    {
        ElementInfo element = layer.Element;
        int maxLanes = element.LanesOf(bits);
        int minVectorLanes = element.LanesOf(128);
        int registerBudget = bits switch { 512 => 24, 256 => 12, _ => 16 };
        int sets = layer.AccumulatorSets;
        int units = layer.UnitBlock;
        string name = $"Vector{bits}";

        bool aligned = !layer.ExactActivations && units % minVectorLanes == 0;
        if (aligned && (units % maxLanes != 0 || (sets == 1 && FewerTilesWhenMixed(units, maxLanes, registerBudget, sets))) && units > maxLanes)
        {
            return MixedPath(layer, bits, name, Cut(units, maxLanes, minVectorLanes), registerBudget, sets);
        }


        if (aligned)
        {
            int lanes = maxLanes;
            while (lanes > 1 && units % lanes != 0)
            {
                lanes /= 2;
            }

            int tileUnits = lanes;
            for (int candidate = units; candidate > lanes; candidate -= lanes)
            {
                if (units % candidate == 0 && 4 * (candidate / lanes) * sets <= registerBudget)
                {
                    tileUnits = candidate;
                    break;
                }
            }

            var tiles = new List<IReadOnlyList<Segment>>();
            for (int start = 0; start < units; start += tileUnits)
            {
                var tile = new List<Segment>();
                for (int offset = start; offset < start + tileUnits; offset += lanes)
                {
                    tile.Add(new Segment(offset, lanes));
                }

                tiles.Add(tile);
            }

            // Tiles are alike and emitted once, inside a loop over tiles, or one after another when pipelined: the tile body
            // is what gets unrolled. Pipelining writes every tile out, so it stops at a few tiles of vectors.
            int statements = layer.Columns * 4 * (tileUnits / lanes);
            // Only the 256-bit path is pipelined: it calls Fma directly (see StepKernelEmitter), so its guard also asks for FMA.
            bool pipelined = layer.Pipelined && bits == 256 && tiles.Count >= 4 && tiles.Count <= MaxPipelinedTiles;
            return new PathPlan(name, bits, Arrangement.GateAligned, tiles, Array.Empty<Segment>(), Unrolled(layer, statements), pipelined);
        }

        List<Segment> rows = Cut(layer.RowsPerBlock, maxLanes, minVectorLanes);
        int perTile = Math.Max(1, registerBudget / sets);
        var rowTiles = new List<IReadOnlyList<Segment>>();
        for (int i = 0; i < rows.Count; i += perTile)
        {
            rowTiles.Add(rows.GetRange(i, Math.Min(perTile, rows.Count - i)));
        }

        List<Segment> unitSegments = layer.ExactActivations ? Cut(units, 1, minVectorLanes) : Cut(units, maxLanes, minVectorLanes);
        return new PathPlan(name, bits, Arrangement.Contiguous, rowTiles, unitSegments, Unrolled(layer, layer.Columns * rows.Count));
    }

    /// <summary>
    /// A gate-aligned path for a block whose units do not fill whole vectors of the path's width (H = 20 or 40 on 256-bit
    /// vectors): full-width vectors first, then narrower ones for the rest (8 + 8 + 4), where a single width would drop to
    /// the width that divides the units (five 4-wide tiles at H = 20). Consecutive vectors share a tile while the tile's
    /// sums fit the register budget. At 1×20 and 2×20 this took a step from 178 to 102 ns under the JIT (256-bit tiles of
    /// 8, 8 and 4 units, or one 512-bit tile of 16 and 4, measured alike), where the C++ yardstick takes 140.
    /// </summary>
    private static PathPlan MixedPath(LayerPlan layer, int bits, string name, List<Segment> segments, int registerBudget, int sets)
    {
        var tiles = new List<IReadOnlyList<Segment>>();
        var tile = new List<Segment>();
        foreach (Segment segment in segments)
        {
            if (tile.Count > 0 && 4 * (tile.Count + 1) * sets > registerBudget)
            {
                tiles.Add(tile);
                tile = new List<Segment>();
            }

            tile.Add(segment);
        }

        tiles.Add(tile);
        int statements = layer.Columns * 4 * tiles.Max(t => t.Count);
        return new PathPlan(name, bits, Arrangement.GateAligned, tiles, Array.Empty<Segment>(), Unrolled(layer, statements));
    }

    /// <summary>
    /// Whether grouping full-width vectors freely into tiles gives fewer tiles than the largest tile that divides the units
    /// evenly: with one accumulator set, H = 40 on 256-bit vectors makes tiles of 24 and 16 units instead of five of 8.
    /// (Layers with two sets keep their even tiles, which the pipelined paths and the 128-bit Arm paths were measured with.)
    /// </summary>
    private static bool FewerTilesWhenMixed(int units, int lanes, int registerBudget, int sets)
    {
        int perTile = Math.Max(1, registerBudget / (4 * sets));
        int vectors = units / lanes;
        int mixedTiles = (vectors + perTile - 1) / perTile;
        int evenTiles = vectors;
        for (int candidate = perTile; candidate >= 1; candidate--)
        {
            if (vectors % candidate == 0)
            {
                evenTiles = vectors / candidate;
                break;
            }
        }

        return mixedTiles < evenTiles;
    }

    private static bool Unrolled(LayerPlan layer, int statements) => statements <= UnrollBudget;

    /// <summary>Cuts <paramref name="count"/> elements into vectors, widest first, down to the narrowest vector, then scalars.</summary>
    internal static List<Segment> Cut(int count, int maxLanes, int minVectorLanes)
    {
        var segments = new List<Segment>();
        int offset = 0;
        for (int lanes = maxLanes; lanes >= 1; lanes = lanes > minVectorLanes ? lanes / 2 : (lanes == 1 ? 0 : 1))
        {
            while (count - offset >= lanes)
            {
                segments.Add(new Segment(offset, lanes));
                offset += lanes;
            }

            if (lanes == 1)
            {
                break;
            }
        }

        return segments;
    }
}
