using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Generator.Planning;

/// <summary>
/// How one kernel path steps a group of streams together (<see cref="LayerPlan.IsStreamed"/>): a block's gate rows are cut
/// into vectors, and a tile of <see cref="TileVectors"/> row vectors is summed for every stream of the group at once, so
/// each weight vector is loaded once per group and each broadcast input serves the tile. The sums go to a gate buffer, one
/// block of rows per stream, and the activations read them back unit by unit.
/// </summary>
internal sealed class StreamPlan
{
    private StreamPlan(string name, int bits, int lanes, IReadOnlyList<Segment> rows, IReadOnlyList<Segment> units, int budget, int sets, int group)
    {
        Name = name;
        Bits = bits;
        Lanes = lanes;
        RowSegments = rows;
        UnitSegments = units;
        Budget = budget;
        Sets = sets;
        Group = group;
        var sizes = new List<int> { group };
        for (int size = HighestPowerOfTwoBelow(group); size >= 1; size /= 2)
        {
            sizes.Add(size);
        }

        GroupSizes = sizes;
    }

    /// <summary><c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or <c>Scalar</c>.</summary>
    public string Name { get; }

    /// <summary>The widest vector, in bits; 0 for the scalar path.</summary>
    public int Bits { get; }

    /// <summary>Elements in the widest vector (1 for the scalar path).</summary>
    public int Lanes { get; }

    /// <summary>A block's gate rows cut into vectors, widest first, then narrower ones and scalars for the rest.</summary>
    public IReadOnlyList<Segment> RowSegments { get; }

    /// <summary>How the activations walk a block's units.</summary>
    public IReadOnlyList<Segment> UnitSegments { get; }

    /// <summary>Sums the registers may hold: 24 with 512-bit vectors (32 registers), 12 with 256-bit (16), as the step kernels.</summary>
    public int Budget { get; }

    /// <summary>Sums per gate row: 2 where the layer splits off the odd hidden columns (<see cref="LayerPlan.AccumulatorSets"/>).</summary>
    public int Sets { get; }

    /// <summary>Streams summed together: the group whose every stream shares each weight load.</summary>
    public int Group { get; }

    /// <summary>
    /// Whether this path steps the streams one after another with the layer's single-stream kernel instead of in groups:
    /// column-axpy layers (weights in L1) below 512-bit vectors. There a group shares weight loads that the single-stream
    /// kernel folds into its multiply-adds anyway, and pays a broadcast per stream and the gate buffer's round trip: in one
    /// sitting (best of three rounds, N = 8, per stream against a single-stream step) the groups took 1.05× at 1×16,
    /// 1.06× at 4×16 and 1.19× at 8×32 under NativeAOT x86-64-v3, and 1.10× and 1.41× for stereo at 1×16 and 1×40, where
    /// with 512-bit vectors they took 0.74×, 0.78×, 0.91×, 0.94× and 0.94×, and row-blocked layers gained on both
    /// (0.56–0.67×). The single-stream kernel keeps the bits, since every path sums alike.
    /// </summary>
    public bool LoopsSingleStream { get; private set; }

    /// <summary>
    /// The group sizes the kernel has bodies for: <see cref="Group"/>, then the powers of two below it, so that any count of
    /// streams is whole groups and at most one group of each smaller size.
    /// </summary>
    public IReadOnlyList<int> GroupSizes { get; }

    /// <summary>Row vectors in a tile for a group of <paramref name="streams"/>: as many as leave every sum a register.</summary>
    public int TileVectors(int streams) => Clamp(Budget / (Sets * streams), 1, FullVectors);

    /// <summary>Full-width row vectors in a block.</summary>
    private int FullVectors => System.Math.Max(1, RowSegments.Count(s => s.Lanes == Lanes));

    /// <summary>
    /// Plans a path. The group is the number of streams n (at most the layer's, and at most one sum per register with one
    /// row vector) that needs the fewest loads per multiply-add: a tile of R row vectors for n streams loads R weight
    /// vectors and n broadcasts for R·n multiply-adds, so (R + n) / (R·n); on a tie the larger group, which reads the
    /// weights fewer times per step.
    /// </summary>
    public static StreamPlan For(LayerPlan layer, string name, int bits)
    {
        ElementInfo element = layer.Element;
        int lanes = bits == 0 ? 1 : element.LanesOf(bits);
        int minVectorLanes = element.LanesOf(128);
        int budget = bits switch { 512 => 24, 256 => 12, 128 => 16, _ => 12 };
        int sets = layer.AccumulatorSets;
        List<Segment> rows = bits == 0 ? KernelPlanner.Cut(layer.RowsPerBlock, 1, minVectorLanes) : KernelPlanner.Cut(layer.RowsPerBlock, lanes, minVectorLanes);
        List<Segment> units = bits == 0 || layer.ExactActivations ? KernelPlanner.Cut(layer.UnitBlock, 1, minVectorLanes) : KernelPlanner.Cut(layer.UnitBlock, lanes, minVectorLanes);
        var draft = new StreamPlan(name, bits, lanes, rows, units, budget, sets, 1);
        int best = 1;
        double bestLoads = double.MaxValue;
        int most = System.Math.Min(layer.Streams, System.Math.Max(1, budget / sets));
        if (bits != 512 && layer.Kernel != LstmKernel.RowBlocked)
        {
            return new StreamPlan(name, bits, lanes, rows, units, budget, sets, 1) { LoopsSingleStream = true };
        }

        for (int n = 1; n <= most; n++)
        {
            int r = draft.TileVectors(n);
            double loads = (double)(r + n) / (r * n);
            if (loads <= bestLoads + 1e-9)
            {
                best = n;
                bestLoads = loads;
            }
        }

        return new StreamPlan(name, bits, lanes, rows, units, budget, sets, best);
    }

    private static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

    private static int HighestPowerOfTwoBelow(int value)
    {
        int power = 1;
        while (power * 2 < value)
        {
            power *= 2;
        }

        return power < value ? power : 0;
    }
}
