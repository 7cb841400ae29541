using System;
using System.Diagnostics;
using System.Globalization;

namespace LstmGen.PerfHarness;

/// <summary>
/// Times one step the way the C++ yardstick does: a 1,000-step checksum from a zero state (the sum of h[0]), then for each of
/// three repetitions a warm-up of N/10 steps and N timed steps over the input ring, and the median ns per step.
/// </summary>
public static class StepTimer
{
    public static int Repetitions { get; set; } = 3;

    /// <summary>Times a generated layer; generic over the struct so every call is direct and inlinable, as in the C++ template.</summary>
    public static Result Time<TLayer>(string name, ref TLayer layer, PerfRefData data)
        where TLayer : struct, ILstmLayer<float>
    {
        int i = data.InputWidth;
        float[] inputs = data.Inputs;
        Span<float> h = stackalloc float[data.StateWidth];
        layer.Reset();
        double checksum = 0;
        for (int t = 0; t < 1000; t++)
        {
            layer.Step(inputs.AsSpan((t & (PerfRefData.InputSteps - 1)) * i, i), h);
            checksum += h[0];
        }

        long n = data.Iterations;
        var times = new double[Repetitions];
        float sink = 0;
        for (int rep = 0; rep < Repetitions; rep++)
        {
            layer.Reset();
            float acc = 0;
            for (long t = 0; t < n / 10; t++)
            {
                layer.Step(inputs.AsSpan((int)(t & (PerfRefData.InputSteps - 1)) * i, i), h);
                acc += h[0];
            }

            long start = Stopwatch.GetTimestamp();
            for (long t = 0; t < n; t++)
            {
                layer.Step(inputs.AsSpan((int)(t & (PerfRefData.InputSteps - 1)) * i, i), h);
                acc += h[0];
            }

            times[rep] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / n;
            sink += acc;
        }

        GC.KeepAlive(sink);
        return new Result(name, data, Median(times), checksum, n);
    }

    /// <summary>Times the tutorial-style port the same way.</summary>
    public static Result Time(string name, TutorialLstm port, PerfRefData data)
    {
        int i = data.InputWidth;
        float[] inputs = data.Inputs;
        port.Reset();
        double checksum = 0;
        for (int t = 0; t < 1000; t++)
        {
            port.Step(inputs, (t & (PerfRefData.InputSteps - 1)) * i);
            checksum += port.H[0];
        }

        // The port is 10-30× slower; a tenth of the yardstick's steps keeps the run short and the timing stable.
        long n = Math.Max(20_000, data.Iterations / 10);
        var times = new double[Repetitions];
        float sink = 0;
        for (int rep = 0; rep < Repetitions; rep++)
        {
            port.Reset();
            float acc = 0;
            for (long t = 0; t < n / 10; t++)
            {
                port.Step(inputs, (int)(t & (PerfRefData.InputSteps - 1)) * i);
                acc += port.H[0];
            }

            long start = Stopwatch.GetTimestamp();
            for (long t = 0; t < n; t++)
            {
                port.Step(inputs, (int)(t & (PerfRefData.InputSteps - 1)) * i);
                acc += port.H[0];
            }

            times[rep] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / n;
            sink += acc;
        }

        GC.KeepAlive(sink);
        return new Result(name, data, Median(times), checksum, n);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    /// <summary>One row, printed in the yardstick's CSV format: impl,I,H,ns_per_step,GFLOP/s,checksum,steps.</summary>
    public sealed record Result(string Name, PerfRefData Data, double NanosecondsPerStep, double Checksum, long Steps)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Name},{Data.InputWidth},{Data.StateWidth},{NanosecondsPerStep:F2},{Data.FlopsPerStep / NanosecondsPerStep:F3},{Checksum:F7},{Steps}");
    }
}
