using System;
using System.Diagnostics;
using LstmGen;

namespace AmpCapture;

/// <summary>Streams audio through a capture in blocks, as an audio callback would, reporting progress and speed.</summary>
public static class AmpProcessor
{
    /// <summary>Samples per block: about 5 ms at 48 kHz, a typical audio buffer.</summary>
    public const int BlockSize = 256;

    /// <summary>
    /// Processes a whole signal from a silent state, block by block, with no allocation per block. A model with N streams
    /// takes N channels interleaved (frame after frame: L, R, L, R, … for stereo), which is its time-major layout.
    /// </summary>
    /// <param name="model">The capture.</param>
    /// <param name="input">The dry signal: <see cref="ILstmModel{T}.Streams"/> interleaved channels.</param>
    /// <param name="output">Receives the processed signal, laid out alike; as long as the input.</param>
    /// <param name="sampleRate">The sample rate in frames per second, for the real-time factor.</param>
    /// <param name="progress">Called with the fraction done about every tenth of the signal; may be null.</param>
    /// <returns>The real-time factor: seconds of audio processed per second of computing.</returns>
    /// <exception cref="ArgumentException">The input is not whole frames, or the output's length differs.</exception>
    public static double Process(ILstmModel<float> model, ReadOnlySpan<float> input, Span<float> output, int sampleRate, Action<double>? progress)
    {
        int channels = model.Streams;
        if (input.Length % channels != 0 || output.Length != input.Length)
        {
            throw new ArgumentException($"The signal must be whole frames of {channels} channel(s), and the output as long as the input.", nameof(input));
        }

        model.Reset();
        int block = BlockSize * channels;
        int reportEvery = Math.Max(block, input.Length / 10 / block * block);
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < input.Length; start += block)
        {
            int count = Math.Min(block, input.Length - start);
            model.Forward(input.Slice(start, count), output.Slice(start, count));
            if (progress is not null && (start + count) % reportEvery < block)
            {
                clock.Stop();
                progress((double)(start + count) / input.Length);
                clock.Start();
            }
        }

        clock.Stop();
        return input.Length / channels / (double)sampleRate / clock.Elapsed.TotalSeconds;
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
