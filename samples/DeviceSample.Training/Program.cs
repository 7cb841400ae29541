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

    /// <summary>
    /// Trains, reports progress and writes the model to the path given as the argument. With <c>--batch</c> it trains
    /// <see cref="MiniBatchTrainer.Machines"/> machines per iteration through one streamed layer (a mini-batch) instead of
    /// one machine per episode; the committed model is the one-by-one run's.
    /// </summary>
    /// <param name="args">The output path (<c>model.safetensors</c> in the current directory when absent), and optionally <c>--batch</c>.</param>
    public static void Main(string[] args)
    {
        bool batch = Array.IndexOf(args, "--batch") >= 0;
        string[] paths = Array.FindAll(args, a => a != "--batch");
        string path = paths.Length > 0 ? paths[0] : "model.safetensors";
        var trainer = new PredictorTrainer(Seed);
        var miniBatch = batch ? new MiniBatchTrainer(Seed) : null;
        string how = batch ? $"mini-batches of {MiniBatchTrainer.Machines} machines" : "one machine at a time";
        Console.WriteLine($"Training a {NextSamplePredictor.InputWidth}x{NextSamplePredictor.StateWidth} LSTM to forecast the next sample; {Episodes} machines of {PredictorTrainer.EpisodeSamples} samples ({how}), seed {Seed}.");
        Console.WriteLine($"Validation RMS error before training: {trainer.ValidationError():F5}");
        var clock = Stopwatch.StartNew();
        float recent = 0;
        int perEpisode = batch ? MiniBatchTrainer.Machines : 1;
        for (int episode = perEpisode; episode <= Episodes; episode += perEpisode)
        {
            // A mini-batch's loss is the mean over its machines, so it counts once per machine in the running mean.
            recent += miniBatch is null ? trainer.TrainEpisode(LearningRate(episode)) : miniBatch.TrainIteration(LearningRate(episode)) * perEpisode;
            if (episode % 600 == 0)
            {
                miniBatch?.CopyTo(trainer.Layer);
                Console.WriteLine($"episode {episode,5}: training MSE {recent / 600:F6}, validation RMS error {trainer.ValidationError():F5}");
                recent = 0;
            }
        }

        miniBatch?.CopyTo(trainer.Layer); // the trained weights into the single-stream layer that validates and exports them
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
