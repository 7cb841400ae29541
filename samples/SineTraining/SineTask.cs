using System;
using LstmGen;

namespace SineTraining;

/// <summary>
/// The toy task: read a noisy sine wave one sample at a time and predict the next clean sample. Each sequence has its own
/// random frequency, phase and amplitude, so the layer must infer them from what it has seen so far.
/// </summary>
public sealed class SineTask
{
    /// <summary>The noise added to every input sample (uniform, ±).</summary>
    public const float Noise = 0.05f;

    private LstmRandom _random;

    /// <summary>Creates a task whose sequences are drawn from a seeded generator.</summary>
    /// <param name="seed">The seed.</param>
    public SineTask(ulong seed) => _random = new LstmRandom(seed);

    /// <summary>Fills one sequence: <paramref name="inputs"/> are noisy samples, <paramref name="targets"/> the next clean ones.</summary>
    /// <param name="inputs">Receives T inputs.</param>
    /// <param name="targets">Receives T targets.</param>
    public void Next(Span<float> inputs, Span<float> targets)
    {
        double frequency = 0.15 + (0.25 * _random.NextDouble());
        double phase = 2 * Math.PI * _random.NextDouble();
        double amplitude = 0.5 + (0.4 * _random.NextDouble());
        for (int t = 0; t < inputs.Length; t++)
        {
            inputs[t] = (float)((amplitude * Math.Sin((frequency * t) + phase)) + _random.NextSymmetric(Noise));
            targets[t] = (float)(amplitude * Math.Sin((frequency * (t + 1)) + phase));
        }
    }
}
