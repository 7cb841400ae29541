using System;

namespace DeviceSample.Training;

/// <summary>
/// Trains as <see cref="PredictorTrainer"/> does, but <see cref="MiniBatchPredictor.Streams"/> fresh machines per
/// iteration through one streamed layer: each chunk is one Forward of every machine, one Backward that sums their
/// gradients (the loss is the mean over machines), and one Adam step. Validation and export go through a
/// <see cref="NextSamplePredictor"/> given the same weights (<see cref="CopyTo"/>). The buffers are allocated once; an
/// iteration allocates only its machines' synthetic signals, the layer nothing.
/// </summary>
public sealed class MiniBatchTrainer
{
    /// <summary>Machines per iteration.</summary>
    public const int Machines = MiniBatchPredictor.Streams;

    private const int H = MiniBatchPredictor.StateWidth;
    private const int Chunk = PredictorTrainer.Chunk;
    private readonly MiniBatchPredictor _layer = new();
    private readonly ulong _seed;
    private readonly float[][] _streams = new float[Machines][];
    private readonly float[] _inputs = new float[Chunk * Machines];
    private readonly float[] _hidden = new float[Chunk * Machines * H];
    private readonly float[] _dLossDh = new float[Chunk * Machines * H];
    private readonly float[] _parameters = new float[MiniBatchPredictor.ParameterCount];
    private int _iteration;

    /// <summary>Creates a trainer; the seed fixes the initial weights and the sequence of training machines.</summary>
    /// <param name="seed">The seed.</param>
    public MiniBatchTrainer(ulong seed)
    {
        _seed = seed;
        _layer.InitializeParameters(seed);
        for (int machine = 0; machine < Machines; machine++)
        {
            _streams[machine] = new float[PredictorTrainer.EpisodeSamples + 1];
        }
    }

    /// <summary>Gives a single-stream layer the trained weights, for validation and export.</summary>
    /// <param name="layer">The layer.</param>
    public void CopyTo(NextSamplePredictor layer)
    {
        _layer.ExportParameters(_parameters);
        layer.ImportParameters(_parameters);
    }

    /// <summary>Trains on <see cref="Machines"/> fresh machines and returns the mean squared forecast error over them.</summary>
    /// <param name="learningRate">Adam's learning rate for this iteration.</param>
    public float TrainIteration(float learningRate)
    {
        for (int machine = 0; machine < Machines; machine++)
        {
            new SensorSignal(unchecked((_seed * 0x9E3779B97F4A7C15UL) + (ulong)_iteration++)).Fill(_streams[machine]);
        }

        _layer.Reset();
        float loss = 0;
        for (int chunk = 0; chunk < PredictorTrainer.ChunksPerEpisode; chunk++)
        {
            // Time-major: step t of machine m at t·N + m.
            for (int t = 0; t < Chunk; t++)
            {
                for (int machine = 0; machine < Machines; machine++)
                {
                    _inputs[(t * Machines) + machine] = _streams[machine][(chunk * Chunk) + t];
                }
            }

            _layer.Forward(_inputs, _hidden);
            Array.Clear(_dLossDh);
            for (int t = 0; t < Chunk; t++)
            {
                for (int machine = 0; machine < Machines; machine++)
                {
                    int at = ((t * Machines) + machine) * H;
                    float error = _hidden[at] - _streams[machine][(chunk * Chunk) + t + 1];
                    loss += error * error / (PredictorTrainer.EpisodeSamples * Machines);
                    _dLossDh[at] = 2 * error / (Chunk * Machines);
                }
            }

            _layer.ZeroGradients();
            _layer.Backward(_dLossDh, Span<float>.Empty);
            _layer.ClipGradients(1f);
            _layer.ApplyAdam(learningRate);
        }

        return loss;
    }
}
