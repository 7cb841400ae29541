using System;
using NAudio.Wave;

namespace AmpCapture;

/// <summary>WAV input and output through NAudio: any PCM or float WAV in, mixed down to mono; 32-bit float WAV out, mono or stereo.</summary>
public static class AudioFiles
{
    /// <summary>Reads a WAV file as mono float samples, the channels averaged.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The samples and the sample rate in hertz.</returns>
    public static (float[] Samples, int SampleRate) ReadMono(string path)
    {
        using var reader = new WaveFileReader(path);
        ISampleProvider provider = reader.ToSampleProvider();
        int channels = provider.WaveFormat.Channels;
        var interleaved = new float[reader.SampleCount * channels];
        int read = 0;
        int count;
        while (read < interleaved.Length && (count = provider.Read(interleaved.AsSpan(read))) > 0)
        {
            read += count;
        }

        var mono = new float[read / channels];
        for (int t = 0; t < mono.Length; t++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += interleaved[(t * channels) + c];
            }

            mono[t] = sum / channels;
        }

        return (mono, provider.WaveFormat.SampleRate);
    }

    /// <summary>Writes interleaved float samples (L, R, L, R, …) as a two-channel 32-bit float WAV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="interleaved">The frames, left then right.</param>
    /// <param name="sampleRate">The sample rate in frames per second.</param>
    public static void WriteStereo(string path, ReadOnlySpan<float> interleaved, int sampleRate)
    {
        using var writer = new WaveFileWriter(path, WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 2));
        float[] buffer = interleaved.ToArray();
        writer.WriteSamples(buffer, 0, buffer.Length);
    }

    /// <summary>Writes mono float samples as a 32-bit float WAV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="samples">The samples.</param>
    /// <param name="sampleRate">The sample rate in hertz.</param>
    public static void WriteMono(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        using var writer = new WaveFileWriter(path, WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1));
        float[] buffer = samples.ToArray();
        writer.WriteSamples(buffer, 0, buffer.Length);
    }
}
