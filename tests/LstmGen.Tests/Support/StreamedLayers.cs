using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Support;

// Streamed layers under test, each paired with a single-stream layer of the same sizes and kernel: a stream must give that
// layer's bits. N covers stereo (2), odd groups (3, 5), a register-sized group (8) and more streams than one group (16, 64).
namespace LstmGen.Tests.Layers
{
    [LstmLayer(1, 16)] public partial class Single1x16;
    [LstmLayer(1, 40)] public partial class Single1x40;

    [LstmLayer(1, 8, Streams = 3)] public partial class Streams1x8x3 : IStreamedLayer<float>;
    [LstmLayer(1, 16, Streams = 2)] public partial class Streams1x16x2 : IStreamedLayer<float>;
    [LstmLayer(1, 16, Streams = 8)] public partial class Streams1x16x8 : IStreamedLayer<float>;
    [LstmLayer(1, 40, Streams = 2)] public partial class Streams1x40x2 : IStreamedLayer<float>;
    [LstmLayer(4, 16, Streams = 8)] public partial class Streams4x16x8 : IStreamedLayer<float>;
    [LstmLayer(8, 32, Streams = 8)] public partial class Streams8x32x8 : IStreamedLayer<float>;
    [LstmLayer(8, 32, Streams = 5)] public partial class Streams8x32x5 : IStreamedLayer<float>;
    [LstmLayer(16, 64, Streams = 8)] public partial class Streams16x64x8 : IStreamedLayer<float>;
    [LstmLayer(16, 64, Streams = 16)] public partial class Streams16x64x16 : IStreamedLayer<float>;
    [LstmLayer(64, 128, Streams = 8)] public partial class Streams64x128x8 : IStreamedLayer<float>;
    [LstmLayer(2, 3, Streams = 64)] public partial class Streams2x3x64 : IStreamedLayer<float>;
    [LstmLayer(5, 7, Streams = 5)] public partial class Streams5x7x5 : IStreamedLayer<float>;
    [LstmLayer(3, 33, Streams = 16)] public partial class Streams3x33x16 : IStreamedLayer<float>;
    [LstmLayer(2, 40, Streams = 3)] public partial class Streams2x40x3 : IStreamedLayer<float>;
    [LstmLayer(10, 20, Streams = 5, Kernel = LstmKernel.RowBlocked)] public partial class Streams10x20Blockedx5 : IStreamedLayer<float>;
    [LstmLayer(3, 2, Streams = 3, ExactActivations = true)] public partial class StreamsExact3x2x3 : IStreamedLayer<float>;
    [LstmLayer(16, 64, Streams = 3, ExactActivations = true)] public partial class StreamsExact16x64x3 : IStreamedLayer<float>;
    [LstmLayer(6, 40, Streams = 3, ElementType = typeof(double), Kernel = LstmKernel.RowBlocked)] public partial class StreamsDouble6x40x3 : IStreamedLayer<double>;
    [LstmLayer(5, 12, Streams = 5, ElementType = typeof(double), Kernel = LstmKernel.RowBlocked)] public partial class StreamsDouble5x12x5 : IStreamedLayer<double>;

    // Streamed training layers (a tape of N sequences, gradients summed over them), paired with the training layers of
    // Support/TrainingLayers.cs: column axpy and row-blocked, float and double, odd N, and Adam.
    [LstmLayer(4, 16, MaxSteps = 12, Streams = 3)] public partial class TrainStreams4x16x3 : IStreamedTrainingLayer<float>;
    [LstmLayer(8, 32, MaxSteps = 20, Streams = 8, Kernel = LstmKernel.RowBlocked)] public partial class TrainStreamsBlocked8x32x8 : IStreamedTrainingLayer<float>;
    [LstmLayer(16, 64, MaxSteps = 8, Streams = 5)] public partial class TrainStreams16x64x5 : IStreamedTrainingLayer<float>;
    [LstmLayer(8, 32, MaxSteps = 32, Adam = true, Streams = 2)] public partial class TrainStreamsAdam8x32x2 : IStreamedTrainingLayer<float>;
    [LstmLayer(5, 7, MaxSteps = 9, ElementType = typeof(double), Streams = 5)] public partial class TrainStreamsDouble5x7x5 : IStreamedTrainingLayer<double>;
    [LstmLayer(7, 12, MaxSteps = 9, ElementType = typeof(double), Kernel = LstmKernel.RowBlocked, Streams = 3)] public partial class TrainStreamsDoubleBlocked7x12x3 : IStreamedTrainingLayer<double>;

    // A struct layer: its span members are [UnscopedRef], so it is called directly rather than through the interface.
    [LstmLayer(8, 16, Streams = 4)] public partial struct StreamsStruct8x16;
}

namespace LstmGen.Tests.Support
{
    /// <summary>The members every streamed layer has, so that the tests can run over all of them (the generator adds no interface).</summary>
    public interface IStreamedLayer<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> HiddenState { get; }

        ReadOnlySpan<T> CellState { get; }

        Span<T> Parameters { get; }

        void Reset();

        void Reset(int stream);

        void SetState(ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell);

        void SetState(int stream, ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell);

        void CopyStateTo(Span<T> hidden, Span<T> cell);

        void CopyStateTo(int stream, Span<T> hidden, Span<T> cell);

        void ImportParameters(ReadOnlySpan<T> source);

        void ExportParameters(Span<T> destination);

        void Step(ReadOnlySpan<T> x, Span<T> h);

        void Step(ReadOnlySpan<T> x, Span<T> h, int streams);

