using LstmGen;

namespace DeviceSample;

/// <summary>
/// The deployed model: one input (the sensor sample), 16 hidden units, hidden unit 0 forecasting the next sample. Its
/// weights are baked from <c>model.safetensors</c> at build time into read-only data, so an instance holds only h and c.
/// </summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, Weights = "model.safetensors")]
public partial class AnomalyModel;

/// <summary>
/// The same model for a board with <see cref="Streams"/> sensors: one set of baked weights, one (h, c) per sensor, all
/// sensors stepped together (each weight read once for a group of them). Each sensor gets exactly the single-sensor
/// model's forecasts.
/// </summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, Weights = "model.safetensors", Streams = 4)]
public partial class SensorArrayModel;
