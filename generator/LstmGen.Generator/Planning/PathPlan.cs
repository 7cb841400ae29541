using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Generator.Planning;

/// <summary>How the step kernel for one vector width is laid out.</summary>
internal enum Arrangement
{
    /// <summary>
    /// Each gate's units are cut into equal vectors, so the accumulators of one tile line up gate by gate and the
    /// activations run straight from registers.
    /// </summary>
    GateAligned,

    /// <summary>
    /// The 4U gate rows of a block are cut into vectors regardless of gate boundaries; the sums go through a small gate
    /// buffer on the stack and the activations read them back by unit. Used for odd sizes and exact activations.
    /// </summary>
    Contiguous,
}

/// <summary>The plan of one kernel path: the widest vector it may use and how a block's rows and units are cut.</summary>
internal sealed class PathPlan
{
    public PathPlan(string name, int bits, Arrangement arrangement, IReadOnlyList<IReadOnlyList<Segment>> tiles, IReadOnlyList<Segment> unitSegments, bool unrolled, bool pipelined = false)
    {
        Pipelined = pipelined;
        Name = name;
        Bits = bits;
        Arrangement = arrangement;
        Tiles = tiles;
        UnitSegments = unitSegments;
        Unrolled = unrolled;
        TileStride = tiles.Count > 1 ? tiles[1][0].Offset - tiles[0][0].Offset : 0;
        Uniform = tiles.Count >= 2 && tiles.Select((tile, index) => tile.Count == tiles[0].Count
            && tile.All(segment => segment.Lanes == tiles[0][0].Lanes)
            && tile[0].Offset == index * TileStride).All(alike => alike);
    }

    /// <summary><c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or <c>Scalar</c>: the guard this path runs under.</summary>
    public string Name { get; }

    /// <summary>The widest vector this path may use, in bits; 0 for the scalar path.</summary>
    public int Bits { get; }

    public Arrangement Arrangement { get; }

    /// <summary>
    /// The tiles of one block. For <see cref="Arrangement.GateAligned"/> each segment is a run of units (offsets within
    /// the block) and covers that run in all four gates; for <see cref="Arrangement.Contiguous"/> each segment is a run of
    /// gate rows (offsets within the block's 4U rows).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Segment>> Tiles { get; }

    /// <summary>For <see cref="Arrangement.Contiguous"/>: how the activations walk the block's units.</summary>
    public IReadOnlyList<Segment> UnitSegments { get; }

    /// <summary>Whether the column loops are written out in full (otherwise they are constant-trip loops).</summary>
    public bool Unrolled { get; }

    /// <summary>
    /// Whether the tiles are written out one after another, each block summing the next tile before it runs the previous
    /// tile's activations. The two are independent, so the core overlaps them; in a tile loop the activations of one tile
    /// hold the out-of-order window until they finish, and the tiles of a step run one after another.
    /// </summary>
    public bool Pipelined { get; }

    /// <summary>
    /// Whether the tiles are alike (same vectors, evenly spaced), so one tile body serves them all: in a loop over tiles, or
    /// written out one after another when <see cref="Pipelined"/>. Otherwise each tile is written out with its own offsets.
    /// </summary>
    public bool Uniform { get; }

    /// <summary>The distance between two tiles' first units (gate-aligned) or rows (contiguous); 0 for one tile.</summary>
    public int TileStride { get; }

    /// <summary>
    /// Whether the column multiply-adds call <c>Fma.MultiplyAdd</c> themselves: a pipelined path writes out hundreds of them,
    /// and as calls to <c>LstmSimd.MultiplyAdd</c> they would exhaust the JIT's inlining budget and stay calls. Its guard
    /// therefore also asks for FMA.
    /// </summary>
    public bool DirectFma => Pipelined;

    /// <summary>Everything that shapes the emitted code except the name, so equal plans can share one path.</summary>
    public string Signature =>
        $"{Arrangement}|{Unrolled}|{Pipelined}|" +
        string.Join(";", Tiles.Select(t => string.Join(",", t.Select(s => $"{s.Offset}:{s.Lanes}")))) + "|" +
        string.Join(",", UnitSegments.Select(s => $"{s.Offset}:{s.Lanes}"));
}
