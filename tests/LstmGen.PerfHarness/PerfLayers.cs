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

// The amp-capture sizes (PERFREF_SIZES=amp): hidden sizes that do not fill whole 16-unit tiles.
[LstmLayer(1, 20)] public partial struct Perf1x20;
[LstmLayer(1, 40)] public partial struct Perf1x40;
[LstmLayer(2, 20)] public partial struct Perf2x20;

// The amp-capture model, LSTM → Dense(H→1) + x[0], at the same sizes.
[LstmModel(1, new[] { 20 }, 1, Residual = true)] public partial struct PerfAmp1x20;
[LstmModel(1, new[] { 32 }, 1, Residual = true)] public partial struct PerfAmp1x32;
[LstmModel(1, new[] { 40 }, 1, Residual = true)] public partial struct PerfAmp1x40;
[LstmModel(2, new[] { 20 }, 1, Residual = true)] public partial struct PerfAmp2x20;

// Training layers for one training iteration of T = 32 steps.
[LstmLayer(8, 32, MaxSteps = 32)] public partial struct PerfTrain8x32;
[LstmLayer(16, 64, MaxSteps = 32)] public partial struct PerfTrain16x64;

// A two-layer stack with a linear read-out, nn.LSTM(8, 32, num_layers=2) → nn.Linear(32, 1), and its parts as training
// layers, for the model's training iteration against the sum of its parts' (T = 32).
[LstmLayer(32, 32, MaxSteps = 32)] public partial struct PerfTrain32x32;
[LstmModel(8, new[] { 32, 32 }, 1, MaxSteps = 32)] public partial struct PerfTrainStack;

// Streamed layers (N sequences through one set of weights) at the yardstick's sizes and stereo at the small and amp sizes.
[LstmLayer(1, 16, Streams = 8)] public partial struct PerfStreams1x16x8 : IStreamedStepper;
[LstmLayer(4, 16, Streams = 8)] public partial struct PerfStreams4x16x8 : IStreamedStepper;
[LstmLayer(8, 32, Streams = 8)] public partial struct PerfStreams8x32x8 : IStreamedStepper;
[LstmLayer(16, 64, Streams = 8)] public partial struct PerfStreams16x64x8 : IStreamedStepper;
[LstmLayer(64, 128, Streams = 8)] public partial struct PerfStreams64x128x8 : IStreamedStepper;
[LstmLayer(1, 16, Streams = 2)] public partial struct PerfStreams1x16x2 : IStreamedStepper;
[LstmLayer(1, 40, Streams = 2)] public partial struct PerfStreams1x40x2 : IStreamedStepper;

// Stereo amp models, timed per channel against PerfAmp1x20 and PerfAmp1x40.
[LstmModel(1, new[] { 20 }, 1, Residual = true, Streams = 2)] public partial struct PerfStereoAmp1x20 : IStreamedStepper;
[LstmModel(1, new[] { 40 }, 1, Residual = true, Streams = 2)] public partial struct PerfStereoAmp1x40 : IStreamedStepper;

// A mini-batch of 8 sequences of T = 32 steps through one streamed training layer, against PerfTrain8x32 one at a time.
[LstmLayer(8, 32, MaxSteps = 32, Streams = 8)] public partial struct PerfTrainStreams8x32x8 : IStreamedTrainer;
