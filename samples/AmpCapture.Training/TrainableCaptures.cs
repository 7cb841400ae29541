using LstmGen;

namespace AmpCapture.Training;

/// <summary>The 8-unit capture as a training model: 512-step sequences, Adam.</summary>
[LstmModel(1, new[] { 8 }, 1, Residual = true, MaxSteps = CaptureTrainer.Steps, Adam = true)]
public partial class TrainableCapture8;

/// <summary>The 20-unit capture as a training model: 512-step sequences, Adam.</summary>
[LstmModel(1, new[] { 20 }, 1, Residual = true, MaxSteps = CaptureTrainer.Steps, Adam = true)]
public partial class TrainableCapture20;
