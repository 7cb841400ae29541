using System;
using Xunit;

namespace DeviceSample.Tests;

/// <summary>The deployed detector on the demo stream and on healthy machines it has never seen.</summary>
public sealed class DetectorTests
{
    [Fact]
    public void Every_injected_anomaly_is_found_within_a_few_samples_and_nothing_else_is_flagged()
    {
        AnomalyDetector detector = Stream(DemoStream.CreateSignal());

        Assert.Equal(DemoStream.Anomalies.Length, detector.EventCount);
        for (int i = 0; i < DemoStream.Anomalies.Length; i++)
        {
            DetectedEvent detected = detector.Events[i];
            Assert.Equal(i, DemoStream.Explain(detected));
            Assert.InRange(detected.Start - DemoStream.Anomalies[i].Start, 0, 5);
            Assert.True(detected.PeakError > detector.Threshold);
        }
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    [InlineData(14UL)]
    [InlineData(15UL)]
    public void A_healthy_machine_raises_no_alarm(ulong machine)
    {
        AnomalyDetector detector = Stream(new SensorSignal(machine));
        Assert.True(detector.EventCount == 0, $"machine {machine}: {detector.EventCount} events, first at {(detector.EventCount > 0 ? detector.Events[0].Start : -1)}");
        Assert.InRange(detector.CalibratedError, SensorSignal.Noise / 2, 3 * SensorSignal.Noise);
    }

    [Fact]
    public void Streaming_allocates_nothing()
    {
        var detector = new AnomalyDetector();
        SensorSignal signal = DemoStream.CreateSignal();
        for (int t = 0; t < 100; t++)
        {
            detector.Observe(signal.Next());
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 100; t < DemoStream.Length; t++)
        {
            detector.Observe(signal.Next());
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(DemoStream.Anomalies.Length, detector.EventCount);
    }

    private static AnomalyDetector Stream(SensorSignal signal)
    {
        var detector = new AnomalyDetector();
        for (int t = 0; t < DemoStream.Length; t++)
        {
            detector.Observe(signal.Next());
        }

        return detector;
    }
}
