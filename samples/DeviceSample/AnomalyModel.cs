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
/// sensors stepped together, each weight read once for a group of them. Its kernel is forced to the row-blocked
/// arrangement, whose stream kernels run in groups on every path (on 128-bit vectors a column-axpy layer this small steps
/// its streams one by one through the single-stream kernel), so the device check exercises the groups on arm64 too.
/// </summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, Weights = "model.safetensors", Streams = 4, Kernel = LstmKernel.RowBlocked)]
public partial class SensorArrayModel;

/// <summary>The single-sensor model with <see cref="SensorArrayModel"/>'s kernel: the reference each sensor must match bit for bit.</summary>
[LstmLayer(inputWidth: 1, stateWidth: 16, Weights = "model.safetensors", Kernel = LstmKernel.RowBlocked)]
public partial class SensorModel;
