using System.Collections.Generic;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Planning;

/// <summary>
/// A layer's sizes and every decision the emitters follow: storage blocks, kernel paths, accumulator sets, pipelining,
/// the tape and the kernels' calling convention. Built from a <see cref="LayerSpec"/> at emission time, so it need not be
/// equatable; the emitters only write what it says.
/// </summary>
internal sealed class LayerPlan
{
    public LayerPlan(LayerSpec spec, LstmKernel kernel, int unitBlock, IReadOnlyList<PathPlan> paths, bool modelPart = false)
    {
        IsModelPart = modelPart;
        Spec = spec;
        Element = ElementInfo.For(spec.Element);
        Kernel = kernel;
        UnitBlock = unitBlock;
        Paths = paths;
        Tape = new TapeLayout(spec.InputWidth, spec.StateWidth);
    }

    public LayerSpec Spec { get; }

    /// <summary>Whether the layer is one of a model's: the model steps all its layers one time step at a time.</summary>
    public bool IsModelPart { get; }

    public ElementInfo Element { get; }

    /// <summary>The kernel actually emitted: <see cref="LstmKernel.ColumnAxpy"/> or <see cref="LstmKernel.RowBlocked"/>.</summary>
    public LstmKernel Kernel { get; }

    /// <summary>Hidden units per storage block, U.</summary>
    public int UnitBlock { get; }

    /// <summary>The vector kernel paths, widest first; the scalar path is always there besides them.</summary>
    public IReadOnlyList<PathPlan> Paths { get; }

    public TapeLayout Tape { get; }

    public int InputWidth => Spec.InputWidth;

    public int StateWidth => Spec.StateWidth;

    /// <summary>4H.</summary>
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

    /// <summary>
    /// Whether h = σ(o)·tanh(c) is taken as tanh(c) / (1 + e⁻ᵒ) with one division (<c>LstmMath.TanhDividedBy</c>) instead of
    /// two: 3–7 ns less per step from 1×16 to 8×32 on the CI machine. Training layers also record σ(o) and tanh(c) for
    /// back-propagation but take h from the same quotient, so their forward pass gives an inference layer's bits. (i∘g
    /// written the same way measured no faster, so it stays a product.)
    /// </summary>
    public bool HiddenQuotient => !ExactActivations;

    /// <summary>
    /// How many sums each gate row vector is split into while the columns are added up: 2 (bias, inputs and even hidden
    /// columns; odd hidden columns) or 1. Small layers are latency-bound, so the hidden columns, which wait on the previous
    /// step's h, are split in two. A third set for the inputs measured 5–6% slower (4×16, 8×16, 16×16, 8×24): with 16 vector
    /// registers, its four more sums made the JIT spill the activations. Large, row-blocked layers are bound by memory
    /// bandwidth: one sum per vector leaves registers for tiles as wide as a cache line. Every path of a layer uses the same
    /// split, so all paths round alike.
    /// </summary>
    public int AccumulatorSets => StateWidth < 2 || Kernel == LstmKernel.RowBlocked || StateWidth >= SingleSetWidth ? 1 : 2;

    /// <summary>
    /// From this width on, column-axpy layers keep one sum per vector: a tile then holds 12 or more independent sums, whose
    /// chains the multiply-adds' throughput, not their latency, bounds. At 1×40 one set measured 7% faster (213 against
    /// 230 ns per step under the JIT, best of five rounds; 213 against 227 with AVX-512 turned off). At 1×32 it measured
    /// slower (161–180 against 143), so 32-unit layers keep two.
    /// </summary>
    public const int SingleSetWidth = 40;

    /// <summary>Whether odd hidden columns get sums of their own.</summary>
    public bool HasOddSums => AccumulatorSets == 2;

    /// <summary>
    /// Whether gate-aligned paths with four or more tiles sum each tile while the previous tile's activations run (see
    /// <see cref="PathPlan.Pipelined"/>): float column-axpy layers whose H is 4 to 8 tiles of 8 units and that keep two
    /// sums per vector, which leaves H = 32 (from 40 on, one set's larger tiles measured faster; see
    /// <see cref="SingleSetWidth"/>). With fewer tiles the plain tile loop measured as fast or faster.
    /// </summary>
    public bool Pipelined => Kernel == LstmKernel.ColumnAxpy && !ExactActivations && StateWidth % 8 == 0 && AccumulatorSets == 2
        && StateWidth / 8 >= 4 && StateWidth / 8 <= KernelPlanner.MaxPipelinedTiles;

