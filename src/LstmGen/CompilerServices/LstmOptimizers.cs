using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LstmGen.CompilerServices;

/// <summary>Parameter updates for generated training layers: SGD, Adam and gradient clipping by global norm. Allocation-free.</summary>
/// <remarks>For use by generated code: hidden from IntelliSense, and not an API to build on.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LstmOptimizers
{
    /// <summary>Plain gradient descent: <c>p −= learningRate · g</c> for every element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">The parameters.</param>
    /// <param name="gradients">Their gradients; the same length.</param>
    /// <param name="learningRate">The learning rate: finite and not negative, the same rule as Adam's.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sgd<T>(Span<T> parameters, ReadOnlySpan<T> gradients, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LstmGuard.Length(gradients.Length, parameters.Length, nameof(gradients));
        LstmGuard.NotNegative(double.CreateChecked(learningRate), nameof(learningRate), "The learning rate");
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        var rate = new Vector<T>(-learningRate);
        int k = 0;
        for (; k <= parameters.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            LstmVectors.Store(LstmVectors.MultiplyAdd(LstmVectors.Load(ref g, k), rate, LstmVectors.Load(ref p, k)), ref p, k);
        }

        for (; k < parameters.Length; k++)
        {
            Unsafe.Add(ref p, k) = LstmVectors.MultiplyAdd(Unsafe.Add(ref g, k), -learningRate, Unsafe.Add(ref p, k));
        }
    }

    /// <summary>
    /// One Adam step as PyTorch's <c>torch.optim.Adam</c> takes it: <c>m = β₁m + (1−β₁)g</c>, <c>v = β₂v + (1−β₂)g²</c>,
    /// <c>p −= (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</c>, where t is <paramref name="step"/> (1 for the first update).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">The parameters.</param>
    /// <param name="gradients">Their gradients.</param>
    /// <param name="firstMoment">m, updated in place.</param>
    /// <param name="secondMoment">v, updated in place.</param>
    /// <param name="step">The 1-based number of this update.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="beta1">β₁, in [0, 1).</param>
    /// <param name="beta2">β₂, in [0, 1).</param>
    /// <param name="epsilon">ε, positive.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> firstMoment, Span<T> secondMoment, int step, T learningRate, T beta1, T beta2, T epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LstmGuard.Length(gradients.Length, parameters.Length, nameof(gradients));
        LstmGuard.Length(firstMoment.Length, parameters.Length, nameof(firstMoment));
        LstmGuard.Length(secondMoment.Length, parameters.Length, nameof(secondMoment));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        LstmGuard.NotNegative(double.CreateChecked(learningRate), nameof(learningRate), "The learning rate");
        LstmGuard.Fraction(double.CreateChecked(beta1), nameof(beta1), "Adam's β₁");
        LstmGuard.Fraction(double.CreateChecked(beta2), nameof(beta2), "Adam's β₂");
        LstmGuard.Positive(double.CreateChecked(epsilon), nameof(epsilon), "Adam's ε");

        T correction1 = T.One - T.Pow(beta1, T.CreateChecked(step));
        T correction2 = T.Sqrt(T.One - T.Pow(beta2, T.CreateChecked(step)));
        T stepSize = learningRate / correction1;
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        ref T m = ref MemoryMarshal.GetReference(firstMoment);
        ref T v = ref MemoryMarshal.GetReference(secondMoment);
        int k = 0;
        var b1 = new Vector<T>(beta1);
        var b2 = new Vector<T>(beta2);
        var oneMinusB1 = new Vector<T>(T.One - beta1);
        var oneMinusB2 = new Vector<T>(T.One - beta2);
        var c2 = new Vector<T>(correction2);
        var eps = new Vector<T>(epsilon);
        var size = new Vector<T>(stepSize);
        for (; k <= parameters.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> gk = LstmVectors.Load(ref g, k);
            Vector<T> mk = (b1 * LstmVectors.Load(ref m, k)) + (oneMinusB1 * gk);
            Vector<T> vk = (b2 * LstmVectors.Load(ref v, k)) + (oneMinusB2 * gk * gk);
            LstmVectors.Store(mk, ref m, k);
            LstmVectors.Store(vk, ref v, k);
            Vector<T> denominator = (Vector.SquareRoot(vk) / c2) + eps;
            LstmVectors.Store(LstmVectors.Load(ref p, k) - (size * mk / denominator), ref p, k);
        }

        for (; k < parameters.Length; k++)
        {
            T gk = Unsafe.Add(ref g, k);
            T mk = (beta1 * Unsafe.Add(ref m, k)) + ((T.One - beta1) * gk);
            T vk = (beta2 * Unsafe.Add(ref v, k)) + ((T.One - beta2) * gk * gk);
            Unsafe.Add(ref m, k) = mk;
            Unsafe.Add(ref v, k) = vk;
            Unsafe.Add(ref p, k) -= stepSize * mk / ((T.Sqrt(vk) / correction2) + epsilon);
        }
    }

    /// <summary>
    /// Scales the gradients down so that their global L2 norm is at most <paramref name="maxNorm"/>, as PyTorch's
    /// <c>clip_grad_norm_</c> does (scale = maxNorm / (norm + 1e-6) when the norm exceeds maxNorm), and returns the norm
    /// before clipping. The norm is accumulated in double precision.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="gradients">The gradients, scaled in place.</param>
    /// <param name="maxNorm">The largest norm allowed; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T ClipByGlobalNorm<T>(Span<T> gradients, T maxNorm)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double limit = double.CreateChecked(maxNorm);
        LstmGuard.Positive(limit, nameof(maxNorm), "The largest norm");
        double sum = 0;
        foreach (T g in gradients)
        {
            double value = double.CreateChecked(g);
            sum += value * value;
        }

        double norm = Math.Sqrt(sum);
        if (norm > limit)
        {
            T scale = T.CreateChecked(limit / (norm + 1e-6));
            ref T g = ref MemoryMarshal.GetReference(gradients);
            var factor = new Vector<T>(scale);
            int k = 0;
            for (; k <= gradients.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                LstmVectors.Store(LstmVectors.Load(ref g, k) * factor, ref g, k);
            }

            for (; k < gradients.Length; k++)
            {
                Unsafe.Add(ref g, k) *= scale;
            }
        }

        return T.CreateChecked(norm);
    }
}
