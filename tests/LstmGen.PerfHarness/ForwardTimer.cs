using System;
using System.Diagnostics;
using System.Globalization;

namespace LstmGen.PerfHarness;

/// <summary>
/// Times <c>Forward</c> over runs of <see cref="SequenceLength"/> steps against the same steps as <c>Step</c> calls, on the
/// yardstick's weights and input ring, and prints one row per size: <c>forward_{label},I,H,T,step ns,forward ns,ratio</c>
/// (ns per step; ratio = forward / step). Both run from the same state sequence, so they do the same arithmetic; each is
/// the median of <see cref="StepTimer.Repetitions"/> repetitions, each timed as the fastest of
/// <see cref="StepTimer.Trials"/> chunks.
/// </summary>
public static class ForwardTimer
{
    /// <summary>Steps per Forward call: a block of audio or a training sequence.</summary>
    public const int SequenceLength = 256;

    public static string Time<TLayer>(string label, ref TLayer layer, PerfRefData data)
        where TLayer : struct, ILstmLayer<float>
    {
        int i = data.InputWidth;
        int h = data.StateWidth;
        int t = SequenceLength;
        int calls = (int)Math.Max(StepTimer.Trials, data.Iterations / t);
        float[] hs = new float[t * h];
        double step = Median(ref layer, data, calls, (ref TLayer l, int offset) =>
        {
            for (int s = 0; s < t; s++)
            {
                l.Step(data.Inputs.AsSpan(offset + (s * i), i), hs.AsSpan(s * h, h));
            }
        });
        double forward = Median(ref layer, data, calls, (ref TLayer l, int offset) => l.Forward(data.Inputs.AsSpan(offset, t * i), hs));
        return string.Create(CultureInfo.InvariantCulture, $"forward_{label},{i},{h},{t},{step:F2},{forward:F2},{forward / step:F3}");
    }

    private delegate void Run<TLayer>(ref TLayer layer, int offset);

    private static double Median<TLayer>(ref TLayer layer, PerfRefData data, int calls, Run<TLayer> run)
        where TLayer : struct, ILstmLayer<float>
    {
        int runs = PerfRefData.InputSteps / SequenceLength;
        int stride = SequenceLength * data.InputWidth;
        var times = new double[StepTimer.Repetitions];
        for (int rep = 0; rep < times.Length; rep++)
        {
            layer.Reset();
            for (int c = 0; c < Math.Max(1, calls / 10); c++)
            {
                run(ref layer, (c % runs) * stride);
            }

            int chunk = Math.Max(1, calls / StepTimer.Trials);
            times[rep] = double.MaxValue;
            for (int trial = 0; trial < StepTimer.Trials; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < chunk; c++)
                {
                    run(ref layer, (((trial * chunk) + c) % runs) * stride);
                }

                times[rep] = Math.Min(times[rep], Stopwatch.GetElapsedTime(start).TotalNanoseconds / ((double)chunk * SequenceLength));
            }
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }
}
