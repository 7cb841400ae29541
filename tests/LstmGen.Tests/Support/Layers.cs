using LstmGen;

// The layers under test. Sizes cover the PyTorch cases, every kernel strategy (column axpy, row-blocked, gate-aligned and
// contiguous paths, odd tails, input width 1), exact activations, structs and a scattered set of "random" sizes.
namespace LstmGen.Tests.Layers
{
    // PyTorch case sizes, generator's choice of kernel.
    [LstmLayer(3, 2)] public partial class Torch3x2;
    [LstmLayer(1, 8)] public partial class Torch1x8;
    [LstmLayer(4, 16)] public partial class Torch4x16;
    [LstmLayer(5, 7)] public partial class Torch5x7;
    [LstmLayer(8, 32)] public partial class Torch8x32;
    [LstmLayer(16, 64)] public partial class Torch16x64;

    // The same sizes with the other kernel forced, and with exact activations.
    [LstmLayer(4, 16, Kernel = LstmKernel.RowBlocked)] public partial class Blocked4x16;
    [LstmLayer(8, 32, Kernel = LstmKernel.RowBlocked)] public partial class Blocked8x32;
    [LstmLayer(16, 64, Kernel = LstmKernel.ColumnAxpy)] public partial class Axpy16x64;
    [LstmLayer(3, 2, ExactActivations = true)] public partial class Exact3x2;
    [LstmLayer(1, 8, ExactActivations = true)] public partial class Exact1x8;
    [LstmLayer(5, 7, ExactActivations = true)] public partial class Exact5x7;
    [LstmLayer(16, 64, ExactActivations = true)] public partial class Exact16x64;

    // Scattered sizes: odd tails, widths that are not multiples of any vector, one unit, wide inputs, blocks of 4 and 8.
    [LstmLayer(1, 1)] public partial class Random1x1;
    [LstmLayer(2, 3)] public partial class Random2x3;
    [LstmLayer(7, 5)] public partial class Random7x5;
    [LstmLayer(3, 33)] public partial class Random3x33;
    [LstmLayer(13, 9)] public partial class Random13x9;
    [LstmLayer(1, 12)] public partial class Random1x12;
    [LstmLayer(6, 20)] public partial class Random6x20;
    [LstmLayer(11, 4)] public partial class Random11x4;
    [LstmLayer(9, 17)] public partial class Random9x17;
    [LstmLayer(2, 40)] public partial class Random2x40;
    [LstmLayer(24, 24)] public partial class Random24x24;
    [LstmLayer(31, 3)] public partial class Random31x3;
    [LstmLayer(5, 100)] public partial class Random5x100;
    [LstmLayer(3, 48, Kernel = LstmKernel.RowBlocked)] public partial class Random3x48Blocked;
    [LstmLayer(10, 20, Kernel = LstmKernel.RowBlocked)] public partial class Random10x20Blocked;
    [LstmLayer(1, 24, Kernel = LstmKernel.RowBlocked)] public partial class Random1x24Blocked;
    [LstmLayer(64, 128)] public partial class Random64x128;

    // A layer so large that Forward projects 4 steps at a time (8 would not fit its stack buffer).
    [LstmLayer(32, 256)] public partial class Random32x256;

    // Double row-blocked layers: 8-unit blocks (one cache line per gate) and 4-unit blocks.
    [LstmLayer(6, 40, ElementType = typeof(double), Kernel = LstmKernel.RowBlocked)] public partial class DoubleBlocked6x40;
    [LstmLayer(5, 12, ElementType = typeof(double), Kernel = LstmKernel.RowBlocked)] public partial class DoubleBlocked5x12;

    // A struct layer, and one nested in partial types.
    [LstmLayer(8, 16)] public partial struct Struct8x16;

    public partial class Outer
    {
        public partial struct Middle
        {
            [LstmLayer(2, 6)] public partial class Nested2x6;
        }
    }
}

// A layer in the global namespace.
[LstmGen.LstmLayer(4, 4)]
public partial class GlobalLayer4x4;
