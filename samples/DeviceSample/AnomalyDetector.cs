using System;

namespace DeviceSample;

/// <summary>A run of anomalous samples: flagged samples no more than <see cref="AnomalyDetector.MergeGap"/> apart.</summary>
public readonly struct DetectedEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="start">The first flagged sample.</param>
    /// <param name="end">The last flagged sample.</param>
    /// <param name="peakError">The largest absolute forecast error in the run.</param>
    public DetectedEvent(int start, int end, float peakError)
    {
        Start = start;
        End = end;
        PeakError = peakError;
    }

    /// <summary>Gets the first flagged sample.</summary>
    public int Start { get; }

    /// <summary>Gets the last flagged sample.</summary>
    public int End { get; }

    /// <summary>Gets the largest absolute forecast error in the run.</summary>
    public float PeakError { get; }
}

/// <summary>
/// Flags samples whose forecast error is far beyond normal. After a warm-up (the model locking onto the signal) it
/// calibrates on a stretch assumed healthy: the threshold is <see cref="ThresholdFactor"/> times the RMS forecast error
/// there. Flagged samples close together merge into one <see cref="DetectedEvent"/>. Allocation-free after construction.
/// </summary>
public sealed class AnomalyDetector
{
    /// <summary>Samples ignored at the start while the model locks onto the signal.</summary>
    public const int WarmUp = 64;

    /// <summary>Samples after the warm-up used to measure the normal forecast error.</summary>
    public const int CalibrationSamples = 512;

    /// <summary>The threshold in units of the calibrated RMS error.</summary>
    public const float ThresholdFactor = 6;

    /// <summary>Flagged samples at most this far apart belong to one event.</summary>
    public const int MergeGap = 32;

    /// <summary>The most events kept; later ones are counted but not stored.</summary>
    public const int MaxEvents = 64;

    private readonly Forecaster _forecaster = new();
    private readonly DetectedEvent[] _events = new DetectedEvent[MaxEvents];
    private double _calibrationSum;
    private int _stored;
    private int _lastFlagged = -MergeGap - 1;
    private bool _currentIsStored;
    private int _t;

    /// <summary>Gets the RMS forecast error over the calibration stretch (zero until it ends).</summary>
    public float CalibratedError { get; private set; }

    /// <summary>Gets the absolute forecast error above which a sample is flagged (infinite until calibration ends).</summary>
    public float Threshold { get; private set; } = float.PositiveInfinity;

    /// <summary>Gets the number of events detected, including any beyond <see cref="MaxEvents"/>.</summary>
    public int EventCount { get; private set; }

    /// <summary>Gets the stored events, oldest first.</summary>
    public ReadOnlySpan<DetectedEvent> Events => _events.AsSpan(0, _stored);

    /// <summary>Gets the forecast of the next sample.</summary>
    public float Forecast => _forecaster.Forecast;

    /// <summary>Scores one sample, updates calibration or events, and returns its forecast error.</summary>
    /// <param name="sample">The new sample.</param>
    public float Observe(float sample)
    {
        int t = _t++;
        float error = _forecaster.Observe(sample);
        float magnitude = Math.Abs(error);
        if (t < WarmUp)
        {
            return error;
        }

        if (t < WarmUp + CalibrationSamples)
        {
            _calibrationSum += (double)error * error;
            if (t == WarmUp + CalibrationSamples - 1)
            {
                CalibratedError = (float)Math.Sqrt(_calibrationSum / CalibrationSamples);
                Threshold = ThresholdFactor * CalibratedError;
            }

            return error;
        }

        if (magnitude > Threshold)
        {
            Flag(t, magnitude);
        }

        return error;
    }

    private void Flag(int t, float magnitude)
    {
        bool continues = t - _lastFlagged <= MergeGap;
        _lastFlagged = t;
        if (continues)
        {
            if (_currentIsStored)
            {
                DetectedEvent last = _events[_stored - 1];
                _events[_stored - 1] = new DetectedEvent(last.Start, t, Math.Max(last.PeakError, magnitude));
            }

            return;
        }

        EventCount++;
        _currentIsStored = _stored < MaxEvents;
        if (_currentIsStored)
        {
            _events[_stored++] = new DetectedEvent(t, t, magnitude);
        }
    }
}
