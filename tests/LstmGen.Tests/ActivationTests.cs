using System;
using System.Runtime.Intrinsics;
using LstmGen.CompilerServices;
using Xunit;

namespace LstmGen.Tests;

/// <summary>Accuracy and stability of the vectorised activations, and agreement of their scalar and vector forms.</summary>
public sealed class ActivationTests
{
    [Fact]
    public void Sigmoid_and_tanh_stay_within_their_documented_error()
    {
        double worstSigmoid = 0;
        double worstTanh = 0;
        for (double x = -20; x <= 20; x += 1.0 / 4096)
        {
            float v = (float)x;
            worstSigmoid = Math.Max(worstSigmoid, Math.Abs(LstmMath.Sigmoid(v) - (1 / (1 + Math.Exp(-(double)v)))));
            worstTanh = Math.Max(worstTanh, Math.Abs(LstmMath.Tanh(v) - Math.Tanh(v)));
        }

        Assert.True(worstSigmoid <= LstmMath.SigmoidMaxAbsoluteError, $"sigmoid error {worstSigmoid:E3}");
        Assert.True(worstTanh <= LstmMath.TanhMaxAbsoluteError, $"tanh error {worstTanh:E3}");
    }

    [Fact]
    public void The_hidden_quotient_stays_within_its_documented_error_of_sigmoid_times_tanh()
    {
        // h = tanh(c) / (1 + e⁻ᵒ) against σ(o)·tanh(c) in double: a coarse grid over both inputs, then c near zero, where
        // the quotient uses the rational form that Tanh replaces by c itself.
        double worst = 0;
        double worstRelativeNearZero = 0;
        for (double o = -20; o <= 20; o += 1.0 / 32)
        {
            for (double c = -12; c <= 12; c += 1.0 / 256)
            {
                worst = Math.Max(worst, QuotientError((float)o, (float)c));
            }

            for (double c = -0.002; c <= 0.002; c += 1.0 / 65536)
            {
                double error = QuotientError((float)o, (float)c);
                worst = Math.Max(worst, error);
                if (c != 0)
                {
                    worstRelativeNearZero = Math.Max(worstRelativeNearZero, error / Math.Abs(Math.Tanh((float)c) / (1 + Math.Exp(-(double)(float)o))));
                }
            }
        }

        Assert.True(worst <= LstmMath.SigmoidTanhMaxAbsoluteError, $"σ(o)·tanh(c) error {worst:E3}");
        Assert.True(worstRelativeNearZero <= 4e-7, $"σ(o)·tanh(c) relative error near c = 0: {worstRelativeNearZero:E3}");
        Assert.Equal(LstmMath.Sigmoid(0.75f), 1f / LstmMath.SigmoidDivisor(0.75f));
    }

    [Fact]
    public void Exp_stays_within_its_documented_relative_error()
    {
        double worst = 0;
        for (double x = -87; x <= 88; x += 1.0 / 512)
        {
            float v = (float)x;
            double exact = Math.Exp(v);
            worst = Math.Max(worst, Math.Abs(LstmMath.Exp(v) - exact) / exact);
        }

        Assert.True(worst <= LstmMath.ExpMaxRelativeError, $"exp relative error {worst:E3}");
    }

    [Theory]
    [InlineData(1000f)]
    [InlineData(-1000f)]
    [InlineData(float.MaxValue)]
    [InlineData(-float.MaxValue)]
    [InlineData(88.5f)]
    [InlineData(-87.5f)]
    public void Extreme_inputs_give_finite_saturated_results(float x)
    {
        float sigmoid = LstmMath.Sigmoid(x);
        float tanh = LstmMath.Tanh(x);
        foreach (float o in new[] { x, -x, 0f })
        {
            float hidden = LstmMath.TanhDividedBy(x, LstmMath.SigmoidDivisor(o));
            Assert.True(float.IsFinite(hidden) && Math.Abs(hidden) <= 1, $"σ({o})·tanh({x}) = {hidden}");
            float swapped = LstmMath.TanhDividedBy(o, LstmMath.SigmoidDivisor(x));
            Assert.True(float.IsFinite(swapped) && Math.Abs(swapped) <= 1, $"σ({x})·tanh({o}) = {swapped}");
        }

        Assert.True(float.IsFinite(sigmoid) && sigmoid >= 0 && sigmoid <= 1, $"sigmoid({x}) = {sigmoid}");
        Assert.True(float.IsFinite(tanh) && Math.Abs(tanh) <= 1, $"tanh({x}) = {tanh}");
        Assert.True(float.IsFinite(LstmMath.SigmoidExact(x)));
        Assert.True(float.IsFinite(LstmMath.TanhExact(x)));
        Assert.True(double.IsFinite(LstmMath.SigmoidExact((double)x)));
    }

