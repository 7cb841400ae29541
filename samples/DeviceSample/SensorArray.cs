using System;
using System.Runtime.InteropServices;

namespace DeviceSample;

/// <summary>
/// Watches <see cref="SensorArrayModel.Streams"/> machines at once through the streamed model and checks that every
/// sensor's forecasts are, bit for bit, those of a single-sensor <see cref="SensorModel"/> fed the same samples; a
/// quarter of the way in, one sensor is reset while the others run on. Allocation-free after construction.
/// </summary>
public static class SensorArray
{
    /// <summary>Samples per sensor.</summary>
    public const int Length = 2048;

    /// <summary>Runs the check; returns how many forecasts differed from the single-sensor model's, and their checksum.</summary>
    /// <param name="checksum">The sum of every sensor's forecasts.</param>
    public static int Run(out double checksum)
    {
        const int n = SensorArrayModel.Streams;
        var array = new SensorArrayModel();
        var singles = new SensorModel[n];
        var signals = new SensorSignal[n];
        for (int s = 0; s < n; s++)
        {
            singles[s] = new SensorModel();
            signals[s] = new SensorSignal(DemoStream.MachineSeed + 1 + (ulong)s);
        }

        Span<float> x = stackalloc float[n];
        Span<float> h = stackalloc float[n * SensorArrayModel.StateWidth];
        Span<float> single = stackalloc float[SensorModel.StateWidth];
        int mismatches = 0;
        checksum = 0;
        for (int t = 0; t < Length; t++)
        {
            if (t == Length / 4)
            {
                array.Reset(1);
                singles[1].Reset();
            }

            for (int s = 0; s < n; s++)
            {
                x[s] = signals[s].Next();
            }

            array.Step(x, h);
            for (int s = 0; s < n; s++)
            {
                singles[s].Step(MemoryMarshal.CreateReadOnlySpan(ref x[s], 1), single);
                float forecast = h[s * SensorArrayModel.StateWidth];
                mismatches += BitConverter.SingleToInt32Bits(forecast) == BitConverter.SingleToInt32Bits(single[0]) ? 0 : 1;
                checksum += forecast;
            }
        }

        return mismatches;
    }
}
