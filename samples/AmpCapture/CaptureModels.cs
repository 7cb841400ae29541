using LstmGen;

namespace AmpCapture;

/// <summary>
/// An amp capture with 8 hidden units: LSTM(1→8) → Dense(8→1) + x[0], the GuitarML shape. Its weights are loaded at run
/// time from whichever file the user picks (<see cref="CaptureLibrary"/>).
/// </summary>
[LstmModel(inputWidth: 1, hiddenWidths: new[] { 8 }, outputWidth: 1, Residual = true)]
public partial class Capture8;

/// <summary>An amp capture with 20 hidden units, the smallest size shared captures commonly use: LSTM(1→20) → Dense(20→1) + x[0].</summary>
[LstmModel(inputWidth: 1, hiddenWidths: new[] { 20 }, outputWidth: 1, Residual = true)]
public partial class Capture20;

/// <summary>
/// The sample's 20-unit capture baked in at build time: no size is written here, the generator reads the layers, sizes,
/// residual path and weights from the file and emits the whole fixed-size model.
/// </summary>
[LstmModel(Weights = "captures/crunch-h20.json")]
public partial class BakedCrunch;

/// <summary>
/// The same baked capture for stereo: two streams, the left and right channels, through one set of weights. Its inputs and
/// outputs are interleaved frames (L, R, L, R, …), the layout of a stereo WAV file, and each channel gets exactly the bits
/// <see cref="BakedCrunch"/> gives it alone.
/// </summary>
[LstmModel(Weights = "captures/crunch-h20.json", Streams = 2)]
public partial class StereoCrunch;
