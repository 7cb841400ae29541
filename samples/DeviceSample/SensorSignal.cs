using System;
using LstmGen;

namespace DeviceSample;

/// <summary>What goes wrong during an injected anomaly.</summary>
public enum AnomalyKind
{
    /// <summary>One sample jumps by a large amount, as from a mechanical impact.</summary>
    Spike,

    /// <summary>The machine's speed jumps: the signal's frequency is multiplied for a while.</summary>
    FrequencyShift,

    /// <summary>The sensor freezes: it repeats its last value.</summary>
    StuckSensor,

    /// <summary>Electrical interference: the measurement noise grows many times over.</summary>
    NoiseBurst,
}

/// <summary>An anomaly injected into a <see cref="SensorSignal"/>: its kind and the samples it covers.</summary>
/// <remarks>A plain struct rather than a record: a record's generated ToString would format the enum through reflection,
/// which costs a NativeAOT binary about 20 KB.</remarks>
public readonly struct Anomaly
{
    /// <summary>Creates an anomaly.</summary>
    /// <param name="kind">What goes wrong.</param>
    /// <param name="start">The first affected sample.</param>
    /// <param name="length">How many samples are affected.</param>
    public Anomaly(AnomalyKind kind, int start, int length)
    {
        Kind = kind;
        Start = start;
        Length = length;
    }

    /// <summary>Gets what goes wrong.</summary>
    public AnomalyKind Kind { get; }

    /// <summary>Gets the first affected sample.</summary>
    public int Start { get; }

    /// <summary>Gets how many samples are affected.</summary>
    public int Length { get; }

    /// <summary>Gets the sample after the last affected one.</summary>
    public int End => Start + Length;

    /// <summary>Returns whether sample <paramref name="t"/> is affected.</summary>
    /// <param name="t">The sample index.</param>
    public bool Covers(int t) => t >= Start && t < End;
}

/// <summary>
/// A synthetic vibration sensor on a rotating machine: a fundamental and its second harmonic whose speed drifts slowly,
/// plus uniform measurement noise. Each seed is a different machine (speed, amplitude, harmonic content, phase). The
/// training program learns from healthy machines; the device sample streams one machine with injected anomalies.
/// Deterministic for a seed, and allocation-free per sample.
/// </summary>
public sealed class SensorSignal
{
    /// <summary>The half-width of the uniform measurement noise.</summary>
    public const double Noise = 0.02;

    private const double SpikeHeight = 0.5;
    private const double FrequencyFactor = 1.6;
    private const double NoiseBurstFactor = 8;
    private const double DriftPeriod = 2000;
    private const double DriftDepth = 0.1;

    private readonly Anomaly[] _anomalies;
    private readonly double _baseFrequency;
    private readonly double _amplitude;
    private readonly double _harmonic;
    private readonly double _harmonicPhase;
    private readonly double _driftPhase;
    private LstmRandom _random;
    private double _phase;
    private float _last;
    private int _t;

    /// <summary>Creates a healthy machine's signal.</summary>
    /// <param name="seed">Chooses the machine and its noise.</param>
    public SensorSignal(ulong seed)
        : this(seed, Array.Empty<Anomaly>())
    {
    }

    /// <summary>Creates a machine's signal with anomalies injected at fixed samples.</summary>
    /// <param name="seed">Chooses the machine and its noise.</param>
    /// <param name="anomalies">The anomalies, in any order; they should not overlap.</param>
    public SensorSignal(ulong seed, ReadOnlySpan<Anomaly> anomalies)
    {
        _anomalies = anomalies.ToArray();
        _random = new LstmRandom(seed);
        _baseFrequency = 0.25 + (0.2 * _random.NextDouble());
        _amplitude = 0.35 + (0.2 * _random.NextDouble());
        _harmonic = 0.1 + (0.2 * _random.NextDouble());
        _harmonicPhase = 2 * Math.PI * _random.NextDouble();
        _driftPhase = 2 * Math.PI * _random.NextDouble();
        _phase = 2 * Math.PI * _random.NextDouble();
    }

    /// <summary>Returns the next sample.</summary>
    public float Next()
    {
        AnomalyKind? active = ActiveAnomaly(_t);
        double frequency = _baseFrequency * (1 + (DriftDepth * Math.Sin((2 * Math.PI * _t / DriftPeriod) + _driftPhase)));
        if (active == AnomalyKind.FrequencyShift)
        {
            frequency *= FrequencyFactor;
        }

        _phase += frequency;
        double noise = _random.NextSymmetric(Noise) * (active == AnomalyKind.NoiseBurst ? NoiseBurstFactor : 1);
        double value = (_amplitude * (Math.Sin(_phase) + (_harmonic * Math.Sin((2 * _phase) + _harmonicPhase)))) + noise;
        value = active switch
        {
            AnomalyKind.Spike => value + SpikeHeight,
            AnomalyKind.StuckSensor => _last,
            _ => value,
        };

        _t++;
        _last = (float)value;
        return _last;
    }

    /// <summary>Fills <paramref name="destination"/> with the next samples.</summary>
    /// <param name="destination">Receives the samples.</param>
    public void Fill(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Next();
        }
    }

    private AnomalyKind? ActiveAnomaly(int t)
    {
        foreach (Anomaly anomaly in _anomalies)
        {
            if (anomaly.Covers(t))
            {
                return anomaly.Kind;
            }
        }

        return null;
    }
}
