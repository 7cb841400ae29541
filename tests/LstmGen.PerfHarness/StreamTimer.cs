using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LstmGen.PerfHarness;

/// <summary>The members of a streamed layer or model the timer calls (the generator gives streamed layers no interface).</summary>
public interface IStreamedStepper
{
    void Reset();

    void ImportParameters(ReadOnlySpan<float> source);

    void Step(ReadOnlySpan<float> x, Span<float> h);
}

/// <summary>The members of a streamed training layer a mini-batch iteration calls.</summary>
public interface IStreamedTrainer
{
    void Reset();

    void ImportParameters(ReadOnlySpan<float> source);

    void ZeroGradients();

    void Forward(ReadOnlySpan<float> xs, Span<float> hs);

    void Backward(ReadOnlySpan<float> dLossDh, ReadOnlySpan<float> dLossDhFinal, ReadOnlySpan<float> dLossDcFinal, Span<float> dLossDx, Span<float> dLossDh0, Span<float> dLossDc0);

    void ApplySgd(float learningRate);
}

/// <summary>
/// Times a streamed layer's Step of all N streams against a single-stream layer's Step (timed by
/// <see cref="StepTimer"/>, as in the step table), on the yardstick's weights and input
/// ring, and prints one row: <c>streams_{label},I,H,N,single ns,ns per stream,ratio</c> (ratio = ns per stream / single ns).
/// Each is the median of <see cref="StepTimer.Repetitions"/> repetitions, each timed as the fastest of
/// <see cref="StepTimer.Trials"/> chunks.
/// </summary>
public static class StreamTimer
{
    public static string Time<TSingle, TStreams>(string label, StrongBox<TSingle> single, StrongBox<TStreams> streams, int n, PerfRefData data)
        where TSingle : struct, ILstmLayer<float>
        where TStreams : struct, IStreamedStepper
    {
        // The single-stream layer is timed as the step table times it.
        double singleNs = StepTimer.Time("single", ref single.Value, data).NanosecondsPerStep;
        return Row($"streams_{label}", singleNs, streams, n, data.StateWidth, data);
    }

    /// <summary>
    /// Times a streamed amp model (LSTM → Dense(H→1) + x[0], <c>Streams = N</c>) against the ordinary model of the step
    /// table's amp rows, per stream; the row's label starts <c>streams_amp_</c>.
    /// </summary>
    public static string TimeModel<TSingle, TStreams>(string label, StrongBox<TSingle> single, StrongBox<TStreams> streams, int n, PerfRefData data)
        where TSingle : struct, ILstmModel<float>
        where TStreams : struct, IStreamedStepper
    {
        double singleNs = StepTimer.TimeModel("single", ref single.Value, data).NanosecondsPerStep;
        return Row($"streams_amp_{label}", singleNs, streams, n, 1, data);
    }

    /// <summary>Times every stream's step, each writing <paramref name="outputWidth"/> outputs, and prints the row against <paramref name="singleNs"/>.</summary>
    private static string Row<TStreams>(string name, double singleNs, StrongBox<TStreams> streams, int n, int outputWidth, PerfRefData data)
        where TStreams : struct, IStreamedStepper
    {
        var all = new Timing<StreamSteps<TStreams>>(new StreamSteps<TStreams>(streams, data, n, outputWidth));
        double perStream = all.Median(data.Iterations / n) / n;
        return string.Create(CultureInfo.InvariantCulture, $"{name},{data.InputWidth},{data.StateWidth},{n},{singleNs:F2},{perStream:F2},{perStream / singleNs:F3}");
    }

    private interface ISteps
    {
        void Reset();

        void Step(long t);
    }

    /// <summary>One step of all N streams, on N consecutive inputs of the ring; each stream writes <paramref name="outputWidth"/> outputs.</summary>
    private readonly struct StreamSteps<TLayer>(StrongBox<TLayer> layer, PerfRefData data, int n, int outputWidth) : ISteps
        where TLayer : struct, IStreamedStepper
    {
        private readonly float[] _h = new float[n * outputWidth];

        public void Reset() => layer.Value.Reset();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(long t) => layer.Value.Step(data.Inputs.AsSpan((int)(t % (PerfRefData.InputSteps / n)) * n * data.InputWidth, n * data.InputWidth), _h);
    }

    /// <summary>The timing loop, generic over a struct so every step is a direct, inlinable call.</summary>
    private readonly struct Timing<TSteps>(TSteps steps)
        where TSteps : struct, ISteps
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Median(long count)
        {
            var times = new double[StepTimer.Repetitions];
            for (int rep = 0; rep < times.Length; rep++)
            {
                steps.Reset();
                for (long t = 0; t < count / 10; t++)
                {
                    steps.Step(t);
                }

                long chunk = Math.Max(1, count / StepTimer.Trials);
                times[rep] = double.MaxValue;
                for (int trial = 0; trial < StepTimer.Trials; trial++)
                {
                    long start = Stopwatch.GetTimestamp();
                    for (long t = trial * chunk; t < (trial + 1) * chunk; t++)
                    {
                        steps.Step(t);
                    }

                    times[rep] = Math.Min(times[rep], Stopwatch.GetElapsedTime(start).TotalNanoseconds / chunk);
                }
            }

            Array.Sort(times);
            return times[times.Length / 2];
        }
    }
}
