using System;
using System.Diagnostics;
using LstmGen;

namespace AmpCapture;

/// <summary>Streams audio through a capture in blocks, as an audio callback would, reporting progress and speed.</summary>
public static class AmpProcessor
{
    /// <summary>Samples per block: about 5 ms at 48 kHz, a typical audio buffer.</summary>
    public const int BlockSize = 256;

    /// <summary>Processes a whole signal from a silent state, block by block, with no allocation per block.</summary>
    /// <param name="model">The capture.</param>
    /// <param name="input">The dry signal.</param>
    /// <param name="output">Receives the processed signal; as long as the input.</param>
    /// <param name="sampleRate">The sample rate, for the real-time factor.</param>
    /// <param name="progress">Called with the fraction done about every tenth of the signal; may be null.</param>
    /// <returns>The real-time factor: seconds of audio processed per second of computing.</returns>
    public static double Process(ILstmModel<float> model, ReadOnlySpan<float> input, Span<float> output, int sampleRate, Action<double>? progress)
    {
        model.Reset();
        int reportEvery = Math.Max(BlockSize, input.Length / 10 / BlockSize * BlockSize);
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < input.Length; start += BlockSize)
        {
            int count = Math.Min(BlockSize, input.Length - start);
            model.Forward(input.Slice(start, count), output.Slice(start, count));
            if (progress is not null && (start + count) % reportEvery < BlockSize)
            {
                clock.Stop();
                progress((double)(start + count) / input.Length);
                clock.Start();
            }
        }

        clock.Stop();
        return input.Length / (double)sampleRate / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The error-to-signal ratio GuitarML reports for captures: Σ(y − ŷ)² / Σy².</summary>
    /// <param name="target">The reference output y.</param>
    /// <param name="output">The model's output ŷ.</param>
    public static double ErrorToSignal(ReadOnlySpan<float> target, ReadOnlySpan<float> output)
    {
        double error = 0;
        double energy = 0;
        for (int t = 0; t < target.Length; t++)
        {
            double d = target[t] - output[t];
            error += d * d;
            energy += (double)target[t] * target[t];
        }

        return error / energy;
    }
}
