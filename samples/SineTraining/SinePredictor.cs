using LstmGen;

namespace SineTraining;

/// <summary>
/// The whole predictor as one generated model: LSTM(1→16) → Dense(16→1), as PyTorch's <c>nn.LSTM(1, 16)</c> followed by
/// <c>nn.Linear(16, 1)</c>, with a 32-step training tape and Adam for every parameter of both layers.
/// </summary>
[LstmModel(inputWidth: 1, hiddenWidths: new[] { 16 }, outputWidth: 1, MaxSteps = 32, Adam = true)]
public partial class SinePredictor;
