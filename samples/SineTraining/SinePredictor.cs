using LstmGen;

namespace SineTraining;

/// <summary>One input (the current sample), 16 hidden units, a 32-step training tape and Adam.</summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, MaxSteps = 32, Adam = true)]
public partial class SinePredictor;
