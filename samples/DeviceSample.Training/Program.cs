using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace DeviceSample.Training;

/// <summary>
/// Trains the device sample's model and writes it as safetensors in PyTorch's nn.LSTM layout:
/// <c>dotnet run --project samples/DeviceSample.Training -c Release -- samples/DeviceSample/model.safetensors</c>.
/// </summary>
public static class Program
{
    /// <summary>The seed of the committed model.</summary>
    public const ulong Seed = 1;

    /// <summary>Training episodes (one fresh healthy machine each).</summary>
    public const int Episodes = 6000;

    /// <summary>Trains, reports progress and writes the model to the path given as the only argument.</summary>
    /// <param name="args">The output path; <c>model.safetensors</c> in the current directory when absent.</param>
    public static void Main(string[] args)
    {
        string path = args.Length > 0 ? args[0] : "model.safetensors";
        var trainer = new PredictorTrainer(Seed);
        Console.WriteLine($"Training a {NextSamplePredictor.InputWidth}x{NextSamplePredictor.StateWidth} LSTM to forecast the next sample; {Episodes} machines of {PredictorTrainer.EpisodeSamples} samples, seed {Seed}.");
        Console.WriteLine($"Validation RMS error before training: {trainer.ValidationError():F5}");
        var clock = Stopwatch.StartNew();
        float recent = 0;
        for (int episode = 1; episode <= Episodes; episode++)
        {
            recent += trainer.TrainEpisode(LearningRate(episode));
            if (episode % 600 == 0)
            {
                Console.WriteLine($"episode {episode,5}: training MSE {recent / 600:F6}, validation RMS error {trainer.ValidationError():F5}");
                recent = 0;
            }
        }

        float final = trainer.ValidationError();
        Console.WriteLine($"Validation RMS error after training: {final:F5} (the measurement noise alone is {SensorSignal.Noise / Math.Sqrt(3):F5}); {clock.Elapsed.TotalSeconds:F1} s.");

        var metadata = new List<KeyValuePair<string, string>>
        {
            new("origin", "samples/DeviceSample.Training"),
            new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
            new("episodes", Episodes.ToString(CultureInfo.InvariantCulture)),
            new("validation_rms_error", final.ToString("F5", CultureInfo.InvariantCulture)),
        };
        byte[] file = trainer.Layer.Weights.ToSafeTensors(metadata: metadata);
        File.WriteAllBytes(path, file);
        Console.WriteLine($"Wrote {Path.GetFullPath(path)} ({file.Length} bytes).");
    }

    /// <summary>Adam's learning rate for an episode: steady for the first half, then a step down every sixth for the fine detail.</summary>
    /// <param name="episode">The episode, from 1.</param>
    public static float LearningRate(int episode) => (episode * 6 / (Episodes + 1)) switch
    {
        < 3 => 0.01f,
        3 => 0.003f,
        4 => 0.001f,
        _ => 0.0003f,
    };
}
