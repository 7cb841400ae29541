using System;

namespace DeviceSample;

/// <summary>Summary numbers of one run: the forecast error on healthy samples and checksums of every forecast.</summary>
public sealed class StreamStatistics
{
    private double _normalErrorSum;

    /// <summary>Gets the number of healthy samples scored (after warm-up and calibration).</summary>
    public int NormalCount { get; private set; }

    /// <summary>Gets the mean absolute forecast error over the healthy samples.</summary>
    public double NormalMeanError => NormalCount == 0 ? 0 : _normalErrorSum / NormalCount;

    /// <summary>Gets the largest absolute forecast error over the healthy samples.</summary>
    public double NormalMaxError { get; private set; }

    /// <summary>Gets the sum of all forecasts.</summary>
    public double ForecastSum { get; private set; }

    /// <summary>Gets the sum of the squares of all forecasts.</summary>
    public double ForecastSquares { get; private set; }

    /// <summary>Adds one sample's forecast error and the forecast made after it.</summary>
    /// <param name="t">The sample index.</param>
    /// <param name="error">The sample's forecast error.</param>
    /// <param name="forecast">The forecast of the next sample.</param>
    public void Add(int t, float error, float forecast)
    {
        ForecastSum += forecast;
        ForecastSquares += (double)forecast * forecast;
        if (t >= AnomalyDetector.WarmUp + AnomalyDetector.CalibrationSamples && DemoStream.IsNormal(t))
        {
            NormalCount++;
            _normalErrorSum += Math.Abs(error);
            NormalMaxError = Math.Max(NormalMaxError, Math.Abs(error));
        }
    }
}