    public bool IsBaked => Spec.IsBaked;

    /// <summary>The number of streams N the layer steps together; 1 for a single-sequence layer.</summary>
    public int Streams => Spec.Streams;

    /// <summary>
    /// Whether the layer steps N ≥ 2 streams together. Its kernels are the stream kernels (<see cref="StreamPaths"/>), which sum a
    /// group of streams per weight load; it keeps h and c once per stream, H apart, and writes the new h to the caller's span
    /// first, so that no stream's h₋₁ changes while a later block still reads it.
    /// </summary>
    public bool IsStreamed => Spec.IsStreamed;

    /// <summary>The stream kernels' plans, one per kept vector path (widest first), then the scalar path.</summary>
    public IReadOnlyList<StreamPlan> StreamPaths
    {
        get
        {
            var plans = new List<StreamPlan>();
            foreach (PathPlan path in Paths)
            {
                plans.Add(StreamPlan.For(this, path.Name, path.Bits));
            }

            plans.Add(StreamPlan.For(this, "Scalar", 0));
            return plans;
        }
    }

    public bool IsTraining => Spec.IsTraining;

    /// <summary>Elements in one 64-byte cache line: 16 floats or 8 doubles.</summary>
    public int ElementsPerLine => 64 / Element.Size;

    /// <summary>Spare elements in the parameter and state buffers, so that their contents can start on a 64-byte boundary (LstmAlignment).</summary>
    public int AlignmentSlack => ElementsPerLine - 1;

    /// <summary>
    /// Elements from one state vector to the next (h₋₁, h, c): H rounded up to whole 64-byte lines, so that once the state is
    /// aligned no vector load or store of it straddles two cache lines, or two pages. Where a vector of h straddled two pages,
    /// a 1×16 step measured 93 ns instead of 83, under NativeAOT and the JIT alike, depending only on where the heap put the layer.
    /// </summary>
    public int StateSlot => (StateWidth + ElementsPerLine - 1) / ElementsPerLine * ElementsPerLine;

    /// <summary>
    /// A step kernel's parameters, in order: the weights, h₋₁, the new h, c (read and written), x, and the tape record when
    /// training; for a kernel that starts from the projection (<see cref="ProjectionSteps"/>), <c>projection</c> (b + Wx·x,
    /// in block-row order) in place of x.
    /// </summary>
    public IReadOnlyList<string> KernelParameters(bool projected)
    {
        string input = projected ? "projection" : "x";
        return IsTraining
            ? new[] { "weights", "hiddenPrevious", "hidden", "cell", input, "record" }
            : new[] { "weights", "hiddenPrevious", "hidden", "cell", input };
    }