    [Fact]
    public void Vector_forms_round_exactly_like_the_scalar_form()
    {
        // Widths the hardware accelerates fuse their multiply-adds as the scalar form does and must match it bit for bit;
        // a width .NET emulates in software (512-bit on an AVX2 machine) rounds them separately and must stay within 1e-6.
        var random = new LstmRandom(5);
        float[] inputs = new float[4096];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = (float)random.NextSymmetric(k < 2048 ? 12 : 120);
        }

        inputs[0] = 0;
        inputs[1] = 1e-5f;
        inputs[2] = -1e-5f;
        for (int k = 0; k < inputs.Length; k += 16)
        {
            Vector512<float> wide = Vector512.Create(inputs.AsSpan(k, 16));
            Vector256<float> mid = Vector256.Create(inputs.AsSpan(k, 8));
            Vector128<float> narrow = Vector128.Create(inputs.AsSpan(k, 4));
            for (int lane = 0; lane < 16; lane++)
            {
                float x = inputs[k + lane];
                Same(LstmMath.Sigmoid(x), LstmMath.Sigmoid(wide)[lane], Vector512.IsHardwareAccelerated);
                Same(LstmMath.Tanh(x), LstmMath.Tanh(wide)[lane], Vector512.IsHardwareAccelerated);
                Same(LstmMath.Exp(x), LstmMath.Exp(wide)[lane], Vector512.IsHardwareAccelerated);

                // The hidden quotient pairs each input with another lane's as the output gate.
                float o = inputs[k + (lane ^ 1)];
                float hidden = LstmMath.TanhDividedBy(x, LstmMath.SigmoidDivisor(o));
                Same(hidden, LstmMath.TanhDividedBy(wide, LstmMath.SigmoidDivisor(Swapped(wide)))[lane], Vector512.IsHardwareAccelerated);
                if (lane < 8)
                {
                    Same(LstmMath.Sigmoid(x), LstmMath.Sigmoid(mid)[lane], Vector256.IsHardwareAccelerated);
                    Same(LstmMath.Tanh(x), LstmMath.Tanh(mid)[lane], Vector256.IsHardwareAccelerated);
                    Same(hidden, LstmMath.TanhDividedBy(mid, LstmMath.SigmoidDivisor(Swapped(mid)))[lane], Vector256.IsHardwareAccelerated);
                }

                if (lane < 4)
                {
                    Same(LstmMath.Exp(x), LstmMath.Exp(narrow)[lane], Vector128.IsHardwareAccelerated);
                    Same(LstmMath.Tanh(x), LstmMath.Tanh(narrow)[lane], Vector128.IsHardwareAccelerated);
                    Same(LstmMath.Sigmoid(x), LstmMath.Sigmoid(narrow)[lane], Vector128.IsHardwareAccelerated);
                    Same(hidden, LstmMath.TanhDividedBy(narrow, LstmMath.SigmoidDivisor(Swapped(narrow)))[lane], Vector128.IsHardwareAccelerated);
                }
            }
        }
    }

    private static double QuotientError(float o, float c)
    {
        double exact = Math.Tanh(c) / (1 + Math.Exp(-(double)o));
        return Math.Abs(LstmMath.TanhDividedBy(c, LstmMath.SigmoidDivisor(o)) - exact);
    }

    /// <summary>Swaps neighbouring lanes (0↔1, 2↔3, …).</summary>
    private static Vector128<float> Swapped(Vector128<float> v) => Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2));

    private static Vector256<float> Swapped(Vector256<float> v) => Vector256.Shuffle(v, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6));

    private static Vector512<float> Swapped(Vector512<float> v) => Vector512.Shuffle(v, Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14));

    private static void Same(float scalar, float vector, bool accelerated)
    {
        if (accelerated)
        {
            Assert.Equal(scalar, vector);
        }
        else
        {
            Assert.True(Math.Abs(scalar - vector) <= 1e-6 * Math.Max(1, Math.Abs(scalar)), $"{scalar} vs {vector}");
        }
    }
}
