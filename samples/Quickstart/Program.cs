using System;
using LstmGen;

namespace Quickstart;

/// <summary>
/// The smallest useful program: declare a layer, give it weights, stream samples through it one step at a time, then run a
/// whole sequence at once, and show that the two agree and allocate nothing.
/// </summary>
public static class Program
{
    /// <summary>Runs the demonstration.</summary>
    public static void Main()
    {
        var layer = new Detector();
        layer.InitializeParameters(seed: 2024);
        Console.WriteLine($"Detector: {Detector.InputWidth} inputs, {Detector.StateWidth} hidden units, {Detector.ParameterCount} parameters, {Detector.StorageBytes} bytes.");
        Console.WriteLine($"Storage: {Detector.ParameterLayout}.");

        // Streaming: one step per incoming sample vector (here a few sensor channels of a synthetic signal).
        Span<float> x = stackalloc float[Detector.InputWidth];
        Span<float> h = stackalloc float[Detector.StateWidth];
        const int Steps = 200;
        float[] xs = new float[Steps * Detector.InputWidth];
        for (int t = 0; t < Steps; t++)
        {
            for (int channel = 0; channel < Detector.InputWidth; channel++)
            {
                x[channel] = MathF.Sin((0.05f * t) + channel) + (channel == 0 && t == 150 ? 3f : 0f);
            }

            x.CopyTo(xs.AsSpan(t * Detector.InputWidth));
            layer.Step(x, h);
            if (t % 25 == 0 || t == 150)
            {
                Console.WriteLine($"t = {t,3}: h[0..4] = {h[0],8:F4} {h[1],8:F4} {h[2],8:F4} {h[3],8:F4}{(t == 150 ? "   <- spike on channel 0" : string.Empty)}");
            }
        }

        float[] streamed = layer.HiddenState.ToArray();

        // The same sequence in one call from a fresh state gives the same final state.
        layer.Reset();
        float[] hs = new float[Steps * Detector.StateWidth];
        layer.Forward(xs, hs);
        bool same = streamed.AsSpan().SequenceEqual(layer.HiddenState);
        Console.WriteLine($"Forward over {Steps} steps ends in the same state as streaming: {same}.");

        // Steps themselves allocate nothing (the printing above does).
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < Steps; t++)
        {
            layer.Step(xs.AsSpan(t * Detector.InputWidth, Detector.InputWidth), h);
        }

        Console.WriteLine($"Bytes allocated by {Steps} more steps: {GC.GetAllocatedBytesForCurrentThread() - before}.");
    }
}

/// <summary>An LSTM layer for 8 sensor channels with 16 hidden units; the generator writes the rest.</summary>
[LstmLayer(inputWidth: 8, stateWidth: 16)]
public partial class Detector;
