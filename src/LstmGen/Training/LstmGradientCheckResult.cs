using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace LstmGen.Training;

/// <summary>
/// The outcome of <see cref="LstmGradientCheck.Run{TLayer}"/> or <see cref="ModelGradientCheck.Run{TModel}"/>: one entry per
/// parameter block and per input.
/// </summary>
public sealed class LstmGradientCheckResult
{
    internal LstmGradientCheckResult(IReadOnlyList<LstmGradientCheckBlock> blocks) => Blocks = blocks;

    /// <summary>
    /// Gets the blocks: for a layer, the twelve parameter blocks (Wx, Wh and b of gates i, f, g, o), then x, h0 and c0; for a
    /// model, each layer's blocks named by layer (<c>Lstm0.Wxi</c> … <c>Lstm0.bo</c>, <c>Dense1.W</c>, <c>Dense1.b</c>), then x.
    /// </summary>
    public IReadOnlyList<LstmGradientCheckBlock> Blocks { get; }

    /// <summary>Gets the worst relative error over every checked element.</summary>
    public double WorstRelativeError => Blocks.Max(b => b.WorstRelativeError);

    /// <summary>
    /// Returns whether every block's worst relative error is at most <paramref name="tolerance"/> and every block compared
    /// something: a block whose gradients are all zero (<see cref="LstmGradientCheckBlock.ComparedNothing"/>; at all-zero
    /// parameters, for instance, most gradients vanish) does not pass, since zeros on both sides prove nothing.
    /// </summary>
    /// <param name="tolerance">The largest acceptable relative error, for example 1e-6.</param>
    public bool Passed(double tolerance) => Blocks.All(b => !b.ComparedNothing && b.WorstRelativeError <= tolerance);

    /// <summary>Returns a table of the blocks, one per line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (LstmGradientCheckBlock block in Blocks)
        {
            text.AppendLine(block.ToString());
        }

        return text.ToString();
    }
}

/// <summary>The check's result for one block.</summary>
/// <param name="Name">The block: <c>Wxi</c> … <c>bo</c> (in a model, prefixed by the layer: <c>Lstm0.Wxi</c>, <c>Dense1.W</c>), or <c>x</c>, <c>h0</c>, <c>c0</c>.</param>
/// <param name="Block">The LSTM parameter block, or null for a dense layer's block or an input.</param>
/// <param name="Gate">The gate, or null for a dense layer's block or an input.</param>
/// <param name="Checked">How many elements were checked.</param>
/// <param name="WorstRelativeError">The largest <c>|a − n| / max(|a| + |n|, 1e-8)</c>.</param>
/// <param name="WorstAbsoluteError">The largest <c>|a − n|</c>.</param>
/// <param name="LargestGradient">The largest analytic gradient magnitude, for scale.</param>
public sealed record LstmGradientCheckBlock(
    string Name,
    LstmBlock? Block,
    LstmGate? Gate,
    int Checked,
    double WorstRelativeError,
    double WorstAbsoluteError,
    double LargestGradient)
{
    /// <summary>
    /// Gets whether the block checked no element or only zero gradients: the analytic gradients are all zero, and the
    /// numeric ones too where the relative error is 0. Such a block proves nothing about <c>Backward</c>; check at parameters
    /// drawn by <c>InitializeParameters</c> or trained ones, not at zeros.
    /// </summary>
    public bool ComparedNothing => Checked == 0 || (LargestGradient == 0 && WorstAbsoluteError == 0);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name,-4} {Checked,6} checked, worst relative {WorstRelativeError:E2}, worst absolute {WorstAbsoluteError:E2}, largest |grad| {LargestGradient:E2}{(ComparedNothing ? " (all zero: compared nothing)" : string.Empty)}");
}
