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
        LstmGuard.NotNegative(learningRate, nameof(learningRate), "The learning rate");
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
        CheckAdam(learningRate, beta1, beta2, epsilon);

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
    /// Checks Adam's hyper-parameters as <see cref="Adam{T}"/> does, so that a model can check them once before it updates any
    /// of its layers.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="learningRate">The learning rate: finite and not negative.</param>
    /// <param name="beta1">β₁, in [0, 1).</param>
    /// <param name="beta2">β₂, in [0, 1).</param>
    /// <param name="epsilon">ε, positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public static void CheckAdam<T>(T learningRate, T beta1, T beta2, T epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LstmGuard.NotNegative(learningRate, nameof(learningRate), "The learning rate");
        LstmGuard.Fraction(beta1, nameof(beta1), "Adam's β₁");
        LstmGuard.Fraction(beta2, nameof(beta2), "Adam's β₂");
        LstmGuard.Positive(epsilon, nameof(epsilon), "Adam's ε");
    }

    /// <summary>Returns the sum of the squares of the values, accumulated in double precision: one part of a global L2 norm.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values.</param>
    public static double SumOfSquares<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T value in values)
        {
            double d = double.CreateChecked(value);
            sum += d * d;
        }

        return sum;
    }

    /// <summary>
    /// The factor PyTorch's <c>clip_grad_norm_</c> scales gradients by: <c>maxNorm / (norm + 1e-6)</c> when the norm exceeds
    /// <paramref name="maxNorm"/>, else 1.
    /// </summary>
    /// <param name="norm">The global L2 norm of the gradients.</param>
    /// <param name="maxNorm">The largest norm allowed: positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite.</exception>
    public static double ClipScale(double norm, double maxNorm)
    {
        LstmGuard.Positive(maxNorm, nameof(maxNorm), "The largest norm");
        return norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    }

    /// <summary>Multiplies every value by <paramref name="factor"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values, scaled in place.</param>
    /// <param name="factor">The factor.</param>
    public static void Scale<T>(Span<T> values, T factor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T g = ref MemoryMarshal.GetReference(values);
        var vector = new Vector<T>(factor);
        int k = 0;
        for (; k <= values.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            LstmVectors.Store(LstmVectors.Load(ref g, k) * vector, ref g, k);
        }

        for (; k < values.Length; k++)
        {
            Unsafe.Add(ref g, k) *= factor;
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
        LstmGuard.Positive(maxNorm, nameof(maxNorm), "The largest norm");
        double norm = Math.Sqrt(SumOfSquares<T>(gradients));
        double scale = ClipScale(norm, double.CreateChecked(maxNorm));
        if (scale != 1)
        {
            Scale(gradients, T.CreateChecked(scale));
        }

        return T.CreateChecked(norm);
    }
}
