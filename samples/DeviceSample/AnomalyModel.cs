using LstmGen;

namespace DeviceSample;

/// <summary>
/// The deployed model: one input (the sensor sample), 16 hidden units, hidden unit 0 forecasting the next sample. Its
/// weights are baked from <c>model.safetensors</c> at build time into read-only data, so an instance holds only h and c.
/// </summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, Weights = "model.safetensors")]
public partial class AnomalyModel;
