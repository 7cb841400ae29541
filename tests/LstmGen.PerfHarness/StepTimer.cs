using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LstmGen.PerfHarness;

/// <summary>
/// Times one step the way the C++ yardstick does: a 1,000-step checksum from a zero state (the sum of h[0]), then for each of
/// three repetitions a warm-up of N/10 steps and N timed steps over the input ring, and the median ns per step.
/// With <see cref="Trials"/> above 1, each repetition instead times its N steps in that many equal chunks and keeps the
/// fastest chunk, as the yardstick does when built with <c>scripts/perfref-trials.patch</c>.
/// </summary>
public static class StepTimer
{
    public static int Repetitions { get; set; } = 3;

    /// <summary>
    /// Chunks per repetition (1, the yardstick's own method, by default). On a shared machine a neighbour's burst of load
    /// lands in some chunks and not others; the fastest chunk is the step's time with the core to itself.
    /// </summary>
    public static int Trials { get; set; } = 1;

    /// <summary>Times a generated layer.</summary>
    public static Result Time<TLayer>(string name, ref TLayer layer, PerfRefData data)
        where TLayer : struct, ILstmLayer<float>
    {
        var stepper = new LayerStepper<TLayer>(ref layer, data.StateWidth);
        return Time(name, ref stepper, data, data.Iterations);
    }

    /// <summary>Times a generated model: one step of every layer and the residual path; the checksum sums y[0].</summary>
    public static Result TimeModel<TModel>(string name, ref TModel model, PerfRefData data)
        where TModel : struct, ILstmModel<float>
    {
        var stepper = new ModelStepper<TModel>(ref model, data.StateWidth);
        return Time(name, ref stepper, data, data.Iterations);
    }

    /// <summary>Times the tutorial-style port; it is 10-30× slower, so a tenth of the steps keeps the run short.</summary>
    public static Result Time(string name, TutorialLstm port, PerfRefData data)
    {
        var stepper = new TutorialStepper(port);
        return Time(name, ref stepper, data, Math.Max(20_000, data.Iterations / 10));
    }

    /// <summary>The timing loop, generic over a struct so every step is a direct, inlinable call, as in the C++ template.</summary>
    private static Result Time<TStepper>(string name, ref TStepper stepper, PerfRefData data, long steps)
        where TStepper : struct, IStepper, allows ref struct
    {
        int i = data.InputWidth;
        float[] inputs = data.Inputs;
        stepper.Reset();
        double checksum = 0;
        for (int t = 0; t < 1000; t++)
        {
            checksum += stepper.Step(inputs, (t & (PerfRefData.InputSteps - 1)) * i, i);
        }

        var times = new double[Repetitions];
        float sink = 0;
        for (int rep = 0; rep < Repetitions; rep++)
        {
            stepper.Reset();
            float acc = 0;
            for (long t = 0; t < steps / 10; t++)
            {
                acc += stepper.Step(inputs, (int)(t & (PerfRefData.InputSteps - 1)) * i, i);
            }

            long chunk = steps / Trials;
            times[rep] = double.MaxValue;
            for (int trial = 0; trial < Trials; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (long t = trial * chunk; t < (trial + 1) * chunk; t++)
                {
                    acc += stepper.Step(inputs, (int)(t & (PerfRefData.InputSteps - 1)) * i, i);
                }

                times[rep] = Math.Min(times[rep], Stopwatch.GetElapsedTime(start).TotalNanoseconds / chunk);
            }

            sink += acc;
        }

        GC.KeepAlive(sink);
        Array.Sort(times);
        return new Result(name, data, times[times.Length / 2], checksum, steps);
    }

    /// <summary>One step of some implementation; returns h[0] (the data dependence the yardstick sums).</summary>
    private interface IStepper
    {
        void Reset();

        float Step(float[] inputs, int offset, int width);
    }

    private ref struct LayerStepper<TLayer> : IStepper
        where TLayer : struct, ILstmLayer<float>
    {
        private readonly ref TLayer _layer;
        private readonly float[] _h;

        public LayerStepper(ref TLayer layer, int stateWidth)
        {
            _layer = ref layer;
            _h = new float[stateWidth];
        }

        public void Reset() => _layer.Reset();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Step(float[] inputs, int offset, int width)
        {
            _layer.Step(inputs.AsSpan(offset, width), _h);
            return _h[0];
        }
    }

    private ref struct ModelStepper<TModel> : IStepper
        where TModel : struct, ILstmModel<float>
    {
        private readonly ref TModel _model;
        private readonly float[] _y;

        public ModelStepper(ref TModel model, int outputWidth)
        {
            _model = ref model;
            _y = new float[1];
        }

        public void Reset() => _model.Reset();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Step(float[] inputs, int offset, int width)
        {
            _model.Step(inputs.AsSpan(offset, width), _y);
            return _y[0];
        }
    }

    private readonly struct TutorialStepper(TutorialLstm port) : IStepper
    {
        public void Reset() => port.Reset();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Step(float[] inputs, int offset, int width)
        {
            port.Step(inputs, offset);
            return port.H[0];
        }
    }

    /// <summary>One row, printed in the yardstick's CSV format: impl,I,H,ns_per_step,GFLOP/s,checksum,steps.</summary>
    public sealed record Result(string Name, PerfRefData Data, double NanosecondsPerStep, double Checksum, long Steps)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Name},{Data.InputWidth},{Data.StateWidth},{NanosecondsPerStep:F2},{Data.FlopsPerStep / NanosecondsPerStep:F3},{Checksum:F7},{Steps}");
    }
}
