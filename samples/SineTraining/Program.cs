using System;
using System.Diagnostics;

namespace SineTraining;

/// <summary>Trains a small LSTM on the device to predict the next sample of a noisy sine wave, then shows its predictions.</summary>
public static class Program
{
    /// <summary>Training iterations (one 32-step sequence each).</summary>
    public const int Iterations = 1500;

    /// <summary>Runs the training and prints its progress and a prediction table.</summary>
    public static void Main()
    {
        var trainer = new SineTrainer(seed: 7);
        float initial = trainer.ValidationLoss();
        Console.WriteLine($"LSTM {SinePredictor.InputWidth}x{SinePredictor.StateWidth}, tape {SinePredictor.MaxSteps} steps, {SinePredictor.StorageBytes} bytes; Adam, learning rate {trainer.LearningRate}.");
        Console.WriteLine($"Validation loss (MSE) before training: {initial:F5}");

        var clock = new Stopwatch();
        float recent = 0;
        for (int iteration = 1; iteration <= Iterations; iteration++)
        {
            clock.Start();
            recent += trainer.TrainIteration();
            clock.Stop();
            if (iteration % 150 == 0)
            {
                Console.WriteLine($"iteration {iteration,5}: training loss {recent / 150:F5}, validation loss {trainer.ValidationLoss():F5}");
                recent = 0;
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
    }
}
