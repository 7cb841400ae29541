using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LstmGen.CompilerServices;

/// <summary>
/// The vectorised pieces of back-propagation through time that generated training layers call with their constant sizes.
/// Weights, gradients and gate records use the storage order of <see cref="LstmParameterLayout"/>: blocks of U units, each
/// holding C columns of 4U gate rows (gates i, f, g, o), where column 0 is the bias, then the I inputs, then the H hidden units.
/// </summary>
/// <remarks>For use by generated code: hidden from IntelliSense, and not an API to build on.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LstmBackprop
{
    /// <summary>Adds <paramref name="count"/> elements of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="destination">The elements added to.</param>
    /// <param name="source">The elements to add.</param>
    /// <param name="count">The number of elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add<T>(ref T destination, ref T source, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int k = 0;
        for (; k <= count - Vector<T>.Count; k += Vector<T>.Count)
        {
            LstmVectors.Store(LstmVectors.Load(ref destination, k) + LstmVectors.Load(ref source, k), ref destination, k);
        }

        for (; k < count; k++)
        {
            Unsafe.Add(ref destination, k) += Unsafe.Add(ref source, k);
        }
    }

    /// <summary>
    /// Turns one step's recorded gate activations into the gradients of their pre-activations, in place, and carries the
    /// cell gradient back one step. With <c>dc = dc + dh∘o∘(1 − tanh²c)</c>:
    /// <c>da_i = dc∘g∘i(1−i)</c>, <c>da_f = dc∘c₋₁∘f(1−f)</c>, <c>da_g = dc∘i∘(1−g²)</c>, <c>da_o = dh∘tanh c∘o(1−o)</c>,
    /// and then <c>dc₋₁ = dc∘f</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="gates">The step's gates i, f, g, o in block-row order (4H); receives da.</param>
    /// <param name="tanhCell">tanh(c) of the step (H).</param>
    /// <param name="previousCell">c₋₁ of the step (H).</param>
    /// <param name="dh">dLoss/dh of the step (H).</param>
    /// <param name="dc">On entry dLoss/dc carried from the next step; on return dLoss/dc₋₁ (H).</param>
    /// <param name="stateWidth">H.</param>
    /// <param name="unitBlock">U, the units per storage block.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GateGradients<T>(ref T gates, ref T tanhCell, ref T previousCell, ref T dh, ref T dc, int stateWidth, int unitBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int blocks = stateWidth / unitBlock;
        int width = Vector<T>.Count;
        for (int block = 0; block < blocks; block++)
        {
            // Within a block each gate's units are contiguous, so the units go through in vectors, then one by one.
            ref T i = ref Unsafe.Add(ref gates, block * 4 * unitBlock);
            ref T f = ref Unsafe.Add(ref i, unitBlock);
            ref T g = ref Unsafe.Add(ref f, unitBlock);
            ref T o = ref Unsafe.Add(ref g, unitBlock);
            int first = block * unitBlock;
            ref T tanhC = ref Unsafe.Add(ref tanhCell, first);
            ref T cPrev = ref Unsafe.Add(ref previousCell, first);
            ref T dhBlock = ref Unsafe.Add(ref dh, first);
            ref T dcBlock = ref Unsafe.Add(ref dc, first);
            int u = 0;
            for (; u <= unitBlock - width; u += width)
            {
                Vector<T> iv = LstmVectors.Load(ref i, u), fv = LstmVectors.Load(ref f, u), gv = LstmVectors.Load(ref g, u), ov = LstmVectors.Load(ref o, u);
                Vector<T> tc = LstmVectors.Load(ref tanhC, u);
                Vector<T> dhv = LstmVectors.Load(ref dhBlock, u);
                Vector<T> dcv = LstmVectors.Load(ref dcBlock, u) + (dhv * ov * (Vector<T>.One - (tc * tc)));
                LstmVectors.Store(dcv * gv * iv * (Vector<T>.One - iv), ref i, u);
                LstmVectors.Store(dcv * LstmVectors.Load(ref cPrev, u) * fv * (Vector<T>.One - fv), ref f, u);
                LstmVectors.Store(dcv * iv * (Vector<T>.One - (gv * gv)), ref g, u);
                LstmVectors.Store(dhv * tc * ov * (Vector<T>.One - ov), ref o, u);
                LstmVectors.Store(dcv * fv, ref dcBlock, u);
            }

            for (; u < unitBlock; u++)
            {
                T iu = Unsafe.Add(ref i, u), fu = Unsafe.Add(ref f, u), gu = Unsafe.Add(ref g, u), ou = Unsafe.Add(ref o, u);
                T tc = Unsafe.Add(ref tanhC, u);
                T dhu = Unsafe.Add(ref dhBlock, u);
                T dcu = Unsafe.Add(ref dcBlock, u) + (dhu * ou * (T.One - (tc * tc)));
                Unsafe.Add(ref i, u) = dcu * gu * iu * (T.One - iu);
                Unsafe.Add(ref f, u) = dcu * Unsafe.Add(ref cPrev, u) * fu * (T.One - fu);
                Unsafe.Add(ref g, u) = dcu * iu * (T.One - (gu * gu));
                Unsafe.Add(ref o, u) = dhu * tc * ou * (T.One - ou);
                Unsafe.Add(ref dcBlock, u) = dcu * fu;
            }
        }
    }

    /// <summary>
    /// Computes <c>[dx; dh₋₁] = Aᵀ·da</c> over the input and hidden columns of the augmented matrix (the bias column has
    /// no input to pass a gradient to): <c>result[k − 1] = Σ_rows A[row, k]·da[row]</c> for k = 1 … C − 1.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">The parameters in storage order.</param>
    /// <param name="gateGradients">da in block-row order (4H).</param>
    /// <param name="result">Receives C − 1 = I + H values.</param>
    /// <param name="blockCount">H / U.</param>
    /// <param name="columns">C = 1 + I + H.</param>
    /// <param name="rowsPerBlock">4U.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedProduct<T>(ref T weights, ref T gateGradients, ref T result, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int column = 1;

        // Eight columns at a time: eight independent sums keep both FMA pipes busy, and each load of da serves eight columns.
        for (; column + 7 < columns; column += 8)
        {
            DotColumns8(ref weights, ref gateGradients, ref Unsafe.Add(ref result, column - 1), column, blockCount, columns, rowsPerBlock);
        }

        for (; column < columns; column++)
        {
            Vector<T> sum = Vector<T>.Zero;
            T tail = T.Zero;
            for (int block = 0; block < blockCount; block++)
            {
                ref T da = ref Unsafe.Add(ref gateGradients, block * rowsPerBlock);
                ref T w = ref Unsafe.Add(ref weights, (block * columns * rowsPerBlock) + (column * rowsPerBlock));
                int row = 0;
                for (; row <= rowsPerBlock - Vector<T>.Count; row += Vector<T>.Count)
                {
                    sum = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w, row), LstmVectors.Load(ref da, row), sum);
                }

                for (; row < rowsPerBlock; row++)
                {
                    tail = LstmVectors.MultiplyAdd(Unsafe.Add(ref w, row), Unsafe.Add(ref da, row), tail);
                }
            }

            Unsafe.Add(ref result, column - 1) = Vector.Sum(sum) + tail;
        }
    }

    /// <summary>Eight consecutive columns of <see cref="TransposedProduct{T}"/>, written to result[0 … 7].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotColumns8<T>(ref T weights, ref T gateGradients, ref T result, int column, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero, s2 = Vector<T>.Zero, s3 = Vector<T>.Zero;
        Vector<T> s4 = Vector<T>.Zero, s5 = Vector<T>.Zero, s6 = Vector<T>.Zero, s7 = Vector<T>.Zero;
        int width = Vector<T>.Count;
        int vectorRows = rowsPerBlock - (rowsPerBlock % width);
        for (int block = 0; block < blockCount; block++)
        {
            ref T da = ref Unsafe.Add(ref gateGradients, block * rowsPerBlock);
            ref T w0 = ref Unsafe.Add(ref weights, (block * columns * rowsPerBlock) + (column * rowsPerBlock));
            ref T w1 = ref Unsafe.Add(ref w0, rowsPerBlock);
            ref T w2 = ref Unsafe.Add(ref w1, rowsPerBlock);
            ref T w3 = ref Unsafe.Add(ref w2, rowsPerBlock);
            ref T w4 = ref Unsafe.Add(ref w3, rowsPerBlock);
            ref T w5 = ref Unsafe.Add(ref w4, rowsPerBlock);
            ref T w6 = ref Unsafe.Add(ref w5, rowsPerBlock);
            ref T w7 = ref Unsafe.Add(ref w6, rowsPerBlock);
            for (int row = 0; row < vectorRows; row += width)
            {
                Vector<T> d = LstmVectors.Load(ref da, row);
                s0 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w0, row), d, s0);
                s1 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w1, row), d, s1);
                s2 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w2, row), d, s2);
                s3 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w3, row), d, s3);
                s4 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w4, row), d, s4);
                s5 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w5, row), d, s5);
                s6 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w6, row), d, s6);
                s7 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w7, row), d, s7);
            }
        }

        if (typeof(T) == typeof(float) && Vector<T>.Count == 8 && Avx.IsSupported)
        {
            // Eight horizontal sums at once: three rounds of pairwise adds, then the two 128-bit halves.
            Vector256<float> h01 = Avx.HorizontalAdd(s0.AsVector256().AsSingle(), s1.AsVector256().AsSingle());
            Vector256<float> h23 = Avx.HorizontalAdd(s2.AsVector256().AsSingle(), s3.AsVector256().AsSingle());
            Vector256<float> h45 = Avx.HorizontalAdd(s4.AsVector256().AsSingle(), s5.AsVector256().AsSingle());
            Vector256<float> h67 = Avx.HorizontalAdd(s6.AsVector256().AsSingle(), s7.AsVector256().AsSingle());
            Vector256<float> h0123 = Avx.HorizontalAdd(h01, h23);
            Vector256<float> h4567 = Avx.HorizontalAdd(h45, h67);
            Vector256<float> sums = Avx.Permute2x128(h0123, h4567, 0x20) + Avx.Permute2x128(h0123, h4567, 0x31);
            sums.StoreUnsafe(ref Unsafe.As<T, float>(ref result));
        }
        else
        {
            Unsafe.Add(ref result, 0) = Vector.Sum(s0);
            Unsafe.Add(ref result, 1) = Vector.Sum(s1);
            Unsafe.Add(ref result, 2) = Vector.Sum(s2);
            Unsafe.Add(ref result, 3) = Vector.Sum(s3);
            Unsafe.Add(ref result, 4) = Vector.Sum(s4);
            Unsafe.Add(ref result, 5) = Vector.Sum(s5);
            Unsafe.Add(ref result, 6) = Vector.Sum(s6);
            Unsafe.Add(ref result, 7) = Vector.Sum(s7);
        }

        // Rows past the last whole vector, element by element.
        for (int block = 0; block < blockCount && vectorRows < rowsPerBlock; block++)
        {
            ref T da = ref Unsafe.Add(ref gateGradients, block * rowsPerBlock);
            ref T w = ref Unsafe.Add(ref weights, (block * columns * rowsPerBlock) + (column * rowsPerBlock));
            for (int c = 0; c < 8; c++)
            {
                T sum = Unsafe.Add(ref result, c);
                for (int row = vectorRows; row < rowsPerBlock; row++)
                {
                    sum = LstmVectors.MultiplyAdd(Unsafe.Add(ref w, (c * rowsPerBlock) + row), Unsafe.Add(ref da, row), sum);
                }

                Unsafe.Add(ref result, c) = sum;
            }
        }
    }

    /// <summary>
    /// Adds every recorded step's outer product to the gradients: <c>dA[row, k] += Σ_t da_t[row]·z_t[k]</c> with
    /// <c>z_t = [1; x_t; h_{t−1}]</c>. The weight gradients are sums over all steps, accumulated in registers over t and
    /// written once per element.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="gradients">The accumulated gradients in storage order.</param>
    /// <param name="tape">The tape; step t starts at t·<paramref name="stepStride"/> with x_t then h_{t−1}.</param>
    /// <param name="stepStride">Elements per tape step.</param>
    /// <param name="steps">The number of recorded steps.</param>
    /// <param name="gatesOffset">Where da (block-row order) starts within a tape step.</param>
    /// <param name="blockCount">H / U.</param>
    /// <param name="columns">C = 1 + I + H.</param>
    /// <param name="rowsPerBlock">4U.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateOuterProducts<T>(ref T gradients, ref T tape, int stepStride, int steps, int gatesOffset, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        int tiles = rowsPerBlock / (4 * width);
        for (int block = 0; block < blockCount; block++)
        {
            ref T blockGradients = ref Unsafe.Add(ref gradients, block * columns * rowsPerBlock);
            ref T blockDa = ref Unsafe.Add(ref tape, gatesOffset + (block * rowsPerBlock));

            // The bias column: z_t = 1, so its gradient is the plain sum of da over the steps.
            AccumulateRows(ref blockGradients, ref blockDa, ref Unsafe.NullRef<T>(), stepStride, steps, 0, rowsPerBlock);

            // The other columns two at a time, by tiles of four row vectors: eight independent sums over t, each load of da
            // serving both columns; refs walk the tape by one step per iteration.
            int column = 1;
            for (; column + 1 < columns; column += 2)
            {
                ref T g0 = ref Unsafe.Add(ref blockGradients, column * rowsPerBlock);
                ref T g1 = ref Unsafe.Add(ref g0, rowsPerBlock);
                for (int tile = 0; tile < tiles; tile++)
                {
                    int row = tile * 4 * width;
                    Vector<T> a0 = LstmVectors.Load(ref g0, row), a1 = LstmVectors.Load(ref g0, row + width);
                    Vector<T> a2 = LstmVectors.Load(ref g0, row + (2 * width)), a3 = LstmVectors.Load(ref g0, row + (3 * width));
                    Vector<T> b0 = LstmVectors.Load(ref g1, row), b1 = LstmVectors.Load(ref g1, row + width);
                    Vector<T> b2 = LstmVectors.Load(ref g1, row + (2 * width)), b3 = LstmVectors.Load(ref g1, row + (3 * width));
                    ref T da = ref Unsafe.Add(ref blockDa, row);
                    ref T z = ref Unsafe.Add(ref tape, column - 1);
                    for (int t = 0; t < steps; t++)
                    {
                        var z0 = new Vector<T>(z);
                        var z1 = new Vector<T>(Unsafe.Add(ref z, 1));
                        Vector<T> d0 = LstmVectors.Load(ref da, 0), d1 = LstmVectors.Load(ref da, width);
                        Vector<T> d2 = LstmVectors.Load(ref da, 2 * width), d3 = LstmVectors.Load(ref da, 3 * width);
                        a0 = LstmVectors.MultiplyAdd(d0, z0, a0);
                        a1 = LstmVectors.MultiplyAdd(d1, z0, a1);
                        a2 = LstmVectors.MultiplyAdd(d2, z0, a2);
                        a3 = LstmVectors.MultiplyAdd(d3, z0, a3);
                        b0 = LstmVectors.MultiplyAdd(d0, z1, b0);
                        b1 = LstmVectors.MultiplyAdd(d1, z1, b1);
                        b2 = LstmVectors.MultiplyAdd(d2, z1, b2);
                        b3 = LstmVectors.MultiplyAdd(d3, z1, b3);
                        da = ref Unsafe.Add(ref da, stepStride);
                        z = ref Unsafe.Add(ref z, stepStride);
                    }

                    LstmVectors.Store(a0, ref g0, row);
                    LstmVectors.Store(a1, ref g0, row + width);
                    LstmVectors.Store(a2, ref g0, row + (2 * width));
                    LstmVectors.Store(a3, ref g0, row + (3 * width));
                    LstmVectors.Store(b0, ref g1, row);
                    LstmVectors.Store(b1, ref g1, row + width);
                    LstmVectors.Store(b2, ref g1, row + (2 * width));
                    LstmVectors.Store(b3, ref g1, row + (3 * width));
                }

                AccumulateRows(ref g0, ref blockDa, ref Unsafe.Add(ref tape, column - 1), stepStride, steps, tiles * 4 * width, rowsPerBlock);
                AccumulateRows(ref g1, ref blockDa, ref Unsafe.Add(ref tape, column), stepStride, steps, tiles * 4 * width, rowsPerBlock);
            }

            if (column < columns)
            {
                AccumulateRows(ref Unsafe.Add(ref blockGradients, column * rowsPerBlock), ref blockDa, ref Unsafe.Add(ref tape, column - 1), stepStride, steps, 0, rowsPerBlock);
            }
        }
    }

    /// <summary>
    /// One column's outer-product sums for rows <paramref name="first"/> … 4U − 1, a vector then an element at a time;
    /// <paramref name="z"/> is the column's input in step 0 (a null ref for the bias column, whose input is 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateRows<T>(ref T g, ref T blockDa, ref T z, int stepStride, int steps, int first, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        bool bias = Unsafe.IsNullRef(ref z);
        int row = first;
        for (; row + width <= rowsPerBlock; row += width)
        {
            Vector<T> a = LstmVectors.Load(ref g, row);
            for (int t = 0; t < steps; t++)
            {
                Vector<T> da = LstmVectors.Load(ref blockDa, (t * stepStride) + row);
                a = bias ? a + da : LstmVectors.MultiplyAdd(da, new Vector<T>(Unsafe.Add(ref z, t * stepStride)), a);
            }

            LstmVectors.Store(a, ref g, row);
        }

        for (; row < rowsPerBlock; row++)
        {
            T a = Unsafe.Add(ref g, row);
            for (int t = 0; t < steps; t++)
            {
                T da = Unsafe.Add(ref blockDa, (t * stepStride) + row);
                a = bias ? a + da : LstmVectors.MultiplyAdd(da, Unsafe.Add(ref z, t * stepStride), a);
            }

            Unsafe.Add(ref g, row) = a;
        }
    }
}
