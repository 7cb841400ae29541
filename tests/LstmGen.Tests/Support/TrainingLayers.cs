using LstmGen;

// Training layers: the PyTorch case sizes in float and double (tape long enough for each case), the other kernel forced,
// odd sizes for gradient checks, and Adam.
namespace LstmGen.Tests.Training
{
    [LstmLayer(3, 2, MaxSteps = 8)] public partial class Train3x2;
    [LstmLayer(1, 8, MaxSteps = 16)] public partial class Train1x8;
    [LstmLayer(4, 16, MaxSteps = 12)] public partial class Train4x16;
    [LstmLayer(5, 7, MaxSteps = 9)] public partial class Train5x7;
    [LstmLayer(8, 32, MaxSteps = 64)] public partial class Train8x32;
    [LstmLayer(16, 64, MaxSteps = 8)] public partial class Train16x64;
    [LstmLayer(8, 32, MaxSteps = 20, Kernel = LstmKernel.RowBlocked)] public partial class TrainBlocked8x32;
    [LstmLayer(16, 64, MaxSteps = 8, Kernel = LstmKernel.ColumnAxpy)] public partial class TrainAxpy16x64;
    [LstmLayer(4, 16, MaxSteps = 12, ExactActivations = true)] public partial struct TrainExact4x16;

    [LstmLayer(3, 2, MaxSteps = 8, ElementType = typeof(double))] public partial class Double3x2;
    [LstmLayer(1, 8, MaxSteps = 16, ElementType = typeof(double))] public partial class Double1x8;
    [LstmLayer(4, 16, MaxSteps = 12, ElementType = typeof(double))] public partial class Double4x16;
    [LstmLayer(5, 7, MaxSteps = 9, ElementType = typeof(double))] public partial class Double5x7;
    [LstmLayer(8, 32, MaxSteps = 20, ElementType = typeof(double))] public partial class Double8x32;
    [LstmLayer(16, 64, MaxSteps = 8, ElementType = typeof(double))] public partial class Double16x64;
    [LstmLayer(7, 12, MaxSteps = 9, ElementType = typeof(double), Kernel = LstmKernel.RowBlocked)] public partial class DoubleBlocked7x12;
    [LstmLayer(2, 9, MaxSteps = 6, ElementType = typeof(double))] public partial struct DoubleStruct2x9;

    [LstmLayer(1, 16, MaxSteps = 32, Adam = true)] public partial class SineLayer;
    [LstmLayer(8, 32, MaxSteps = 32, Adam = true)] public partial class Adam8x32;
}

// The sizes the memory tables of the README and docs/publish-to-a-device.md report.
namespace LstmGen.Tests.Memory
{
    [LstmLayer(8, 16, MaxSteps = 64)] public partial struct Train8x16;
    [LstmLayer(8, 16, MaxSteps = 64, Adam = true)] public partial struct Adam8x16;
    [LstmLayer(64, 128, MaxSteps = 64)] public partial class Train64x128;
    [LstmLayer(64, 128, MaxSteps = 64, Adam = true)] public partial class Adam64x128;

    // The device sample's size, as docs/publish-to-a-device.md reports it; the baked one bakes the sample's own model.
    [LstmLayer(1, 16)] public partial class Infer1x16;
    [LstmLayer(1, 16, MaxSteps = 64)] public partial class Train1x16;
    [LstmLayer(1, 16, Weights = "DeviceSample/model.safetensors")] public partial class Baked1x16;
}

// The size limit's edge: 119.7 MiB of buffers (4×36 double, a tape of 61,000 steps), just under the 120 MiB limit that
// keeps every layer below the CLR's largest loadable type (between 123 MB and 128 MiB).
namespace LstmGen.Tests.Limits
{
    [LstmLayer(4, 36, ElementType = typeof(double), MaxSteps = 61000)] public partial class JustUnderTheLimit;
}