        void Forward(ReadOnlySpan<T> xs, Span<T> hs);
    }

    /// <summary>The training members of a streamed training layer.</summary>
    public interface IStreamedTrainingLayer<T> : IStreamedLayer<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int RecordedSteps { get; }

        Span<T> Gradients { get; }

        void ZeroGradients();

        void Backward(ReadOnlySpan<T> dLossDh, Span<T> dLossDx);

        void Backward(ReadOnlySpan<T> dLossDh, ReadOnlySpan<T> dLossDhFinal, ReadOnlySpan<T> dLossDcFinal, Span<T> dLossDx, Span<T> dLossDh0, Span<T> dLossDc0);

        void ApplySgd(T learningRate);
    }

    /// <summary>A streamed training layer under test, its stream count and a factory for its single-stream counterpart.</summary>
    public sealed record StreamedTrainingCase<T>(string Name, int Streams, Func<IStreamedTrainingLayer<T>> Create, Func<ILstmTrainingLayer<T>> CreateSingle)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>A streamed layer under test, its stream count and a factory for its single-stream counterpart.</summary>
    public sealed record StreamedCase<T>(string Name, int Streams, Func<IStreamedLayer<T>> Create, Func<ILstmMutableLayer<T>> CreateSingle)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Every streamed layer the tests declare, by name.</summary>
    public static class StreamedCatalog
    {
        private static readonly StreamedCase<float>[] FloatCases =
        {
            new(nameof(Streams1x8x3), 3, () => new Streams1x8x3(), () => new Torch1x8()),
            new(nameof(Streams1x16x2), 2, () => new Streams1x16x2(), () => new Single1x16()),
            new(nameof(Streams1x16x8), 8, () => new Streams1x16x8(), () => new Single1x16()),
            new(nameof(Streams1x40x2), 2, () => new Streams1x40x2(), () => new Single1x40()),
            new(nameof(Streams4x16x8), 8, () => new Streams4x16x8(), () => new Torch4x16()),
            new(nameof(Streams8x32x8), 8, () => new Streams8x32x8(), () => new Torch8x32()),
            new(nameof(Streams8x32x5), 5, () => new Streams8x32x5(), () => new Torch8x32()),
            new(nameof(Streams16x64x8), 8, () => new Streams16x64x8(), () => new Torch16x64()),
            new(nameof(Streams16x64x16), 16, () => new Streams16x64x16(), () => new Torch16x64()),
            new(nameof(Streams64x128x8), 8, () => new Streams64x128x8(), () => new Random64x128()),
            new(nameof(Streams2x3x64), 64, () => new Streams2x3x64(), () => new Random2x3()),
            new(nameof(Streams5x7x5), 5, () => new Streams5x7x5(), () => new Torch5x7()),
            new(nameof(Streams3x33x16), 16, () => new Streams3x33x16(), () => new Random3x33()),
            new(nameof(Streams2x40x3), 3, () => new Streams2x40x3(), () => new Random2x40()),
            new(nameof(Streams10x20Blockedx5), 5, () => new Streams10x20Blockedx5(), () => new Random10x20Blocked()),
            new(nameof(StreamsExact3x2x3), 3, () => new StreamsExact3x2x3(), () => new Exact3x2()),
            new(nameof(StreamsExact16x64x3), 3, () => new StreamsExact16x64x3(), () => new Exact16x64()),
        };

        private static readonly StreamedCase<double>[] DoubleCases =
        {
            new(nameof(StreamsDouble6x40x3), 3, () => new StreamsDouble6x40x3(), () => new DoubleBlocked6x40()),
            new(nameof(StreamsDouble5x12x5), 5, () => new StreamsDouble5x12x5(), () => new DoubleBlocked5x12()),
        };

        private static readonly StreamedTrainingCase<float>[] FloatTrainingCases =
        {
            new(nameof(TrainStreams4x16x3), 3, () => new TrainStreams4x16x3(), () => new Training.Train4x16()),
            new(nameof(TrainStreamsBlocked8x32x8), 8, () => new TrainStreamsBlocked8x32x8(), () => new Training.TrainBlocked8x32()),
            new(nameof(TrainStreams16x64x5), 5, () => new TrainStreams16x64x5(), () => new Training.Train16x64()),
            new(nameof(TrainStreamsAdam8x32x2), 2, () => new TrainStreamsAdam8x32x2(), () => new Training.Adam8x32()),
        };

        private static readonly StreamedTrainingCase<double>[] DoubleTrainingCases =
        {
            new(nameof(TrainStreamsDouble5x7x5), 5, () => new TrainStreamsDouble5x7x5(), () => new Training.Double5x7()),
            new(nameof(TrainStreamsDoubleBlocked7x12x3), 3, () => new TrainStreamsDoubleBlocked7x12x3(), () => new Training.DoubleBlocked7x12()),
        };

        public static IEnumerable<object[]> FloatTrainingNames => FloatTrainingCases.Select(c => new object[] { c.Name });

        public static IEnumerable<object[]> DoubleTrainingNames => DoubleTrainingCases.Select(c => new object[] { c.Name });

        public static StreamedTrainingCase<float> FloatTraining(string name) => FloatTrainingCases.Single(c => c.Name == name);

        public static StreamedTrainingCase<double> DoubleTraining(string name) => DoubleTrainingCases.Single(c => c.Name == name);

        public static IEnumerable<object[]> FloatNames => FloatCases.Select(c => new object[] { c.Name });

        public static IEnumerable<object[]> DoubleNames => DoubleCases.Select(c => new object[] { c.Name });

        public static StreamedCase<float> Float(string name) => FloatCases.Single(c => c.Name == name);

        public static StreamedCase<double> Double(string name) => DoubleCases.Single(c => c.Name == name);
    }
}
