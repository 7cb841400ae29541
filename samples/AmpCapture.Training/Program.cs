using System;
using System.Diagnostics;
using System.IO;
using LstmGen;

namespace AmpCapture.Training;

/// <summary>
/// Trains the amp sample's two captures on synthesized guitar through <see cref="ReferenceAmp"/> and writes them in the
/// GuitarML format: <c>dotnet run --project samples/AmpCapture.Training -c Release -- samples/AmpCapture/captures</c>.
/// </summary>
public static class Program
{
    /// <summary>Training iterations per capture.</summary>
    public const int Iterations = 10000;

    /// <summary>Trains both captures and writes them to the folder given as the only argument (default: the current one).</summary>
    /// <param name="args">The output folder.</param>
    public static void Main(string[] args)
    {
        string folder = args.Length > 0 ? args[0] : ".";
        Directory.CreateDirectory(folder);
        float[] dry = GuitarSignal.Plucks(seconds: 30, seed: 1);
        float[] wet = ReferenceAmp.ProcessAll(dry);
        float[] testDry = GuitarSignal.Plucks(seconds: 10, seed: 2);
        float[] testWet = ReferenceAmp.ProcessAll(testDry);
        Console.WriteLine($"Training on {dry.Length / (double)ReferenceAmp.SampleRate:F0} s of synthesized guitar through the reference amp; testing on {testDry.Length / (double)ReferenceAmp.SampleRate:F0} s more.");

        Train(new CaptureTrainer<TrainableCapture8>(dry, wet, seed: 8), testDry, testWet, Path.Combine(folder, "crunch-h8.json"));
        Train(new CaptureTrainer<TrainableCapture20>(dry, wet, seed: 20), testDry, testWet, Path.Combine(folder, "crunch-h20.json"));
    }

    private static void Train<TModel>(CaptureTrainer<TModel> trainer, float[] testDry, float[] testWet, string path)
        where TModel : ILstmAdamModel<float>, new()
    {
        Console.WriteLine();
        Console.WriteLine($"{trainer.Model.Structure}: {Iterations} iterations of {CaptureTrainer.Steps} samples.");
        var clock = Stopwatch.StartNew();
        double recent = 0;
        for (int iteration = 1; iteration <= Iterations; iteration++)
        {
            float learningRate = iteration <= Iterations * 3 / 4 ? 3e-3f : 1e-3f;
            recent += trainer.Iterate(learningRate);
            if (iteration % 1000 == 0)
            {
                Console.WriteLine($"iteration {iteration,5}: training MSE {recent / 1000:E2}, test error-to-signal {TestError(trainer.Model, testDry, testWet):P2}");
                recent = 0;
            }
        }

        Console.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMilliseconds * 1000 / Iterations:F0} µs per iteration.");
        byte[] file = ModelFiles.ToGuitarMlJson(trainer.Model);
        File.WriteAllBytes(path, file);
        Console.WriteLine($"Wrote {Path.GetFullPath(path)} ({file.Length} bytes).");
    }

    /// <summary>The error-to-signal ratio on the test signal, run step by step from silence as a player runs it.</summary>
    private static double TestError<TModel>(TModel model, float[] dry, float[] wet)
        where TModel : ILstmModel<float>
    {
        model.Reset();
        var y = new float[1];
        double error = 0;
        double energy = 0;
        for (int t = 0; t < dry.Length; t++)
        {
            model.Step(dry.AsSpan(t, 1), y);
            double d = wet[t] - y[0];
            error += d * d;
            energy += (double)wet[t] * wet[t];
        }

        return error / energy;
    }
}
