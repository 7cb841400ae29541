using System;
using LstmGen.Training;

namespace SineTraining;

/// <summary>
/// Trains a <see cref="SinePredictor"/> on <see cref="SineTask"/>: per iteration one sequence of T steps, the mean squared
/// error of the predictions (<see cref="Losses.MeanSquaredError{T}"/>), back-propagation through the read-out and through
/// time in the LSTM, clipping by the global norm, then Adam. All buffers are allocated up front; iterations allocate nothing.
/// </summary>
public sealed class SineTrainer
{
    /// <summary>The sequence length per training iteration.</summary>
    public const int Steps = SinePredictor.MaxSteps;

    /// <summary>The validation set's number of sequences.</summary>
    public const int ValidationSequences = 64;

    private readonly SinePredictor _model = new();
    private readonly SineTask _training;
    private readonly float[] _inputs = new float[Steps];
    private readonly float[] _targets = new float[Steps];
    private readonly float[] _predictions = new float[Steps];
    private readonly float[] _dLossDy = new float[Steps];
    private readonly float[] _validationInputs = new float[ValidationSequences * Steps];
    private readonly float[] _validationTargets = new float[ValidationSequences * Steps];

    /// <summary>Creates a trainer; the seed fixes the initial weights, the training sequences and the validation set.</summary>
    /// <param name="seed">The seed.</param>
    public SineTrainer(ulong seed)
    {
        _model.InitializeParameters(seed);
        _training = new SineTask(seed + 2);
        var validation = new SineTask(seed + 3);
        for (int s = 0; s < ValidationSequences; s++)
        {
            validation.Next(_validationInputs.AsSpan(s * Steps, Steps), _validationTargets.AsSpan(s * Steps, Steps));
        }
    }

    /// <summary>Gets the learning rate of Adam.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Runs one training iteration on a fresh sequence and returns its training loss (mean squared error).</summary>
    public float TrainIteration()
    {
        _training.Next(_inputs, _targets);
        _model.Reset();
        _model.Forward(_inputs, _predictions);
        float loss = Losses.MeanSquaredError<float>(_predictions, _targets, _dLossDy);
        _model.ZeroGradients();
        _model.Backward(_dLossDy, Span<float>.Empty);
        _model.ClipGradients(1f);
        _model.ApplyAdam(LearningRate);
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

    /// <summary>Predicts the next sample after every input of a sequence, one step at a time from a zero state.</summary>
    /// <param name="inputs">T inputs.</param>
    /// <param name="predictions">Receives T predictions.</param>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> predictions)
    {
        _model.Reset();
        for (int t = 0; t < inputs.Length; t++)
        {
            _model.Step(inputs.Slice(t, 1), predictions.Slice(t, 1));
        }
    }

    /// <summary>Gets one validation sequence's inputs and targets, for showing predictions.</summary>
    /// <param name="index">The sequence, 0 ≤ index &lt; <see cref="ValidationSequences"/>.</param>
    public (float[] Inputs, float[] Targets) ValidationSequence(int index) =>
        (_validationInputs.AsSpan(index * Steps, Steps).ToArray(), _validationTargets.AsSpan(index * Steps, Steps).ToArray());
}
