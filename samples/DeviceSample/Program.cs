using System;
using System.Diagnostics;

namespace DeviceSample;

/// <summary>
/// Watches a synthetic vibration sensor with a baked LSTM that forecasts the next sample, and reports where the forecast
/// error says something is wrong. Standard output is deterministic, for comparing builds and machines; timings go to
/// standard error. Exits with 1 when an injected anomaly is missed, a healthy stretch raises an alarm, streaming allocates,
/// or a sensor of the streamed sensor array forecasts other bits than the single-sensor model.
/// </summary>
public static class Program
{
    private const int BenchmarkRounds = 5;
    private const int BenchmarkSteps = 20_000;

    /// <summary>Runs the detection, prints the report and returns the exit code.</summary>
    public static int Main()
    {
        Console.WriteLine($"AnomalyModel: {AnomalyModel.InputWidth}x{AnomalyModel.StateWidth} LSTM, {AnomalyModel.ParameterCount} parameters baked into read-only data ({AnomalyModel.ParameterCount * sizeof(float)} bytes); an instance holds {AnomalyModel.StorageBytes} bytes of state.");
        Console.WriteLine($"Stream: machine {DemoStream.MachineSeed}, {DemoStream.Length} samples, {DemoStream.Anomalies.Length} injected anomalies.");

        var detector = new AnomalyDetector();
        SensorSignal signal = DemoStream.CreateSignal();
        var stats = new StreamStatistics();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        for (int t = 0; t < DemoStream.Length; t++)
        {
            float error = detector.Observe(signal.Next());
            stats.Add(t, error, detector.Forecast);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Console.WriteLine($"Calibration: samples {AnomalyDetector.WarmUp}-{AnomalyDetector.WarmUp + AnomalyDetector.CalibrationSamples - 1}, RMS forecast error {(double)detector.CalibratedError:F5}, threshold {(double)detector.Threshold:F5} ({(int)AnomalyDetector.ThresholdFactor}x).");
        int found = ReportEvents(detector, out int falseAlarms);
        Console.WriteLine($"Found {found} of {DemoStream.Anomalies.Length} anomalies; {falseAlarms} false alarms.");
        Console.WriteLine($"Healthy samples: {stats.NormalCount}, mean |error| {stats.NormalMeanError:F5}, max |error| {stats.NormalMaxError:F5}.");
        Console.WriteLine($"Forecast checksums: sum {stats.ForecastSum:F5}, sum of squares {stats.ForecastSquares:F5}.");
        Console.WriteLine($"Bytes allocated while streaming: {allocated}.");
        int mismatches = SensorArray.Run(out double arrayChecksum);
        Console.WriteLine($"Sensor array: {SensorArrayModel.Streams} sensors through one streamed model, {SensorArray.Length} samples each; forecasts differing from the single-sensor model: {mismatches}; checksum {arrayChecksum:F5}.");

        Console.Error.WriteLine($"time: {DemoStream.Length} samples in {elapsed.TotalMilliseconds:F2} ms; {Benchmark():F1} ns per step (best of {BenchmarkRounds} rounds of {BenchmarkSteps} steps).");
        return found == DemoStream.Anomalies.Length && falseAlarms == 0 && allocated == 0 && mismatches == 0 ? 0 : 1;
    }

    private static int ReportEvents(AnomalyDetector detector, out int falseAlarms)
    {
        Span<bool> explained = stackalloc bool[DemoStream.Anomalies.Length];
        falseAlarms = detector.EventCount - detector.Events.Length;
        foreach (DetectedEvent detected in detector.Events)
        {
            int cause = DemoStream.Explain(detected);
            if (cause >= 0)
            {
                Anomaly anomaly = DemoStream.Anomalies[cause];
                explained[cause] = true;
                Console.WriteLine($"Event: samples {detected.Start,4}-{detected.End,4}, peak |error| {(double)detected.PeakError:F5} -> {DemoStream.Name(anomaly.Kind)} injected at {anomaly.Start}, {detected.Start - anomaly.Start} samples later");
            }
            else
            {
                falseAlarms++;
                Console.WriteLine($"Event: samples {detected.Start,4}-{detected.End,4}, peak |error| {(double)detected.PeakError:F5} -> FALSE ALARM");
            }
        }

        int found = 0;
        for (int i = 0; i < explained.Length; i++)
        {
            if (explained[i])
            {
                found++;
            }
            else
            {
                Console.WriteLine($"Missed: {DemoStream.Name(DemoStream.Anomalies[i].Kind)} injected at {DemoStream.Anomalies[i].Start}");
            }
        }

        return found;
    }

    /// <summary>Times the bare model step on a healthy signal: the fastest of a few rounds, in nanoseconds per step.</summary>
    private static double Benchmark()
    {
        var forecaster = new Forecaster();
        var signal = new SensorSignal(DemoStream.MachineSeed);
        Span<float> samples = stackalloc float[1024];
        signal.Fill(samples);
        double best = double.MaxValue;
        for (int round = 0; round < BenchmarkRounds; round++)
        {
            long started = Stopwatch.GetTimestamp();
            for (int t = 0; t < BenchmarkSteps; t++)
            {
                forecaster.Observe(samples[t & 1023]);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalNanoseconds / BenchmarkSteps);
        }

        return best;
    }
}