    /// <summary>
    /// How many steps <c>Forward</c> projects at once, or 0 where it runs the plain step kernel step by step. Wx·x does not
    /// depend on the previous step, so <c>Forward</c> can sum z = b + Wx·x for a run of steps first, loading each Wx vector
    /// once for several steps (<c>Project…</c> kernels), then run steps that add only Wh·h₋₁ (<c>StepProjected…</c>). The sums
    /// keep the step kernels' order (bias, then the inputs in column order, then h₋₁), so <c>Forward</c> keeps
    /// <c>Step</c>'s bits. Worth it where the weights stream from L2 on every step: row-blocked layers, where Wx is a
    /// fraction I / (1 + I + H) of that stream. The run's projections live in a stack buffer of at most
    /// <see cref="ProjectionBufferBytes"/>. The projection kernels cut a block's rows into whole vectors, so blocks must be whole
    /// cache lines, as row-blocked layers' are. Training layers record every step for back-propagation and a model steps its
    /// layers one time step at a time, so neither projects. Measured with 256-step sequences on the CI machine (AVX-512),
    /// Forward over Step calls: 0.88 at 16×64 and 0.83 at 64×128 under the JIT (512-bit), steady for any depth of the
    /// caller's stack (0.75–0.93 and 0.82–0.86 over eight depths); with 256-bit vectors the projection moves multiply-adds
    /// rather than saving loads (0.95–0.97 and 0.91–0.97 under the JIT, 1.06 and 1.00 under NativeAOT x86-64-v3). Keeping
    /// the step-by-step loop on 256-bit hardware behind a Vector512 test inside Forward measured 2× slower on the 512-bit
    /// path (cause not found), so every path projects.
    /// </summary>
    public int ProjectionSteps
    {
        get
        {
            if (IsTraining || IsModelPart || IsStreamed || Kernel != LstmKernel.RowBlocked || InputWidth < MinProjectedInputs || RowsPerBlock % ElementsPerLine != 0)
            {
                return 0;
            }

            // Whole groups, so that only a sequence's last run has a tail.
            int fit = ProjectionBufferBytes / (GateRows * Element.Size);
            int steps = fit / ProjectionGroup * ProjectionGroup;
            return steps > MaxProjectionSteps ? MaxProjectionSteps : steps;
        }
    }

    /// <summary>
    /// Steps the projection kernels sum together, each Wx vector loaded once for all of them: 8, or as many as fit in the
    /// buffer for layers so large that 8 steps do not (from H = 129 floats), but at least 2.
    /// </summary>
    public int ProjectionGroup
    {
        get
        {
            int fit = ProjectionBufferBytes / (GateRows * Element.Size);
            return fit >= MaxProjectionGroup ? MaxProjectionGroup : fit >= 2 ? fit : 2;
        }
    }

    /// <summary>
    /// The most steps the projection kernels sum together. Eight measured faster than four at 16×64 and 64×128 (0.87 against
    /// 0.89–0.94 and 0.84 against 0.83–0.91 of the step-by-step time, noisy); more would not leave registers for the sums
    /// on 256-bit hardware.
    /// </summary>
    public const int MaxProjectionGroup = 8;

    /// <summary>The most steps one projection run covers.</summary>
    public const int MaxProjectionSteps = 16;

    /// <summary>Fewer inputs than this leave too little of the weight stream to save.</summary>
    public const int MinProjectedInputs = 4;

    /// <summary>The largest stack buffer <c>Forward</c> takes for projections.</summary>
    public const int ProjectionBufferBytes = 16 * 1024;

    /// <summary>
    /// Bytes of the layer's own fields: h twice (the kernels read one copy and write the other, so no step waits on a copy)
    /// and c, each in a slot of <see cref="StateSlot"/> elements, with alignment slack (a streamed layer: h and c of every
    /// stream, H apart, and inside a model their new h); the parameters and their alignment
    /// slack unless baked; for training layers the gradients and the tape; Adam's two moments; and the int counters (where the
    /// state and the parameters start, which copy of h is current, recorded steps, Adam steps). A struct may add padding.
    /// </summary>
    public long StorageBytes
    {
        get
        {
            // A streamed layer inside a model also keeps the new h of every stream, where the next layer reads it.
            long elements = (IsStreamed ? (IsModelPart ? 3L : 2L) * Streams * StateWidth : 3L * StateSlot) + AlignmentSlack;
            int counters = (IsStreamed ? 1 : 2) + (IsTraining ? 1 : 0) + (Spec.Adam ? 1 : 0);
            if (!IsBaked)
            {
                elements += ParameterCount + AlignmentSlack;
                counters++;
            }

            if (IsTraining)
            {
                elements += ParameterCount + ((long)Spec.MaxSteps * Streams * Tape.Stride);
            }

            if (Spec.Adam)
            {
                elements += 2L * ParameterCount;
            }

            return (elements * Element.Size) + (counters * sizeof(int));
        }
    }

    public string KernelDescription => Kernel == LstmKernel.RowBlocked
        ? $"row-blocked: {BlockCount} blocks of {UnitBlock} hidden units, each streaming its weights once and running its activations at once"
        : "column axpy: every input and hidden element is broadcast and multiplied into all 4H gate rows";
}
