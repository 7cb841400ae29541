using System;
using LstmGen;

namespace AmpCapture;

/// <summary>
/// A stand-in for a recorded guitar: plucked strings synthesized with the Karplus-Strong algorithm (a noise burst circulating
/// in a delay line of one period, averaged on each pass), at random pitches, strengths and times. Deterministic for a seed.
/// </summary>
public static class GuitarSignal
{
    /// <summary>Synthesizes <paramref name="seconds"/> of plucked notes at <see cref="ReferenceAmp.SampleRate"/>.</summary>
    /// <param name="seconds">The length in seconds.</param>
    /// <param name="seed">The seed of the notes.</param>
    /// <returns>Mono samples in [−1, 1].</returns>
    public static float[] Plucks(double seconds, ulong seed)
    {
        var random = new LstmRandom(seed);
        int length = (int)(seconds * ReferenceAmp.SampleRate);
        var signal = new double[length];
        int start = 0;
        while (start < length)
        {
            // A note from E2 (82 Hz) to E5 (659 Hz), from a soft touch to a hard pick.
            double frequency = 82.41 * Math.Pow(2, Math.Floor(random.NextDouble() * 37) / 12);
            double strength = 0.15 + (0.8 * random.NextDouble());
            int duration = (int)((0.25 + (0.6 * random.NextDouble())) * ReferenceAmp.SampleRate);
            int period = Math.Max(2, (int)Math.Round(ReferenceAmp.SampleRate / frequency));
            var line = new double[period];
            for (int k = 0; k < period; k++)
            {
                line[k] = random.NextSymmetric(strength);
            }

            for (int t = 0; t < duration && start + t < length; t++)
            {
                int k = t % period;
                double sample = line[k];
                line[k] = 0.498 * (sample + line[(k + 1) % period]);
                signal[start + t] += sample;
            }

            start += (int)(duration * (0.5 + (0.5 * random.NextDouble())));
        }

        var result = new float[length];
        for (int t = 0; t < length; t++)
        {
            result[t] = (float)Math.Clamp(signal[t], -1, 1);
        }

        return result;
    }
}
