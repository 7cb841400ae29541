using System;

namespace LstmGen.PerfHarness;

/// <summary>
/// The C++ yardstick's deterministic data (common.hpp): its LCG, its Keras-layout weights (W[I][4H], U[H][4H], b[4H], gate
/// blocks i, f, c, o) and its 4096-step input ring. Reproducing them bit for bit makes the checksums comparable.
/// </summary>
public sealed class PerfRefData
{
    /// <summary>The input ring's length in steps.</summary>
    public const int InputSteps = 4096;

    public PerfRefData(int inputWidth, int stateWidth)
    {
        InputWidth = inputWidth;
        StateWidth = stateWidth;
        int gates = 4 * stateWidth;
        var random = new Lcg(12345UL + (1000UL * (ulong)inputWidth) + (ulong)stateWidth);
        float scale = 1.0f / MathF.Sqrt(inputWidth + stateWidth);
        Kernel = new float[inputWidth * gates];
        RecurrentKernel = new float[stateWidth * gates];
        Bias = new float[gates];
        for (int k = 0; k < Kernel.Length; k++)
        {
            Kernel[k] = random.Symmetric(scale);
        }

        for (int k = 0; k < RecurrentKernel.Length; k++)
        {
            RecurrentKernel[k] = random.Symmetric(scale);
        }

        for (int k = 0; k < Bias.Length; k++)
        {
            Bias[k] = random.Symmetric(0.1f);
        }

        var inputs = new Lcg(777UL + (ulong)inputWidth);
        Inputs = new float[InputSteps * inputWidth];
        for (int k = 0; k < Inputs.Length; k++)
        {
            Inputs[k] = inputs.Symmetric(1.0f);
        }
    }

    public int InputWidth { get; }

    public int StateWidth { get; }

    /// <summary>Keras kernel, I × 4H.</summary>
    public float[] Kernel { get; }

    /// <summary>Keras recurrent kernel, H × 4H.</summary>
    public float[] RecurrentKernel { get; }

    /// <summary>Bias, 4H.</summary>
    public float[] Bias { get; }

    /// <summary>The input ring, 4096 steps of I values.</summary>
    public float[] Inputs { get; }

    /// <summary>The same weights in LstmGen's canonical order (PyTorch's: Wx 4H×I, Wh 4H×H, b 4H; gates i, f, g, o).</summary>
    public float[] Canonical()
    {
        int i = InputWidth;
        int h = StateWidth;
        int gates = 4 * h;
        var canonical = new float[gates * (1 + i + h)];
        for (int row = 0; row < gates; row++)
        {
            for (int k = 0; k < i; k++)
            {
                canonical[(row * i) + k] = Kernel[(k * gates) + row];
            }

            for (int k = 0; k < h; k++)
            {
                canonical[(gates * i) + (row * h) + k] = RecurrentKernel[(k * gates) + row];
            }

            canonical[(gates * (i + h)) + row] = Bias[row];
        }

        return canonical;
    }

    /// <summary>
    /// The yardstick's amp model parameters in a model's canonical order: the layer's, then the read-out's W (1×H) from
    /// <c>Lcg(4242 + H)</c> as <c>sym(0.3)</c> and its bias as <c>sym(0.1)</c>, as <c>bench_amp</c> in fixed.cpp draws them.
    /// </summary>
    public float[] AmpCanonical()
    {
        float[] layer = Canonical();
        var random = new Lcg(4242UL + (ulong)StateWidth);
        var model = new float[layer.Length + StateWidth + 1];
        layer.CopyTo(model, 0);
        for (int j = 0; j < StateWidth; j++)
        {
            model[layer.Length + j] = random.Symmetric(0.3f);
        }

        model[^1] = random.Symmetric(0.1f);
        return model;
    }

    /// <summary>Floating-point work per step, as the yardstick counts it: 8·H·(I + H) + 8·H.</summary>
    public double FlopsPerStep => (8.0 * StateWidth * (InputWidth + StateWidth)) + (8.0 * StateWidth);

    /// <summary>Steps per timed repetition, as the yardstick picks them (about 6 GFLOP, between 2e4 and 1e6).</summary>
    public long Iterations => (long)Math.Min(1e6, Math.Max(2e4, 6e9 / FlopsPerStep));

    /// <summary>common.hpp's LCG: s = s·6364136223846793005 + 1442695040888963407, 24 bits to [0, 1).</summary>
    private struct Lcg
    {
        private ulong _state;

        public Lcg(ulong seed) => _state = seed;

        public float Symmetric(float scale)
        {
            _state = unchecked((_state * 6364136223846793005UL) + 1442695040888963407UL);
            float unit = (uint)(_state >> 40) / 16777216.0f;
            return ((unit * 2.0f) - 1.0f) * scale;
        }
    }
}
