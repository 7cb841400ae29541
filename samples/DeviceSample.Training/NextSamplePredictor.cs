using LstmGen;

namespace DeviceSample.Training;

/// <summary>
/// The training twin of the device sample's <c>AnomalyModel</c>: the same sizes (one input, 16 hidden units), plus a
/// 64-step tape and Adam. Hidden unit 0 is the forecast of the next sample; the other units are free memory.
/// </summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, MaxSteps = 64, Adam = true)]
public partial class NextSamplePredictor;

/// <summary>
/// The same layer for mini-batch training (<c>--batch</c>): <see cref="Streams"/> machines at once, one (h, c) and one
/// tape of 64 steps per machine, their gradients summed into one buffer by each <c>Backward</c>.
/// </summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, MaxSteps = 64, Adam = true, Streams = 8)]
public partial class MiniBatchPredictor;
