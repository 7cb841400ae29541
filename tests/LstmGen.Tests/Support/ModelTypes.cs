namespace LstmGen.Tests.Support;

// The model shapes the issue lists, each in float and double, for the reference, gradient-check and allocation tests.

/// <summary>The amp-capture shape with a knob: LSTM(2→12) → Dense(12→1) + x[0].</summary>
[LstmModel(2, new[] { 12 }, 1, Residual = true, MaxSteps = 16)]
public partial class AmpKnobModel;

/// <summary>The amp-capture shape with a knob, in double.</summary>
[LstmModel(2, new[] { 12 }, 1, Residual = true, MaxSteps = 16, ElementType = typeof(double))]
public partial class AmpKnobModelDouble;

/// <summary>RTNeural's Keras test model: Dense(2→8, tanh) → LSTM(8→8) → Dense(8→1).</summary>
[LstmModel(2, MaxSteps = 12)]
[Dense(8, ActivationKind.Tanh)]
[Lstm(8)]
[Dense(1)]
public partial class KerasRtNeuralModel;

/// <summary>RTNeural's Keras test model, in double.</summary>
[LstmModel(2, MaxSteps = 12, ElementType = typeof(double))]
[Dense(8, ActivationKind.Tanh)]
[Lstm(8)]
[Dense(1)]
public partial class KerasRtNeuralModelDouble;

/// <summary>RTNeural's PyTorch test model: LSTM(1→8) → Dense(8→8, ReLU) → Dense(8→8, sigmoid) → Dense(8→1); a struct.</summary>
[LstmModel(1, MaxSteps = 10, Adam = true)]
[Lstm(8)]
[Dense(8, ActivationKind.ReLU)]
[Dense(8, ActivationKind.Sigmoid)]
[Dense(1)]
public partial struct TorchRtNeuralModel;

/// <summary>RTNeural's PyTorch test model, in double.</summary>
[LstmModel(1, MaxSteps = 10, Adam = true, ElementType = typeof(double))]
[Lstm(8)]
[Dense(8, ActivationKind.ReLU)]
[Dense(8, ActivationKind.Sigmoid)]
[Dense(1)]
public partial struct TorchRtNeuralModelDouble;

/// <summary>nn.LSTM(3, 10, num_layers=2) → nn.Linear(10, 2).</summary>
[LstmModel(3, new[] { 10, 10 }, 2, MaxSteps = 9)]
public partial class TorchStackModel;

/// <summary>nn.LSTM(3, 10, num_layers=2) → nn.Linear(10, 2), in double.</summary>
[LstmModel(3, new[] { 10, 10 }, 2, MaxSteps = 9, ElementType = typeof(double))]
public partial class TorchStackModelDouble;

/// <summary>A Keras stack of mixed widths with an activation layer after an LSTM: LSTM(3→12) → LSTM(12→5) → tanh → Dense(5→4, σ) → Dense(4→2, ReLU).</summary>
[LstmModel(3, MaxSteps = 8, ExactActivations = true)]
[Lstm(12)]
[Lstm(5)]
[Activation(ActivationKind.Tanh)]
[Dense(4, ActivationKind.Sigmoid)]
[Dense(2, ActivationKind.ReLU)]
public partial class MixedKerasModel;

/// <summary>The mixed Keras stack, in double.</summary>
[LstmModel(3, MaxSteps = 8, ElementType = typeof(double))]
[Lstm(12)]
[Lstm(5)]
[Activation(ActivationKind.Tanh)]
[Dense(4, ActivationKind.Sigmoid)]
[Dense(2, ActivationKind.ReLU)]
public partial class MixedKerasModelDouble;

/// <summary>A dense first layer (its inputs recorded for training), a wide column-major read-out and the residual on every output: Dense(3→9, tanh) → LSTM(9→7) → Dense(7→20) + x[0].</summary>
[LstmModel(3, MaxSteps = 6, Residual = true)]
[Dense(9, ActivationKind.Tanh)]
[Lstm(7)]
[Dense(20)]
public partial struct DenseFirstModel;

/// <summary>The dense-first model, in double.</summary>
[LstmModel(3, MaxSteps = 6, Residual = true, ElementType = typeof(double))]
[Dense(9, ActivationKind.Tanh)]
[Lstm(7)]
[Dense(20)]
public partial struct DenseFirstModelDouble;
