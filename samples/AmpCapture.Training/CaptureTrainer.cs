using System;
using LstmGen;
using LstmGen.Training;

namespace AmpCapture.Training;

/// <summary>
/// Trains a capture the way GuitarML's tools do: random windows of the dry signal in, the amp's output as the target, the
/// mean squared error, back-propagation through time, clipping and Adam. Every buffer is allocated once.
/// </summary>
/// <typeparam name="TModel">A generated training model of the capture shape.</typeparam>
public sealed class CaptureTrainer<TModel>
    where TModel : ILstmAdamModel<float>, new()
{
    private readonly float[] _dry;
    private readonly float[] _wet;
    private readonly float[] _ys = new float[CaptureTrainer.Steps];
    private readonly float[] _dLossDy = new float[CaptureTrainer.Steps];
    private LstmRandom _random;

    /// <summary>Creates a trainer on a dry signal and the amp's output for it.</summary>
    /// <param name="dry">The dry training signal.</param>
    /// <param name="wet">The amp's output for it.</param>
    /// <param name="seed">Seeds the initial weights and the windows.</param>
    public CaptureTrainer(float[] dry, float[] wet, ulong seed)
    {
        _dry = dry;
        _wet = wet;
        _random = new LstmRandom(seed);
        Model.InitializeParameters(seed);
    }

    /// <summary>Gets the model being trained.</summary>
    public TModel Model { get; } = new();

    /// <summary>Runs one iteration on a random window and returns its loss.</summary>
    /// <param name="learningRate">Adam's learning rate.</param>
    public float Iterate(float learningRate)
    {
        int start = (int)(_random.NextUInt64() % (ulong)(_dry.Length - CaptureTrainer.Steps));
        ReadOnlySpan<float> xs = _dry.AsSpan(start, CaptureTrainer.Steps);
        ReadOnlySpan<float> targets = _wet.AsSpan(start, CaptureTrainer.Steps);
        Model.Reset();
        Model.ZeroGradients();
        Model.Forward(xs, _ys);
        float loss = Losses.MeanSquaredError<float>(_ys, targets, _dLossDy);
        Model.Backward(_dLossDy, Span<float>.Empty);
        Model.ClipGradients(1f);
        Model.ApplyAdam(learningRate, 0.9f, 0.999f, 1e-8f);
        return loss;
    }
}

/// <summary>The training constants shared by every capture size.</summary>
public static class CaptureTrainer
{
    /// <summary>Samples per training window: about 11 ms at 48 kHz.</summary>
    public const int Steps = 512;
}
