using System;

namespace AmpCapture;

/// <summary>
/// The "amplifier" the sample's captures were trained to imitate: a small deterministic overdrive written as plain DSP, so
/// anyone can regenerate the captures and no one's model files are copied. A first-order high-pass (about 80 Hz) feeds an
/// asymmetric tanh drive, then a first-order low-pass (about 3 kHz) smooths it, the way a simple amp stage does:
/// <c>y = lowpass(tanh(g·(highpass(x) + d)) − tanh(g·d)) · level</c>. The filters carry state, so the model needs memory.
/// </summary>
public sealed class ReferenceAmp
{
    /// <summary>The sample rate the captures were trained at, in hertz.</summary>
    public const int SampleRate = 48_000;

    private const double Gain = 4.0;
    private const double Asymmetry = 0.2;
    private const double Level = 0.6;
    private static readonly double HighPass = Math.Exp(-2 * Math.PI * 80.0 / SampleRate);
    private static readonly double LowPass = Math.Exp(-2 * Math.PI * 3000.0 / SampleRate);
    private static readonly double Offset = Math.Tanh(Gain * Asymmetry);

    private double _previousInput;
    private double _highPassed;
    private double _lowPassed;

    /// <summary>Processes one sample.</summary>
    /// <param name="x">The input sample, nominally in [−1, 1].</param>
    /// <returns>The output sample.</returns>
    public float Process(float x)
    {
        _highPassed = HighPass * (_highPassed + x - _previousInput);
        _previousInput = x;
        double driven = Math.Tanh(Gain * (_highPassed + Asymmetry)) - Offset;
        _lowPassed = ((1 - LowPass) * driven) + (LowPass * _lowPassed);
        return (float)(_lowPassed * Level);
    }

    /// <summary>Processes a whole signal from a silent start.</summary>
    /// <param name="input">The input samples.</param>
    /// <returns>The output samples.</returns>
    public static float[] ProcessAll(ReadOnlySpan<float> input)
    {
        var amp = new ReferenceAmp();
        var output = new float[input.Length];
        for (int t = 0; t < input.Length; t++)
        {
            output[t] = amp.Process(input[t]);
        }

        return output;
    }
}
