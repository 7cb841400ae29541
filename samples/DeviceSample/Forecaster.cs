using System;
using System.Runtime.InteropServices;

namespace DeviceSample;

/// <summary>
/// Streams samples through the <see cref="AnomalyModel"/> one at a time and scores each by how far it lands from the
/// model's forecast. One step per sample, nothing allocated.
/// </summary>
public sealed class Forecaster
{
    private readonly AnomalyModel _model = new();
    private readonly float[] _hidden = new float[AnomalyModel.StateWidth];

    /// <summary>Gets the forecast of the next sample (hidden unit 0 after the last step; zero before the first).</summary>
    public float Forecast { get; private set; }

    /// <summary>Returns the sample's forecast error (sample − forecast), then feeds it to the model.</summary>
    /// <param name="sample">The new sample.</param>
    public float Observe(float sample)
    {
        float error = sample - Forecast;
        _model.Step(MemoryMarshal.CreateReadOnlySpan(ref sample, 1), _hidden);
        Forecast = _hidden[0];
        return error;
    }
}
