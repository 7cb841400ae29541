using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using LstmGen.Layouts;

namespace LstmGen.CompilerServices;

/// <summary>
/// Back-propagation through the parameterless and dense layers of a generated model, over a recorded sequence. The sizes are
/// arguments, so one implementation serves every model; the work is small next to an LSTM's.
/// </summary>
/// <remarks>
/// <para>A dense layer <c>y = act(z)</c>, <c>z = W·x + b</c>, with dL/dy given: <c>dL/dz = dL/dy ∘ act′</c>, where act′ is
/// taken from y (tanh: 1 − y², σ: y(1 − y), ReLU: 1 where y &gt; 0, as PyTorch takes it); <c>dL/dW += Σₜ dL/dzₜ ⊗ xₜ</c>,
/// <c>dL/db += Σₜ dL/dzₜ</c>, and <c>dL/dx = Wᵀ·dL/dz</c>.</para>
/// <para>For use by generated code: hidden from IntelliSense, and not an API to build on.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseBackprop
{
    /// <summary>Turns dL/dy into dL/dz in place, for every element of a recorded sequence: <c>dL/dz = dL/dy ∘ act′(y)</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="ys">The recorded outputs y.</param>
    /// <param name="gradients">dL/dy on entry, dL/dz on return; as many elements.</param>
    /// <param name="count">The number of elements: steps × width.</param>
    /// <param name="activation">The activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ActivationGradient<T>(ref T ys, ref T gradients, int count, ActivationKind activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (activation)
        {
            case ActivationKind.Tanh:
                for (int k = 0; k < count; k++)
                {
                    T y = Unsafe.Add(ref ys, k);
                    Unsafe.Add(ref gradients, k) *= T.One - (y * y);
                }

                break;
            case ActivationKind.Sigmoid:
                for (int k = 0; k < count; k++)
                {
                    T y = Unsafe.Add(ref ys, k);
                    Unsafe.Add(ref gradients, k) *= y * (T.One - y);
                }

                break;
            case ActivationKind.ReLU:
                for (int k = 0; k < count; k++)
                {
                    if (!(Unsafe.Add(ref ys, k) > T.Zero))
                    {
                        Unsafe.Add(ref gradients, k) = T.Zero;
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Back-propagates through a dense layer over <paramref name="steps"/> recorded steps: turns dL/dy into dL/dz in place,
    /// adds the parameter gradients, and writes dL/dx unless <paramref name="inputGradients"/> is a null reference.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">The parameters, in <see cref="DenseLayout"/> storage order.</param>
    /// <param name="parameterGradients">The accumulated parameter gradients, in the same order; added to.</param>
    /// <param name="xs">The recorded inputs: steps × I.</param>
    /// <param name="ys">The recorded outputs: steps × O.</param>
    /// <param name="outputGradients">dL/dy on entry (steps × O), dL/dz on return.</param>
    /// <param name="inputGradients">Receives dL/dx (steps × I), or a null reference when not needed.</param>
    /// <param name="steps">The number of steps.</param>
    /// <param name="inputWidth">I.</param>
    /// <param name="outputWidth">O.</param>
    /// <param name="activation">The layer's activation.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(
        ref T parameters,
        ref T parameterGradients,
        ref T xs,
        ref T ys,
        ref T outputGradients,
        ref T inputGradients,
        int steps,
        int inputWidth,
        int outputWidth,
        ActivationKind activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ActivationGradient(ref ys, ref outputGradients, steps * outputWidth, activation);
        bool wantInputs = !Unsafe.IsNullRef(ref inputGradients);
        bool columns = DenseStorageOrder.IsColumnMajor(outputWidth);
        for (int t = 0; t < steps; t++)
        {
            ref T x = ref Unsafe.Add(ref xs, t * inputWidth);
            ref T dz = ref Unsafe.Add(ref outputGradients, t * outputWidth);
            if (columns)
            {
                // [b | W]ᵀ column by column: each input's column of O weights is contiguous, and so is dz.
                Axpy(ref parameterGradients, ref dz, T.One, outputWidth);
                for (int i = 0; i < inputWidth; i++)
                {
                    ref T column = ref Unsafe.Add(ref parameterGradients, (1 + i) * outputWidth);
                    Axpy(ref column, ref dz, Unsafe.Add(ref x, i), outputWidth);
                }

                if (wantInputs)
                {
                    ref T dx = ref Unsafe.Add(ref inputGradients, t * inputWidth);
                    for (int i = 0; i < inputWidth; i++)
                    {
                        Unsafe.Add(ref dx, i) = Dot(ref Unsafe.Add(ref parameters, (1 + i) * outputWidth), ref dz, outputWidth);
                    }
                }
            }
            else
            {
                // Row by row: output o's bias, then its I weights.
                ref T dx = ref wantInputs ? ref Unsafe.Add(ref inputGradients, t * inputWidth) : ref Unsafe.NullRef<T>();
                if (wantInputs)
                {
                    for (int i = 0; i < inputWidth; i++)
                    {
                        Unsafe.Add(ref dx, i) = T.Zero;
                    }
                }

                for (int o = 0; o < outputWidth; o++)
                {
                    T g = Unsafe.Add(ref dz, o);
                    ref T row = ref Unsafe.Add(ref parameterGradients, o * (1 + inputWidth));
                    row += g;
                    Axpy(ref Unsafe.Add(ref row, 1), ref x, g, inputWidth);
                    if (wantInputs)
                    {
                        Axpy(ref dx, ref Unsafe.Add(ref parameters, (o * (1 + inputWidth)) + 1), g, inputWidth);
                    }
                }
            }
        }
    }

    /// <summary>Adds the residual path's gradient to dL/dx: x[0] (width 1) feeds every output, x[j] (width O) feeds y[j].</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="outputGradients">dL/dy: steps × O.</param>
    /// <param name="inputGradients">dL/dx: steps × I; added to.</param>
    /// <param name="steps">The number of steps.</param>
    /// <param name="inputWidth">I.</param>
    /// <param name="outputWidth">O.</param>
    /// <param name="residualWidth">1 or O.</param>
    public static void AddResidualGradient<T>(ReadOnlySpan<T> outputGradients, Span<T> inputGradients, int steps, int inputWidth, int outputWidth, int residualWidth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int t = 0; t < steps; t++)
        {
            for (int j = 0; j < outputWidth; j++)
            {
                inputGradients[(t * inputWidth) + (residualWidth == 1 ? 0 : j)] += outputGradients[(t * outputWidth) + j];
            }
        }
    }

    /// <summary><c>y += a·x</c> over <paramref name="count"/> elements.</summary>
    private static void Axpy<T>(ref T y, ref T x, T a, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var factor = new Vector<T>(a);
        int k = 0;
        for (; k <= count - Vector<T>.Count; k += Vector<T>.Count)
        {
            LstmVectors.Store(LstmVectors.MultiplyAdd(LstmVectors.Load(ref x, k), factor, LstmVectors.Load(ref y, k)), ref y, k);
        }

        for (; k < count; k++)
        {
            Unsafe.Add(ref y, k) = LstmVectors.MultiplyAdd(Unsafe.Add(ref x, k), a, Unsafe.Add(ref y, k));
        }
    }

    /// <summary>The dot product of two runs of <paramref name="count"/> elements.</summary>
    private static T Dot<T>(ref T a, ref T b, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> sum = Vector<T>.Zero;
        int k = 0;
        for (; k <= count - Vector<T>.Count; k += Vector<T>.Count)
        {
            sum = LstmVectors.MultiplyAdd(LstmVectors.Load(ref a, k), LstmVectors.Load(ref b, k), sum);
        }

        T total = Vector.Sum(sum);
        for (; k < count; k++)
        {
            total = LstmVectors.MultiplyAdd(Unsafe.Add(ref a, k), Unsafe.Add(ref b, k), total);
        }

        return total;
    }
}
