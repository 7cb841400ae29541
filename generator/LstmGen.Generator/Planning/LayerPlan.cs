using System.Collections.Generic;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Planning;

/// <summary>
/// A layer's sizes and the emission decisions derived from them. Built from a <see cref="LayerSpec"/> at emission time,
/// so it need not be equatable.
/// </summary>
internal sealed class LayerPlan
{
    public LayerPlan(LayerSpec spec, KernelChoice kernel, int unitBlock, IReadOnlyList<PathPlan> paths)
    {
        Spec = spec;
        Element = ElementInfo.For(spec.Element);
        Kernel = kernel;
        UnitBlock = unitBlock;
        Paths = paths;
    }

    public LayerSpec Spec { get; }

    public ElementInfo Element { get; }

    /// <summary>The kernel actually emitted: <see cref="KernelChoice.ColumnAxpy"/> or <see cref="KernelChoice.RowBlocked"/>.</summary>
    public KernelChoice Kernel { get; }

    /// <summary>Hidden units per storage block, U.</summary>
    public int UnitBlock { get; }

    /// <summary>The kernel paths, widest first; the last is always the scalar fallback.</summary>
    public IReadOnlyList<PathPlan> Paths { get; }

    public int InputWidth => Spec.InputWidth;

    public int StateWidth => Spec.StateWidth;

    public int GateRows => 4 * StateWidth;

    public int BlockCount => StateWidth / UnitBlock;

    /// <summary>Columns of the augmented matrix [b | Wx | Wh]: C = 1 + I + H.</summary>
    public int Columns => 1 + InputWidth + StateWidth;

    /// <summary>Gate rows per block, 4U: also the distance between two columns inside a block.</summary>
    public int RowsPerBlock => 4 * UnitBlock;

    /// <summary>Elements per block, C·4U.</summary>
    public int BlockStride => Columns * RowsPerBlock;

    public int ParameterCount => GateRows * Columns;

    /// <summary>Whether activations use the exact library functions (double layers always do).</summary>
    public bool ExactActivations => Spec.ExactActivations || Spec.Element == ElementKind.Double;

    /// <summary>Number of accumulator sets: bias and inputs, even hidden columns, and (with H ≥ 2) odd hidden columns.</summary>
    public int AccumulatorSets => StateWidth >= 2 ? 3 : 2;

    public bool IsBaked => Spec.Weights is not null;

    public bool IsTraining => Spec.IsTraining;

    /// <summary>Elements the tape keeps per step: x (I), h₋₁ (H), c₋₁ (H), the four gates (4H) and tanh(c) (H).</summary>
    public int TapeStepStride => InputWidth + (7 * StateWidth);

    public int TapeHiddenOffset => InputWidth;

    public int TapeCellOffset => InputWidth + StateWidth;

    public int TapeGatesOffset => InputWidth + (2 * StateWidth);

    public int TapeTanhOffset => InputWidth + (6 * StateWidth);

    /// <summary>Bytes of the layer's own buffers.</summary>
    public long StorageBytes
    {
        get
        {
            long elements = 2L * StateWidth;
            if (!IsBaked)
            {
                elements += ParameterCount;
            }

            if (IsTraining)
            {
                elements += ParameterCount + ((long)Spec.MaxSteps * TapeStepStride);
            }

            if (Spec.Adam)
            {
                elements += 2L * ParameterCount;
            }

            long bytes = elements * Element.Size;
            if (IsTraining)
            {
                bytes += sizeof(int);
            }

            if (Spec.Adam)
            {
                bytes += sizeof(int);
            }

            return bytes;
        }
    }

    public string KernelDescription => Kernel == KernelChoice.RowBlocked
        ? $"row-blocked: {BlockCount} blocks of {UnitBlock} hidden units, each streaming its weights once and running its activations at once"
        : "column axpy: every input and hidden element is broadcast and multiplied into all 4H gate rows";
}
