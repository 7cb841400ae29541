using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Models.Streamed;
using LstmGen.Tests.Support;

// Streamed models under test, each the twin of an ordinary model of Support/ModelTypes.cs (or of one declared here): every
// stream must give that model's bits, and a streamed training model's gradients the sum of the ordinary model's over the
// streams. They cover a residual path, a dense first layer, an activation layer, stacks, an LSTM last, column-major and
// row-major read-outs, a struct, Adam, double, and more streams than one kernel group (16).
namespace LstmGen.Tests.Models.Streamed
{
    /// <summary>Stereo through the amp-capture shape: LSTM(2→12) → Dense(12→1) + x[0], two streams.</summary>
    [LstmModel(2, new[] { 12 }, 1, Residual = true, MaxSteps = 16, Streams = 2)]
    public partial class StereoAmpKnobModel : IStreamedTrainingModel<float>;

    /// <summary>RTNeural's Keras model with five streams: Dense(2→8, tanh) → LSTM(8→8) → Dense(8→1).</summary>
    [LstmModel(2, MaxSteps = 12, Streams = 5)]
    [Dense(8, ActivationKind.Tanh)]
    [Lstm(8)]
    [Dense(1)]
    public partial class KerasRtNeuralModelx5 : IStreamedTrainingModel<float>;

    /// <summary>RTNeural's PyTorch model, a struct with Adam and three streams.</summary>
    [LstmModel(1, MaxSteps = 10, Adam = true, Streams = 3)]
    [Lstm(8)]
    [Dense(8, ActivationKind.ReLU)]
    [Dense(8, ActivationKind.Sigmoid)]
    [Dense(1)]
    public partial struct TorchRtNeuralModelx3 : IStreamedTrainingModel<float>;

    /// <summary>The mixed Keras stack with 16 streams: LSTM(3→12) → LSTM(12→5) → tanh → Dense(5→4, σ) → Dense(4→2, ReLU).</summary>
    [LstmModel(3, MaxSteps = 8, ExactActivations = true, Streams = 16)]
    [Lstm(12)]
    [Lstm(5)]
    [Activation(ActivationKind.Tanh)]
    [Dense(4, ActivationKind.Sigmoid)]
    [Dense(2, ActivationKind.ReLU)]
    public partial class MixedKerasModelx16 : IStreamedTrainingModel<float>;

    /// <summary>The dense-first struct model with three streams: Dense(3→9, tanh) → LSTM(9→7) → Dense(7→20) + x[0].</summary>
    [LstmModel(3, MaxSteps = 6, Residual = true, Streams = 3)]
    [Dense(9, ActivationKind.Tanh)]
    [Lstm(7)]
    [Dense(20)]
    public partial struct DenseFirstModelx3 : IStreamedTrainingModel<float>;

    /// <summary>nn.LSTM(3, 10, num_layers=2) → nn.Linear(10, 2) in double, four streams.</summary>
    [LstmModel(3, new[] { 10, 10 }, 2, MaxSteps = 9, ElementType = typeof(double), Streams = 4)]
    public partial class TorchStackModelDoublex4 : IStreamedTrainingModel<double>;

    /// <summary>The mixed Keras stack in double, three streams.</summary>
    [LstmModel(3, MaxSteps = 8, ElementType = typeof(double), Streams = 3)]
    [Lstm(12)]
    [Lstm(5)]
    [Activation(ActivationKind.Tanh)]
    [Dense(4, ActivationKind.Sigmoid)]
    [Dense(2, ActivationKind.ReLU)]
    public partial class MixedKerasModelDoublex3 : IStreamedTrainingModel<double>;

    /// <summary>An inference model whose LSTMs are row-blocked: LSTM(16→64) → LSTM(64→32) → Dense(32→4), eight streams.</summary>
    [LstmModel(16, new[] { 64, 32 }, 4, Streams = 8)]
    public partial class WideStackModelx8 : IStreamedModel<float>;

