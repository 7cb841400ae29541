using System.Collections.Generic;
using LstmGen.Generator.Model;
using LstmGen.Layouts;

namespace LstmGen.Generator.Planning;

/// <summary>
/// A dense layer of a model, <c>y = act(W·x + b)</c>, and how its kernel runs. With four or more outputs the weights are
/// stored column by column and each input is broadcast into vectors of outputs; with fewer, row by row, and each output is
/// a dot product taken as eight partial sums (see <see cref="PartialSums"/>). Every path adds in the same order, so all
/// paths give the same bits.
/// </summary>
internal sealed class DensePlan
{
    /// <summary>The partial sums of a dot product: one 256-bit float vector, or its equivalent in every other width.</summary>
    public const int PartialSums = 8;

    private static readonly int[] PathBits = { 512, 256, 128 };

    public DensePlan(ModelSpec spec, int inputWidth, int outputWidth, ActivationKind activation)
    {
        InputWidth = inputWidth;
        OutputWidth = outputWidth;
        Activation = activation;
        Element = ElementInfo.For(spec.Element);
        IsBaked = spec.IsBaked;
        IsTraining = spec.IsTraining;
        Adam = spec.Adam;
        Streams = spec.Streams;
        ExactActivations = spec.ExactActivations || spec.Element == ElementKind.Double;
        var paths = new List<int>();
        foreach (int bits in PathBits)
        {
            int lanes = Element.LanesOf(bits);
            if (IsColumnMajor ? lanes <= OutputWidth : lanes <= PartialSums && InputWidth >= PartialSums)
            {
                paths.Add(bits);
            }
        }

        VectorPaths = paths;
    }

    public int InputWidth { get; }

    public int OutputWidth { get; }

    public ActivationKind Activation { get; }

    public ElementInfo Element { get; }

    public bool IsBaked { get; }

    public bool IsTraining { get; }

    public bool Adam { get; }

    /// <summary>The model's streams: the layer keeps one output per stream and runs them one after another.</summary>
    public int Streams { get; }

    public bool IsStreamed => Streams > 1;

    /// <summary>Whether tanh and σ use the exact library functions (double models always do).</summary>
    public bool ExactActivations { get; }

    /// <summary>Whether the weights are stored column by column (see <see cref="DenseStorageOrder"/>).</summary>
    public bool IsColumnMajor => DenseStorageOrder.IsColumnMajor(OutputWidth);

    public int ParameterCount => OutputWidth * (InputWidth + 1);

    /// <summary>The vector widths in bits that get a kernel path, widest first; the scalar path is always there besides them.</summary>
    public IReadOnlyList<int> VectorPaths { get; }

    /// <summary>Elements in one 64-byte cache line.</summary>
    public int ElementsPerLine => 64 / Element.Size;

    public int AlignmentSlack => ElementsPerLine - 1;

    /// <summary>PyTorch's <c>nn.Linear</c> initialisation range, 1/√I.</summary>
    public double DefaultInitRange => 1.0 / System.Math.Sqrt(InputWidth);

    /// <summary>Bytes of the layer's own fields: parameters with alignment slack unless baked, the output (of every stream), gradients and Adam's moments when training, and the counters.</summary>
    public long StorageBytes
    {
        get
        {
            long elements = (long)Streams * OutputWidth;
            int counters = 0;
            if (!IsBaked)
            {
                elements += ParameterCount + AlignmentSlack;
                counters++;
            }

            if (IsTraining)
            {
                elements += ParameterCount;
            }

            if (Adam)
            {
                elements += 2L * ParameterCount;
                counters++;
            }

            return (elements * Element.Size) + (counters * sizeof(int));
        }
    }
}
