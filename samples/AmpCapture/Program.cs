using System;
using System.IO;
using LstmGen;

namespace AmpCapture;

/// <summary>
/// Runs guitar audio through an amp capture, the job LstmGen exists for: a whole model (LSTM → Dense + the residual input)
/// loaded from the GuitarML file format that capture players share, streamed in 256-sample blocks with no allocation.
/// </summary>
/// <remarks>
/// <code>
/// dotnet run --project samples/AmpCapture -c Release                          # a synthesized guitar take, both captures
/// dotnet run --project samples/AmpCapture -c Release -- in.wav out.wav [capture.json]
/// </code>
/// With no arguments it synthesizes a dry take (dry.wav), plays it through the 20-unit capture loaded at run time and through
/// the same capture baked in at build time (checking that both give the same bits), and writes wet.wav; then it plays a
/// stereo take through the baked capture with two streams (checking each channel against the mono bits) and writes
/// wet-stereo.wav. With a WAV file it
/// processes that instead, through the capture given (any size the player supports, see <see cref="CaptureLibrary"/>).
/// </remarks>
public static class Program
{
    /// <summary>Runs the sample.</summary>
    /// <param name="args">Optional: input WAV, output WAV, capture file.</param>
    /// <returns>0 on success, 1 when a file cannot be used.</returns>
    public static int Main(string[] args)
    {
        string folder = AppContext.BaseDirectory;
        string capturePath = args.Length > 2 ? args[2] : Path.Combine(folder, "captures", "crunch-h20.json");
        string outputPath = args.Length > 1 ? args[1] : "wet.wav";
        float[] dry;
        int sampleRate;
        if (args.Length > 0)
        {
            (dry, sampleRate) = AudioFiles.ReadMono(args[0]);
            Console.WriteLine($"Read {args[0]}: {dry.Length / (double)sampleRate:F1} s at {sampleRate} Hz.");
        }
        else
        {
            sampleRate = ReferenceAmp.SampleRate;
            dry = GuitarSignal.Plucks(seconds: 20, seed: 2026);
            AudioFiles.WriteMono("dry.wav", dry, sampleRate);
            Console.WriteLine($"Synthesized a {dry.Length / (double)sampleRate:F0} s guitar take at {sampleRate} Hz: dry.wav.");
        }

        if (sampleRate != ReferenceAmp.SampleRate)
        {
            Console.WriteLine($"Note: the captures were trained at {ReferenceAmp.SampleRate} Hz; at {sampleRate} Hz their filters sit elsewhere.");
        }

        ILstmModel<float> capture;
        try
        {
            capture = CaptureLibrary.Load(File.ReadAllBytes(capturePath));
        }
        catch (InvalidDataException exception)
        {
            Console.Error.WriteLine($"{capturePath}: {exception.Message}");
            return 1;
        }

        Console.WriteLine($"Capture {Path.GetFileName(capturePath)}: {capture.Structure}, loaded at run time.");
        var wet = new float[dry.Length];
        double speed = AmpProcessor.Process(capture, dry, wet, sampleRate, Progress);
        Console.WriteLine($"Real-time factor {speed:F0}x: a second of audio takes {1000 / speed:F2} ms.");
        AudioFiles.WriteMono(outputPath, wet, sampleRate);
        Console.WriteLine($"Wrote {outputPath}.");

        if (args.Length == 0)
        {
            var baked = new BakedCrunch();
            var bakedWet = new float[dry.Length];
            Console.WriteLine();
            Console.WriteLine($"The same capture baked in at build time: {BakedCrunch.Structure}, {BakedCrunch.StorageBytes} bytes of state, weights in read-only data.");
            double bakedSpeed = AmpProcessor.Process(baked, dry, bakedWet, sampleRate, Progress);
            bool same = wet.AsSpan().SequenceEqual(bakedWet);
            Console.WriteLine($"Real-time factor {bakedSpeed:F0}x; output {(same ? "identical to" : "DIFFERENT from")} the loaded capture's, bit for bit.");
            float[] reference = ReferenceAmp.ProcessAll(dry);
            Console.WriteLine($"Error-to-signal ratio against the amp it imitates: {AmpProcessor.ErrorToSignal(reference, wet):P2}.");
            if (!same)
            {
                return 1;
            }

            Console.WriteLine();
            if (!Stereo(dry, bakedWet, sampleRate))
            {
                return 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// Plays a stereo take through <see cref="StereoCrunch"/>, both channels in one pass, and checks each channel against the
    /// mono capture: the left channel is the mono take (whose output <paramref name="monoWet"/> holds), the right another.
    /// </summary>
    /// <returns>Whether both channels gave the mono capture's bits.</returns>
    private static bool Stereo(float[] left, float[] monoWet, int sampleRate)
    {
        float[] right = GuitarSignal.Plucks(seconds: left.Length / (double)sampleRate, seed: 2027);
        var dry = new float[2 * left.Length];
        for (int t = 0; t < left.Length; t++)
        {
            dry[2 * t] = left[t];
            dry[(2 * t) + 1] = right[t];
        }

        var wet = new float[dry.Length];
        Console.WriteLine($"Stereo through {nameof(StereoCrunch)} ({StereoCrunch.Structure}, {StereoCrunch.Streams} streams, {StereoCrunch.StorageBytes} bytes of state):");
        double speed = AmpProcessor.Process(new StereoCrunch(), dry, wet, sampleRate, Progress);
        var rightWet = new float[right.Length];
        AmpProcessor.Process(new BakedCrunch(), right, rightWet, sampleRate, null);
        bool same = true;
        for (int t = 0; t < left.Length; t++)
        {
            same &= BitConverter.SingleToInt32Bits(wet[2 * t]) == BitConverter.SingleToInt32Bits(monoWet[t])
                && BitConverter.SingleToInt32Bits(wet[(2 * t) + 1]) == BitConverter.SingleToInt32Bits(rightWet[t]);
        }

        Console.WriteLine($"Real-time factor {speed:F0}x for both channels; each channel {(same ? "identical to" : "DIFFERENT from")} the mono capture's output, bit for bit.");
        AudioFiles.WriteStereo("wet-stereo.wav", wet, sampleRate);
        Console.WriteLine("Wrote wet-stereo.wav.");
        return same;
    }

    /// <summary>Prints progress on one line: "processed 10% 20% … 100%".</summary>
    private static void Progress(double done)
    {
        Console.Write(done < 0.15 ? $"processed {done:P0}" : $" {done:P0}");
        if (done >= 1)
        {
            Console.WriteLine();
        }
    }
}
