using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace SineTraining;

/// <summary>
/// Trains a small LSTM model on the device to predict the next sample of a noisy sine wave, prints its progress and a
/// prediction table, and saves the loss curve and the predictions as a PNG (in the desktop build; see the project file).
/// </summary>
public static class Program
{
    /// <summary>Training iterations (one 32-step sequence each).</summary>
    public const int Iterations = 1500;

    /// <summary>Runs the training. The optional argument is where to save the plot (default: sine-training.png here).</summary>
    /// <param name="args">The PNG path, optionally.</param>
    public static void Main(string[] args)
    {
        string plotPath = Path.GetFullPath(args.Length > 0 ? args[0] : "sine-training.png");
        var trainer = new SineTrainer(seed: 7);
        float initial = trainer.ValidationLoss();
        Console.WriteLine($"Model {SinePredictor.Structure}, tape {SinePredictor.MaxSteps} steps, {SinePredictor.StorageBytes} bytes; Adam, learning rate {trainer.LearningRate}.");
        Console.WriteLine($"Validation loss (MSE) before training: {initial:F5}");

        var iterations = new List<int> { 0 };
        var trainingLoss = new List<double> { initial };
        var validationLoss = new List<double> { initial };
        var clock = new Stopwatch();
        double recent = 0;
        for (int iteration = 1; iteration <= Iterations; iteration++)
        {
            clock.Start();
            recent += trainer.TrainIteration();
            clock.Stop();
            if (iteration % 50 == 0)
            {
                iterations.Add(iteration);
                trainingLoss.Add(recent / 50);
                validationLoss.Add(trainer.ValidationLoss());
                recent = 0;
                if (iteration % 150 == 0)
                {
                    Console.WriteLine($"iteration {iteration,5}: training loss {trainingLoss[^1]:F5}, validation loss {validationLoss[^1]:F5}");
                }
            }
        }

        float final = trainer.ValidationLoss();
        Console.WriteLine($"Validation loss after {Iterations} iterations: {final:F5} ({initial / final:F0}x lower), {clock.Elapsed.TotalMilliseconds / Iterations * 1000:F1} µs per training iteration.");

        (float[] inputs, float[] targets) = trainer.ValidationSequence(0);
        var predictions = new float[inputs.Length];
        trainer.Predict(inputs, predictions);
        Console.WriteLine();
        Console.WriteLine("  t   input   target  predicted  error");
        for (int t = 0; t < inputs.Length; t += 3)
        {
            Console.WriteLine($"{t,3} {inputs[t],7:F3} {targets[t],8:F3} {predictions[t],10:F3} {predictions[t] - targets[t],7:F3}");
        }

        // Standard error, so that the output a device build prints (without the plot) is the same as the desktop run's.
#if TRAINING_PLOT
        TrainingPlot.Save(plotPath, iterations, trainingLoss, validationLoss, inputs, targets, predictions);
        Console.Error.WriteLine($"Saved the loss curve and the predictions to {plotPath}");
#else
        Console.Error.WriteLine("This build for a device runtime has no plot; `dotnet run` draws it.");
#endif
    }
}
