using System;

namespace SineTraining;

/// <summary>
/// The prediction head: y = v·h + c, one output from the LSTM's hidden state, trained with Adam alongside the layer.
/// Its buffers are allocated once, here; training steps allocate nothing.
/// </summary>
public sealed class LinearReadout
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private readonly float[] _weights;
    private readonly float[] _gradients;
    private readonly float[] _firstMoment;
    private readonly float[] _secondMoment;
    private float _bias;
    private float _biasGradient;
    private float _biasFirstMoment;
    private float _biasSecondMoment;
    private int _steps;

    /// <summary>Creates a readout for <paramref name="width"/> hidden units with small deterministic weights.</summary>
    /// <param name="width">The hidden state's width.</param>
    /// <param name="seed">Seeds the weights.</param>
    public LinearReadout(int width, ulong seed)
    {
        _weights = new float[width];
        _gradients = new float[width];
        _firstMoment = new float[width];
        _secondMoment = new float[width];
        new LstmGen.LstmRandom(seed).FillSymmetric(_weights, 1 / Math.Sqrt(width));
    }

    /// <summary>Returns v·h + c.</summary>
    /// <param name="hidden">The hidden state.</param>
    public float Predict(ReadOnlySpan<float> hidden)
    {
        float y = _bias;
        for (int j = 0; j < _weights.Length; j++)
        {
            y += _weights[j] * hidden[j];
        }

        return y;
    }

    /// <summary>Adds this step's gradients, given dLoss/dy, and writes dLoss/dh = dLoss/dy · v for the LSTM.</summary>
    /// <param name="hidden">The hidden state the prediction came from.</param>
    /// <param name="dLossDy">dLoss/dy for this prediction.</param>
    /// <param name="dLossDh">Receives dLoss/dh.</param>
    public void Backward(ReadOnlySpan<float> hidden, float dLossDy, Span<float> dLossDh)
    {
        for (int j = 0; j < _weights.Length; j++)
        {
            _gradients[j] += dLossDy * hidden[j];
            dLossDh[j] = dLossDy * _weights[j];
        }

        _biasGradient += dLossDy;
    }

    /// <summary>Takes one Adam step with the accumulated gradients and clears them.</summary>
    /// <param name="learningRate">The learning rate.</param>
    public void ApplyAdam(float learningRate)
    {
        _steps++;
        float correction1 = 1 - MathF.Pow(Beta1, _steps);
        float correction2 = MathF.Sqrt(1 - MathF.Pow(Beta2, _steps));
        for (int j = 0; j < _weights.Length; j++)
        {
            _weights[j] -= Update(_gradients[j], ref _firstMoment[j], ref _secondMoment[j], learningRate, correction1, correction2);
            _gradients[j] = 0;
        }

        _bias -= Update(_biasGradient, ref _biasFirstMoment, ref _biasSecondMoment, learningRate, correction1, correction2);
        _biasGradient = 0;
    }

    private static float Update(float gradient, ref float m, ref float v, float learningRate, float correction1, float correction2)
    {
        m = (Beta1 * m) + ((1 - Beta1) * gradient);
        v = (Beta2 * v) + ((1 - Beta2) * gradient * gradient);
        return learningRate / correction1 * m / ((MathF.Sqrt(v) / correction2) + Epsilon);
    }
}