    /// <summary>The ordinary twin of <see cref="WideStackModelx8"/>.</summary>
    [LstmModel(16, new[] { 64, 32 }, 4)]
    public partial class WideStackModel;

    /// <summary>An inference model ending in an LSTM, with five streams: Dense(2→6, tanh) → sigmoid → LSTM(6→5).</summary>
    [LstmModel(2, Streams = 5)]
    [Dense(6, ActivationKind.Tanh)]
    [Activation(ActivationKind.Sigmoid)]
    [Lstm(5)]
    public partial class LstmLastModelx5 : IStreamedModel<float>;

    /// <summary>The ordinary twin of <see cref="LstmLastModelx5"/>.</summary>
    [LstmModel(2)]
    [Dense(6, ActivationKind.Tanh)]
    [Activation(ActivationKind.Sigmoid)]
    [Lstm(5)]
    public partial class LstmLastModel;

    /// <summary>A baked stereo amp: a PyTorch amp capture's weights, two streams (its twin is the fixture's baked model).</summary>
    [LstmModel(Weights = "TestData/pytorch-models/amp-I1-H8-T64.json", Streams = 2)]
    public partial class BakedStereoAmp : IStreamedModel<float>;
}

namespace LstmGen.Tests.Support
{
    /// <summary>Marks the streamed models under test (their per-stream members are <see cref="ILstmModel{T}"/>'s).</summary>
    public interface IStreamedModel<T> : ILstmModel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
    }

    /// <summary>A streamed training model: both interfaces.</summary>
    public interface IStreamedTrainingModel<T> : IStreamedModel<T>, ILstmTrainingModel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
    }

    /// <summary>A streamed model and how to make its ordinary twin; both start with the same parameters.</summary>
    public sealed record StreamedModelCase<T>(string Name, Func<IStreamedModel<T>> Create, Func<ILstmModel<T>> CreateSingle)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public override string ToString() => Name;
    }

    /// <summary>The streamed models under test, by name.</summary>
    public static class StreamedModelCatalog
    {
        private static readonly Dictionary<string, StreamedModelCase<float>> Float = new StreamedModelCase<float>[]
        {
            new("StereoAmpKnob", () => new StereoAmpKnobModel(), () => new AmpKnobModel()),
            new("KerasRtNeural×5", () => new KerasRtNeuralModelx5(), () => new KerasRtNeuralModel()),
            new("TorchRtNeural×3", () => new TorchRtNeuralModelx3(), () => new TorchRtNeuralModel()),
            new("MixedKeras×16", () => new MixedKerasModelx16(), () => new MixedKerasModel()),
            new("DenseFirst×3", () => new DenseFirstModelx3(), () => new DenseFirstModel()),
            new("WideStack×8", () => new WideStackModelx8(), () => new WideStackModel()),
            new("LstmLast×5", () => new LstmLastModelx5(), () => new LstmLastModel()),
            new("BakedStereoAmp", () => new BakedStereoAmp(), () => new LstmGen.Tests.Fixtures.amp_I1_H8_T64_Baked()),
        }.ToDictionary(c => c.Name);

        private static readonly Dictionary<string, StreamedModelCase<double>> Double = new StreamedModelCase<double>[]
        {
            new("TorchStackDouble×4", () => new TorchStackModelDoublex4(), () => new TorchStackModelDouble()),
            new("MixedKerasDouble×3", () => new MixedKerasModelDoublex3(), () => new MixedKerasModelDouble()),
        }.ToDictionary(c => c.Name);

        public static IEnumerable<object[]> FloatNames => Float.Keys.Select(name => new object[] { name });

        public static IEnumerable<object[]> DoubleNames => Double.Keys.Select(name => new object[] { name });

        public static IEnumerable<object[]> FloatTrainingNames =>
            Float.Keys.Where(name => Float[name].Create() is ILstmTrainingModel<float>).Select(name => new object[] { name });

        public static StreamedModelCase<float> FloatCase(string name) => Float[name];

        public static StreamedModelCase<double> DoubleCase(string name) => Double[name];
    }
}
