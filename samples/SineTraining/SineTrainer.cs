using System;

namespace SineTraining;

/// <summary>
/// Trains a <see cref="SinePredictor"/> with a <see cref="LinearReadout"/> on <see cref="SineTask"/>: per iteration one
/// sequence of T steps, the mean squared error of the predictions, BPTT through the LSTM, then Adam on both.
/// All buffers are allocated up front; iterations allocate nothing.
/// </summary>
public sealed class SineTrainer
{
    /// <summary>The sequence length per training iteration.</summary>
    public const int Steps = SinePredictor.MaxSteps;

    /// <summary>The validation set's number of sequences.</summary>
    public const int ValidationSequences = 64;

    private const int H = SinePredictor.StateWidth;
    private readonly SinePredictor _layer = new();
    private readonly LinearReadout _readout;
    private readonly SineTask _training;
    private readonly float[] _inputs = new float[Steps];
    private readonly float[] _targets = new float[Steps];
    private readonly float[] _hidden = new float[Steps * H];
    private readonly float[] _dLossDh = new float[Steps * H];
    private readonly float[] _validationInputs = new float[ValidationSequences * Steps];
    private readonly float[] _validationTargets = new float[ValidationSequences * Steps];

    /// <summary>Creates a trainer; the seed fixes the initial weights, the training sequences and the validation set.</summary>
    /// <param name="seed">The seed.</param>
    public SineTrainer(ulong seed)
    {
        _layer.InitializeParameters(seed);
        _readout = new LinearReadout(H, seed + 1);
        _training = new SineTask(seed + 2);
        var validation = new SineTask(seed + 3);
        for (int s = 0; s < ValidationSequences; s++)
        {
            validation.Next(_validationInputs.AsSpan(s * Steps, Steps), _validationTargets.AsSpan(s * Steps, Steps));
        }
    }

    /// <summary>Gets the learning rate of both Adam optimizers.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Runs one training iteration on a fresh sequence and returns its training loss (mean squared error).</summary>
    public float TrainIteration()
    {
        _training.Next(_inputs, _targets);
        _layer.Reset();
        _layer.Forward(_inputs, _hidden);
        float loss = 0;
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<float> h = _hidden.AsSpan(t * H, H);
            float error = _readout.Predict(h) - _targets[t];
            loss += error * error / Steps;
            _readout.Backward(h, 2 * error / Steps, _dLossDh.AsSpan(t * H, H));
        }

        _layer.ZeroGradients();
        _layer.Backward(_dLossDh, Span<float>.Empty);
        _layer.ClipGradients(1f);
        _layer.ApplyAdam(LearningRate);
        _readout.ApplyAdam(LearningRate);
        return loss;
    }

    /// <summary>Returns the mean squared error over the fixed validation set (no training).</summary>
    public float ValidationLoss()
    {
        float loss = 0;
        for (int s = 0; s < ValidationSequences; s++)
        {
            Predict(_validationInputs.AsSpan(s * Steps, Steps), _inputs);
            for (int t = 0; t < Steps; t++)
            {
                float error = _inputs[t] - _validationTargets[(s * Steps) + t];
                loss += error * error;
            }
        }

        return loss / (ValidationSequences * Steps);
    }

    /// <summary>Predicts the next sample after every input of a sequence, starting from a zero state.</summary>
    /// <param name="inputs">T inputs.</param>
    /// <param name="predictions">Receives T predictions.</param>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> predictions)
    {
        _layer.Reset();
        Span<float> h = stackalloc float[H];
        for (int t = 0; t < inputs.Length; t++)
        {
            _layer.Step(inputs.Slice(t, 1), h);
            predictions[t] = _readout.Predict(h);
        }
    }

    /// <summary>Gets one validation sequence's inputs and targets, for showing predictions.</summary>
    /// <param name="index">The sequence, 0 ≤ index &lt; <see cref="ValidationSequences"/>.</param>
    public (float[] Inputs, float[] Targets) ValidationSequence(int index) =>
        (_validationInputs.AsSpan(index * Steps, Steps).ToArray(), _validationTargets.AsSpan(index * Steps, Steps).ToArray());
}
