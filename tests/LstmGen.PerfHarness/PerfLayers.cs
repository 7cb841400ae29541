using LstmGen;

namespace LstmGen.PerfHarness;

// The yardstick's sizes (../shared/perfref), generator's choice of kernel.
[LstmLayer(1, 8)] public partial struct Perf1x8;
[LstmLayer(1, 16)] public partial struct Perf1x16;
[LstmLayer(4, 16)] public partial struct Perf4x16;
[LstmLayer(1, 32)] public partial struct Perf1x32;
[LstmLayer(8, 32)] public partial struct Perf8x32;
[LstmLayer(16, 64)] public partial struct Perf16x64;
[LstmLayer(64, 128)] public partial struct Perf64x128;

// Training layers for one training iteration of T = 32 steps.
[LstmLayer(8, 32, MaxSteps = 32)] public partial struct PerfTrain8x32;
[LstmLayer(16, 64, MaxSteps = 32)] public partial struct PerfTrain16x64;
