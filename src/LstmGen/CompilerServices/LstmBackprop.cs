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
    /// <summary>Bytes of the tape one run of <see cref="AccumulateOuterProducts{T}"/> keeps in use: half a 32 KiB L1 data cache.</summary>
    private const int L1Budget = 16 * 1024;

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
        if (UseWide<T>(unitBlock))
        {
            GateGradients<Vector512<T>, WideVectors<T>, T>(ref gates, ref tanhCell, ref previousCell, ref dh, ref dc, stateWidth, unitBlock);
        }
        else
        {
            GateGradients<Vector<T>, NativeVectors<T>, T>(ref gates, ref tanhCell, ref previousCell, ref dh, ref dc, stateWidth, unitBlock);
        }
    }

    /// <summary>
    /// Whether the 512-bit loops serve a size of <paramref name="elements"/>: the hardware accelerates
    /// <see cref="Vector512{T}"/>, <see cref="Vector{T}"/> is narrower, and the size is a whole number of tiles of
    /// <paramref name="vectors"/> 512-bit vectors (else the narrower loops, which leave less to the element-by-element tail).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool UseWide<T>(int elements, int vectors = 1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && Vector<T>.Count < Vector512<T>.Count && elements % (vectors * Vector512<T>.Count) == 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GateGradients<TVector, TOps, T>(ref T gates, ref T tanhCell, ref T previousCell, ref T dh, ref T dc, int stateWidth, int unitBlock)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int blocks = stateWidth / unitBlock;
        int width = TOps.Count;
        TVector one = TOps.One;
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
                TVector iv = TOps.Load(ref i, u), fv = TOps.Load(ref f, u), gv = TOps.Load(ref g, u), ov = TOps.Load(ref o, u);
                TVector tc = TOps.Load(ref tanhC, u);
                TVector dhv = TOps.Load(ref dhBlock, u);
                TVector dcv = TOps.Add(TOps.Load(ref dcBlock, u), TOps.Multiply(TOps.Multiply(dhv, ov), TOps.Subtract(one, TOps.Multiply(tc, tc))));
                TOps.Store(TOps.Multiply(TOps.Multiply(TOps.Multiply(dcv, gv), iv), TOps.Subtract(one, iv)), ref i, u);
                TOps.Store(TOps.Multiply(TOps.Multiply(TOps.Multiply(dcv, TOps.Load(ref cPrev, u)), fv), TOps.Subtract(one, fv)), ref f, u);
                TOps.Store(TOps.Multiply(TOps.Multiply(dcv, iv), TOps.Subtract(one, TOps.Multiply(gv, gv))), ref g, u);
                TOps.Store(TOps.Multiply(TOps.Multiply(TOps.Multiply(dhv, tc), ov), TOps.Subtract(one, ov)), ref o, u);
                TOps.Store(TOps.Multiply(dcv, fv), ref dcBlock, u);
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
    /// Computes part of <c>[dx; dh₋₁] = Aᵀ·da</c>: the sums <c>result[k] = Σ_rows A[row, first + k]·da[row]</c> over
    /// <paramref name="count"/> consecutive columns of the augmented matrix from <paramref name="first"/> (the inputs are
    /// columns 1 … I, the hidden units I + 1 … I + H; the bias column has no input to pass a gradient to).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">The parameters in storage order.</param>
    /// <param name="gateGradients">da in block-row order (4H).</param>
    /// <param name="result">Receives <paramref name="count"/> values.</param>
    /// <param name="first">The first column, at least 1.</param>
    /// <param name="count">The number of columns.</param>
    /// <param name="blockCount">H / U.</param>
    /// <param name="columns">C = 1 + I + H.</param>
    /// <param name="rowsPerBlock">4U.</param>
    /// <param name="descending">
    /// Whether to take the columns from the last to the first. Each column's sum is the same either way; a chain of products
    /// that alternates the direction step by step starts every step on the weights the previous step read last, which are
    /// still in L1 where the weights exceed it (16×64's Whᵀ·da alone, in a loop: 15% less time; a whole training iteration
    /// at 16×64: 2% less).
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedProduct<T>(ref T weights, ref T gateGradients, ref T result, int first, int count, int blockCount, int columns, int rowsPerBlock, bool descending)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (UseWide<T>(rowsPerBlock))
        {
            TransposedProduct<Vector512<T>, WideVectors<T>, T>(ref weights, ref gateGradients, ref result, first, count, blockCount, columns, rowsPerBlock, descending);
        }
        else
        {
            TransposedProduct<Vector<T>, NativeVectors<T>, T>(ref weights, ref gateGradients, ref result, first, count, blockCount, columns, rowsPerBlock, descending);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposedProduct<TVector, TOps, T>(ref T weights, ref T gateGradients, ref T result, int first, int count, int blockCount, int columns, int rowsPerBlock, bool descending)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Eight columns at a time: eight independent sums keep both FMA pipes busy, and each load of da serves eight columns.
        // The columns past the last group of eight go one at a time: last when ascending, first when descending.
        int tail = first + (count / 8 * 8);
        int end = first + count;
        if (descending)
        {
            TailColumns(ref weights, ref gateGradients, ref result, first, tail, end, blockCount, columns, rowsPerBlock, descending);
        }

        for (int group = 0; group < count / 8; group++)
        {
            int column = descending ? tail - (8 * (group + 1)) : first + (8 * group);
            DotColumns8<TVector, TOps, T>(ref weights, ref gateGradients, ref Unsafe.Add(ref result, column - first), column, blockCount, columns, rowsPerBlock);
        }

        if (!descending)
        {
            TailColumns(ref weights, ref gateGradients, ref result, first, tail, end, blockCount, columns, rowsPerBlock, descending);
        }

        static void TailColumns(ref T weights, ref T gateGradients, ref T result, int first, int tail, int end, int blockCount, int columns, int rowsPerBlock, bool descending)
        {
            for (int k = 0; k < end - tail; k++)
            {
                int column = descending ? end - 1 - k : tail + k;
                Unsafe.Add(ref result, column - first) = DotColumn<TVector, TOps, T>(ref weights, ref gateGradients, column, blockCount, columns, rowsPerBlock);
            }
        }
    }

    /// <summary>
    /// <see cref="TransposedProduct{T}(ref T, ref T, ref T, int, int, int, int, int, bool)"/> from the first column to the
    /// last: the signature generated code of earlier versions calls.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">The parameters in storage order.</param>
    /// <param name="gateGradients">da in block-row order (4H).</param>
    /// <param name="result">Receives <paramref name="count"/> values.</param>
    /// <param name="first">The first column, at least 1.</param>
    /// <param name="count">The number of columns.</param>
    /// <param name="blockCount">H / U.</param>
    /// <param name="columns">C = 1 + I + H.</param>
    /// <param name="rowsPerBlock">4U.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedProduct<T>(ref T weights, ref T gateGradients, ref T result, int first, int count, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        TransposedProduct(ref weights, ref gateGradients, ref result, first, count, blockCount, columns, rowsPerBlock, descending: false);

    /// <summary>One column's sum of <see cref="TransposedProduct{T}(ref T, ref T, ref T, int, int, int, int, int, bool)"/>: whole vectors of rows, then the rest element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotColumn<TVector, TOps, T>(ref T weights, ref T gateGradients, int column, int blockCount, int columns, int rowsPerBlock)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TVector sum = TOps.Zero;
        T tail = T.Zero;
        for (int block = 0; block < blockCount; block++)
        {
            ref T da = ref Unsafe.Add(ref gateGradients, block * rowsPerBlock);
            ref T w = ref Unsafe.Add(ref weights, (block * columns * rowsPerBlock) + (column * rowsPerBlock));
            int row = 0;
            for (; row <= rowsPerBlock - TOps.Count; row += TOps.Count)
            {
                sum = TOps.MultiplyAdd(TOps.Load(ref w, row), TOps.Load(ref da, row), sum);
            }

            for (; row < rowsPerBlock; row++)
            {
                tail = LstmVectors.MultiplyAdd(Unsafe.Add(ref w, row), Unsafe.Add(ref da, row), tail);
            }
        }

        return TOps.Sum(sum) + tail;
    }

    /// <summary>Eight consecutive columns of <see cref="TransposedProduct{T}(ref T, ref T, ref T, int, int, int, int, int, bool)"/> from <paramref name="column"/>, written to result[0 … 7].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotColumns8<TVector, TOps, T>(ref T weights, ref T gateGradients, ref T result, int column, int blockCount, int columns, int rowsPerBlock)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TVector s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
        TVector s4 = TOps.Zero, s5 = TOps.Zero, s6 = TOps.Zero, s7 = TOps.Zero;
        int width = TOps.Count;
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
                TVector d = TOps.Load(ref da, row);
                s0 = TOps.MultiplyAdd(TOps.Load(ref w0, row), d, s0);
                s1 = TOps.MultiplyAdd(TOps.Load(ref w1, row), d, s1);
                s2 = TOps.MultiplyAdd(TOps.Load(ref w2, row), d, s2);
                s3 = TOps.MultiplyAdd(TOps.Load(ref w3, row), d, s3);
                s4 = TOps.MultiplyAdd(TOps.Load(ref w4, row), d, s4);
                s5 = TOps.MultiplyAdd(TOps.Load(ref w5, row), d, s5);
                s6 = TOps.MultiplyAdd(TOps.Load(ref w6, row), d, s6);
                s7 = TOps.MultiplyAdd(TOps.Load(ref w7, row), d, s7);
            }
        }

        TOps.Sum8(s0, s1, s2, s3, s4, s5, s6, s7, ref result);
        AddRowTails(ref weights, ref gateGradients, ref result, column, blockCount, columns, rowsPerBlock, vectorRows);
    }

    /// <summary>Adds the rows past the last whole vector to eight columns' sums, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRowTails<T>(ref T weights, ref T gateGradients, ref T result, int column, int blockCount, int columns, int rowsPerBlock, int vectorRows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
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
    /// <see cref="TransposedProduct{T}(ref T, ref T, ref T, int, int, int, int, int, bool)"/> for two streams at once, <c>result0 = Aᵀ·da0</c> and <c>result1 = Aᵀ·da1</c> over the
    /// same columns: each weight vector loaded once for both. Each result has exactly the bits of
    /// <see cref="TransposedProduct{T}(ref T, ref T, ref T, int, int, int, int, int, bool)"/>: every sum takes the same terms in the same order and the same reduction. Where the
    /// vector registers are too few for both streams' sums (x64 without AVX-512), it runs the streams one after the other.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">The parameters in storage order.</param>
    /// <param name="gateGradients0">The first stream's da in block-row order (4H).</param>
    /// <param name="gateGradients1">The second stream's da.</param>
    /// <param name="result0">Receives the first stream's <paramref name="count"/> values.</param>
    /// <param name="result1">Receives the second stream's values.</param>
    /// <param name="first">The first column, at least 1.</param>
    /// <param name="count">The number of columns.</param>
    /// <param name="blockCount">H / U.</param>
    /// <param name="columns">C = 1 + I + H.</param>
    /// <param name="rowsPerBlock">4U.</param>
    /// <param name="descending">Whether to take the columns from the last to the first (see <see cref="TransposedProduct{T}(ref T, ref T, ref T, int, int, int, int, int, bool)"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedProductPair<T>(ref T weights, ref T gateGradients0, ref T gateGradients1, ref T result0, ref T result1, int first, int count, int blockCount, int columns, int rowsPerBlock, bool descending)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!(Avx512F.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported))
        {
            TransposedProduct(ref weights, ref gateGradients0, ref result0, first, count, blockCount, columns, rowsPerBlock, descending);
            TransposedProduct(ref weights, ref gateGradients1, ref result1, first, count, blockCount, columns, rowsPerBlock, descending);
        }
        else if (UseWide<T>(rowsPerBlock))
        {
            TransposedProductPair<Vector512<T>, WideVectors<T>, T>(ref weights, ref gateGradients0, ref gateGradients1, ref result0, ref result1, first, count, blockCount, columns, rowsPerBlock, descending);
        }
        else
        {
            TransposedProductPair<Vector<T>, NativeVectors<T>, T>(ref weights, ref gateGradients0, ref gateGradients1, ref result0, ref result1, first, count, blockCount, columns, rowsPerBlock, descending);
        }
    }

    /// <summary>
    /// <see cref="TransposedProductPair{T}(ref T, ref T, ref T, ref T, ref T, int, int, int, int, int, bool)"/> from the
    /// first column to the last: the signature generated code of earlier versions calls.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">The parameters in storage order.</param>
    /// <param name="gateGradients0">The first stream's da in block-row order (4H).</param>
    /// <param name="gateGradients1">The second stream's da.</param>
    /// <param name="result0">Receives the first stream's <paramref name="count"/> values.</param>
    /// <param name="result1">Receives the second stream's values.</param>
    /// <param name="first">The first column, at least 1.</param>
    /// <param name="count">The number of columns.</param>
    /// <param name="blockCount">H / U.</param>
    /// <param name="columns">C = 1 + I + H.</param>
    /// <param name="rowsPerBlock">4U.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedProductPair<T>(ref T weights, ref T gateGradients0, ref T gateGradients1, ref T result0, ref T result1, int first, int count, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        TransposedProductPair(ref weights, ref gateGradients0, ref gateGradients1, ref result0, ref result1, first, count, blockCount, columns, rowsPerBlock, descending: false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposedProductPair<TVector, TOps, T>(ref T weights, ref T gateGradients0, ref T gateGradients1, ref T result0, ref T result1, int first, int count, int blockCount, int columns, int rowsPerBlock, bool descending)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Groups of eight columns as in the single-stream product; the columns past the last group one at a time, stream by
        // stream, as the single-stream product takes them.
        int tail = first + (count / 8 * 8);
        int end = first + count;
        if (descending && tail < end)
        {
            TailColumns(ref weights, ref gateGradients0, ref gateGradients1, ref result0, ref result1, first, tail, end, blockCount, columns, rowsPerBlock, descending);
        }

        for (int group = 0; group < count / 8; group++)
        {
            int column = descending ? tail - (8 * (group + 1)) : first + (8 * group);
            DotColumns8Pair<TVector, TOps, T>(ref weights, ref gateGradients0, ref gateGradients1, ref Unsafe.Add(ref result0, column - first), ref Unsafe.Add(ref result1, column - first), column, blockCount, columns, rowsPerBlock);
        }

        if (!descending && tail < end)
        {
            TailColumns(ref weights, ref gateGradients0, ref gateGradients1, ref result0, ref result1, first, tail, end, blockCount, columns, rowsPerBlock, descending);
        }

        static void TailColumns(ref T weights, ref T gateGradients0, ref T gateGradients1, ref T result0, ref T result1, int first, int tail, int end, int blockCount, int columns, int rowsPerBlock, bool descending)
        {
            TransposedProduct<TVector, TOps, T>(ref weights, ref gateGradients0, ref Unsafe.Add(ref result0, tail - first), tail, end - tail, blockCount, columns, rowsPerBlock, descending);
            TransposedProduct<TVector, TOps, T>(ref weights, ref gateGradients1, ref Unsafe.Add(ref result1, tail - first), tail, end - tail, blockCount, columns, rowsPerBlock, descending);
        }
    }

    /// <summary><see cref="DotColumns8{TVector, TOps, T}"/> for two streams: sixteen sums, each weight vector loaded once for both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotColumns8Pair<TVector, TOps, T>(ref T weights, ref T gateGradients0, ref T gateGradients1, ref T result0, ref T result1, int column, int blockCount, int columns, int rowsPerBlock)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TVector s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero, s4 = TOps.Zero, s5 = TOps.Zero, s6 = TOps.Zero, s7 = TOps.Zero;
        TVector t0 = TOps.Zero, t1 = TOps.Zero, t2 = TOps.Zero, t3 = TOps.Zero, t4 = TOps.Zero, t5 = TOps.Zero, t6 = TOps.Zero, t7 = TOps.Zero;
        int width = TOps.Count;
        int vectorRows = rowsPerBlock - (rowsPerBlock % width);
        for (int block = 0; block < blockCount; block++)
        {
            ref T da0 = ref Unsafe.Add(ref gateGradients0, block * rowsPerBlock);
            ref T da1 = ref Unsafe.Add(ref gateGradients1, block * rowsPerBlock);
            ref T w0 = ref Unsafe.Add(ref weights, (block * columns * rowsPerBlock) + (column * rowsPerBlock));
            for (int row = 0; row < vectorRows; row += width)
            {
                TVector d = TOps.Load(ref da0, row), e = TOps.Load(ref da1, row);
                TVector w = TOps.Load(ref w0, row);
                s0 = TOps.MultiplyAdd(w, d, s0);
                t0 = TOps.MultiplyAdd(w, e, t0);
                w = TOps.Load(ref w0, rowsPerBlock + row);
                s1 = TOps.MultiplyAdd(w, d, s1);
                t1 = TOps.MultiplyAdd(w, e, t1);
                w = TOps.Load(ref w0, (2 * rowsPerBlock) + row);
                s2 = TOps.MultiplyAdd(w, d, s2);
                t2 = TOps.MultiplyAdd(w, e, t2);
                w = TOps.Load(ref w0, (3 * rowsPerBlock) + row);
                s3 = TOps.MultiplyAdd(w, d, s3);
                t3 = TOps.MultiplyAdd(w, e, t3);
                w = TOps.Load(ref w0, (4 * rowsPerBlock) + row);
                s4 = TOps.MultiplyAdd(w, d, s4);
                t4 = TOps.MultiplyAdd(w, e, t4);
                w = TOps.Load(ref w0, (5 * rowsPerBlock) + row);
                s5 = TOps.MultiplyAdd(w, d, s5);
                t5 = TOps.MultiplyAdd(w, e, t5);
                w = TOps.Load(ref w0, (6 * rowsPerBlock) + row);
                s6 = TOps.MultiplyAdd(w, d, s6);
                t6 = TOps.MultiplyAdd(w, e, t6);
                w = TOps.Load(ref w0, (7 * rowsPerBlock) + row);
                s7 = TOps.MultiplyAdd(w, d, s7);
                t7 = TOps.MultiplyAdd(w, e, t7);
            }
        }

        TOps.Sum8(s0, s1, s2, s3, s4, s5, s6, s7, ref result0);
        TOps.Sum8(t0, t1, t2, t3, t4, t5, t6, t7, ref result1);
        AddRowTails(ref weights, ref gateGradients0, ref result0, column, blockCount, columns, rowsPerBlock, vectorRows);
        AddRowTails(ref weights, ref gateGradients1, ref result1, column, blockCount, columns, rowsPerBlock, vectorRows);
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
        // Every column walks all the records' da of a block, so the records go in runs whose da (and the lines of z) stay in
        // the L1 cache: a mini-batch of 8 × 32 records at 8×32 walked 128 KiB per column pair from L2 and took longer per
        // sequence than one sequence alone. Each sum takes the same terms in the same order either way, so the bits agree.
        int run = Math.Max(8, L1Budget / ((rowsPerBlock * Unsafe.SizeOf<T>()) + (2 * 64)));
        bool wide = UseWide<T>(rowsPerBlock, vectors: 4);
        for (int start = 0; start < steps; start += run)
        {
            ref T records = ref Unsafe.Add(ref tape, start * stepStride);
            int count = Math.Min(run, steps - start);
            if (wide)
            {
                AccumulateOuterProducts<Vector512<T>, WideVectors<T>, T>(ref gradients, ref records, stepStride, count, gatesOffset, blockCount, columns, rowsPerBlock);
            }
            else
            {
                AccumulateOuterProducts<Vector<T>, NativeVectors<T>, T>(ref gradients, ref records, stepStride, count, gatesOffset, blockCount, columns, rowsPerBlock);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateOuterProducts<TVector, TOps, T>(ref T gradients, ref T tape, int stepStride, int steps, int gatesOffset, int blockCount, int columns, int rowsPerBlock)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = TOps.Count;
        int tiles = rowsPerBlock / (4 * width);
        for (int block = 0; block < blockCount; block++)
        {
            ref T blockGradients = ref Unsafe.Add(ref gradients, block * columns * rowsPerBlock);
            ref T blockDa = ref Unsafe.Add(ref tape, gatesOffset + (block * rowsPerBlock));

            // The bias column: z_t = 1, so its gradient is the plain sum of da over the steps.
            AccumulateRows<TVector, TOps, T>(ref blockGradients, ref blockDa, ref Unsafe.NullRef<T>(), stepStride, steps, 0, rowsPerBlock);

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
                    TVector a0 = TOps.Load(ref g0, row), a1 = TOps.Load(ref g0, row + width);
                    TVector a2 = TOps.Load(ref g0, row + (2 * width)), a3 = TOps.Load(ref g0, row + (3 * width));
                    TVector b0 = TOps.Load(ref g1, row), b1 = TOps.Load(ref g1, row + width);
                    TVector b2 = TOps.Load(ref g1, row + (2 * width)), b3 = TOps.Load(ref g1, row + (3 * width));
                    ref T da = ref Unsafe.Add(ref blockDa, row);
                    ref T z = ref Unsafe.Add(ref tape, column - 1);
                    for (int t = 0; t < steps; t++)
                    {
                        TVector z0 = TOps.Broadcast(z);
                        TVector z1 = TOps.Broadcast(Unsafe.Add(ref z, 1));
                        TVector d0 = TOps.Load(ref da, 0), d1 = TOps.Load(ref da, width);
                        TVector d2 = TOps.Load(ref da, 2 * width), d3 = TOps.Load(ref da, 3 * width);
                        a0 = TOps.MultiplyAdd(d0, z0, a0);
                        a1 = TOps.MultiplyAdd(d1, z0, a1);
                        a2 = TOps.MultiplyAdd(d2, z0, a2);
                        a3 = TOps.MultiplyAdd(d3, z0, a3);
                        b0 = TOps.MultiplyAdd(d0, z1, b0);
                        b1 = TOps.MultiplyAdd(d1, z1, b1);
                        b2 = TOps.MultiplyAdd(d2, z1, b2);
                        b3 = TOps.MultiplyAdd(d3, z1, b3);
                        da = ref Unsafe.Add(ref da, stepStride);
                        z = ref Unsafe.Add(ref z, stepStride);
                    }

                    TOps.Store(a0, ref g0, row);
                    TOps.Store(a1, ref g0, row + width);
                    TOps.Store(a2, ref g0, row + (2 * width));
                    TOps.Store(a3, ref g0, row + (3 * width));
                    TOps.Store(b0, ref g1, row);
                    TOps.Store(b1, ref g1, row + width);
                    TOps.Store(b2, ref g1, row + (2 * width));
                    TOps.Store(b3, ref g1, row + (3 * width));
                }

                AccumulateRows<TVector, TOps, T>(ref g0, ref blockDa, ref Unsafe.Add(ref tape, column - 1), stepStride, steps, tiles * 4 * width, rowsPerBlock);
                AccumulateRows<TVector, TOps, T>(ref g1, ref blockDa, ref Unsafe.Add(ref tape, column), stepStride, steps, tiles * 4 * width, rowsPerBlock);
            }

            if (column < columns)
            {
                AccumulateRows<TVector, TOps, T>(ref Unsafe.Add(ref blockGradients, column * rowsPerBlock), ref blockDa, ref Unsafe.Add(ref tape, column - 1), stepStride, steps, 0, rowsPerBlock);
            }
        }
    }

    /// <summary>
    /// One column's outer-product sums for rows <paramref name="first"/> … 4U − 1, a vector then an element at a time;
    /// <paramref name="z"/> is the column's input in step 0 (a null ref for the bias column, whose input is 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateRows<TVector, TOps, T>(ref T g, ref T blockDa, ref T z, int stepStride, int steps, int first, int rowsPerBlock)
        where TOps : IBackpropVectors<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = TOps.Count;
        bool bias = Unsafe.IsNullRef(ref z);
        int row = first;
        for (; row + width <= rowsPerBlock; row += width)
        {
            TVector a = TOps.Load(ref g, row);
            for (int t = 0; t < steps; t++)
            {
                TVector da = TOps.Load(ref blockDa, (t * stepStride) + row);
                a = bias ? TOps.Add(a, da) : TOps.MultiplyAdd(da, TOps.Broadcast(Unsafe.Add(ref z, t * stepStride)), a);
            }

            TOps.Store(a, ref g, row);
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
