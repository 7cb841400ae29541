using System;

namespace DeviceSample.Training;

/// <summary>
/// Teaches a <see cref="NextSamplePredictor"/> to forecast the next sample of a healthy machine's vibration with its hidden
/// unit 0. Each episode is a fresh machine streamed for <see cref="EpisodeSamples"/> samples from a zero state, as the device
/// starts; it is cut into tape-sized chunks and the state carries over from chunk to chunk (truncated back-propagation
/// through time), so the layer learns to keep tracking over long streams. Buffers are allocated once; episodes allocate nothing.
/// </summary>
public sealed class PredictorTrainer
{
    /// <summary>Steps per chunk: one full tape.</summary>
    public const int Chunk = NextSamplePredictor.MaxSteps;

    /// <summary>Chunks per episode.</summary>
    public const int ChunksPerEpisode = 8;

    /// <summary>Samples per episode.</summary>
    public const int EpisodeSamples = Chunk * ChunksPerEpisode;

    /// <summary>Samples a freshly reset layer needs to lock onto a signal; validation ignores their errors.</summary>
    public const int WarmUp = 64;

    /// <summary>The validation set: healthy machines the training never sees.</summary>
    public const int ValidationMachines = 16;

    /// <summary>Samples per validation machine.</summary>
    public const int ValidationSamples = 1024;

    private const int H = NextSamplePredictor.StateWidth;
    private const ulong ValidationSeedBase = 1UL << 40;
    private readonly NextSamplePredictor _layer = new();
    private readonly ulong _seed;
    private readonly float[] _stream = new float[EpisodeSamples + 1];
    private readonly float[] _hidden = new float[Chunk * H];
    private readonly float[] _dLossDh = new float[Chunk * H];
    private readonly float[] _validation = new float[ValidationSamples + 1];
    private int _episode;

    /// <summary>Creates a trainer; the seed fixes the initial weights and the sequence of training machines.</summary>
    /// <param name="seed">The seed.</param>
    public PredictorTrainer(ulong seed)
    {
        _seed = seed;
        _layer.InitializeParameters(seed);
    }

    /// <summary>Gets the layer being trained.</summary>
    public NextSamplePredictor Layer => _layer;

    /// <summary>Trains on one fresh machine and returns the mean squared forecast error over the episode.</summary>
    /// <param name="learningRate">Adam's learning rate for this episode.</param>
    public float TrainEpisode(float learningRate)
    {
        new SensorSignal(unchecked((_seed * 0x9E3779B97F4A7C15UL) + (ulong)_episode++)).Fill(_stream);
        _layer.Reset();
        float loss = 0;
        for (int chunk = 0; chunk < ChunksPerEpisode; chunk++)
        {
            ReadOnlySpan<float> inputs = _stream.AsSpan(chunk * Chunk, Chunk);
            ReadOnlySpan<float> targets = _stream.AsSpan((chunk * Chunk) + 1, Chunk);
            _layer.Forward(inputs, _hidden);
            Array.Clear(_dLossDh);
            for (int t = 0; t < Chunk; t++)
            {
                float error = _hidden[t * H] - targets[t];
                loss += error * error / EpisodeSamples;
                _dLossDh[t * H] = 2 * error / Chunk;
            }

            _layer.ZeroGradients();
            _layer.Backward(_dLossDh, Span<float>.Empty);
            _layer.ClipGradients(1f);
            _layer.ApplyAdam(learningRate);
        }

        return loss;
    }

    /// <summary>Returns the root-mean-square forecast error over the validation machines, warm-up excluded.</summary>
    public float ValidationError()
    {
        Span<float> h = stackalloc float[H];
        double sum = 0;
        for (int machine = 0; machine < ValidationMachines; machine++)
        {
            new SensorSignal(ValidationSeedBase + (ulong)machine).Fill(_validation);
            _layer.Reset();
            for (int t = 0; t < ValidationSamples; t++)
            {
                _layer.Step(_validation.AsSpan(t, 1), h);
                if (t >= WarmUp)
                {
                    double error = h[0] - _validation[t + 1];
                    sum += error * error;
                }
            }
        }

        return (float)Math.Sqrt(sum / (ValidationMachines * (ValidationSamples - WarmUp)));
    }
}
