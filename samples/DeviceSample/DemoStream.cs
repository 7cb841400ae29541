using System;

namespace DeviceSample;

/// <summary>The stream the sample watches: one machine, a fixed length, and one anomaly of each kind at known samples.</summary>
public static class DemoStream
{
    /// <summary>The machine (a seed the training never used).</summary>
    public const ulong MachineSeed = 2024;

    /// <summary>Samples in the stream.</summary>
    public const int Length = 4000;

    /// <summary>
    /// Samples after an anomaly ends during which the model is still re-locking onto the healthy signal; an event that
    /// starts there still belongs to the anomaly, and those samples do not count as normal.
    /// </summary>
    public const int Settle = 48;

    private static readonly Anomaly[] Injected =
    {
        new(AnomalyKind.Spike, 900, 1),
        new(AnomalyKind.FrequencyShift, 1500, 120),
        new(AnomalyKind.StuckSensor, 2300, 100),
        new(AnomalyKind.NoiseBurst, 3100, 80),
    };

    /// <summary>Gets the injected anomalies, in stream order.</summary>
    public static ReadOnlySpan<Anomaly> Anomalies => Injected;

    /// <summary>Creates the stream's signal, anomalies included.</summary>
    public static SensorSignal CreateSignal() => new(MachineSeed, Injected);

    /// <summary>Returns whether sample <paramref name="t"/> is healthy: outside every anomaly and its settling time.</summary>
    /// <param name="t">The sample index.</param>
    public static bool IsNormal(int t)
    {
        foreach (Anomaly anomaly in Injected)
        {
            if (t >= anomaly.Start && t < anomaly.End + Settle)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the index of the injected anomaly an event belongs to (it starts inside the anomaly or its settling time), or −1.</summary>
    /// <param name="detected">The event.</param>
    public static int Explain(DetectedEvent detected)
    {
        for (int i = 0; i < Injected.Length; i++)
        {
            if (detected.Start >= Injected[i].Start && detected.Start < Injected[i].End + Settle)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Returns a short lower-case name for an anomaly kind (no reflection, so nothing extra in a trimmed binary).</summary>
    /// <param name="kind">The kind.</param>
    public static string Name(AnomalyKind kind) => kind switch
    {
        AnomalyKind.Spike => "spike",
        AnomalyKind.FrequencyShift => "frequency shift",
        AnomalyKind.StuckSensor => "stuck sensor",
        AnomalyKind.NoiseBurst => "noise burst",
        _ => "unknown",
    };
}
