using System.Numerics;
using System.Runtime.CompilerServices;

namespace LstmGen.Kernels;

/// <summary>
/// The vectorised pieces of back-propagation through time that generated training layers call with their constant sizes.
/// Weights, gradients and gate records use the storage order of <see cref="LstmParameterLayout"/>: blocks of U units, each
/// holding C columns of 4U gate rows (gates i, f, g, o), where column 0 is the bias, then the I inputs, then the H hidden units.
/// </summary>
public static class LstmBackprop
{
    /// <summary>Adds <paramref name="count"/> elements of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="destination">The elements added to.</param>
    /// <param name="source">The elements to add.</param>
    /// <param name="count">The number of elements.</param>
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
    public static void GateGradients<T>(ref T gates, ref T tanhCell, ref T previousCell, ref T dh, ref T dc, int stateWidth, int unitBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int blocks = stateWidth / unitBlock;
        for (int block = 0; block < blocks; block++)
        {
            ref T blockGates = ref Unsafe.Add(ref gates, block * 4 * unitBlock);
            int firstUnit = block * unitBlock;
            for (int u = 0; u < unitBlock; u++)
            {
                int j = firstUnit + u;
                ref T daI = ref Unsafe.Add(ref blockGates, u);
                ref T daF = ref Unsafe.Add(ref blockGates, unitBlock + u);
                ref T daG = ref Unsafe.Add(ref blockGates, (2 * unitBlock) + u);
                ref T daO = ref Unsafe.Add(ref blockGates, (3 * unitBlock) + u);
                T i = daI, f = daF, g = daG, o = daO;
                T tanhC = Unsafe.Add(ref tanhCell, j);
                T dhj = Unsafe.Add(ref dh, j);
                T dcj = Unsafe.Add(ref dc, j) + (dhj * o * (T.One - (tanhC * tanhC)));
                daI = dcj * g * i * (T.One - i);
                daF = dcj * Unsafe.Add(ref previousCell, j) * f * (T.One - f);
                daG = dcj * i * (T.One - (g * g));
                daO = dhj * tanhC * o * (T.One - o);
                Unsafe.Add(ref dc, j) = dcj * f;
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
    public static void TransposedProduct<T>(ref T weights, ref T gateGradients, ref T result, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        int vectorRows = rowsPerBlock - (rowsPerBlock % width);
        int column = 1;

        // Four columns at a time share each load of da and one horizontal sum per column at the end.
        for (; column + 3 < columns; column += 4)
        {
            Vector<T> sum0 = Vector<T>.Zero, sum1 = Vector<T>.Zero, sum2 = Vector<T>.Zero, sum3 = Vector<T>.Zero;
            T tail0 = T.Zero, tail1 = T.Zero, tail2 = T.Zero, tail3 = T.Zero;
            for (int block = 0; block < blockCount; block++)
            {
                ref T da = ref Unsafe.Add(ref gateGradients, block * rowsPerBlock);
                ref T w0 = ref Unsafe.Add(ref weights, (block * columns * rowsPerBlock) + (column * rowsPerBlock));
                ref T w1 = ref Unsafe.Add(ref w0, rowsPerBlock);
                ref T w2 = ref Unsafe.Add(ref w1, rowsPerBlock);
                ref T w3 = ref Unsafe.Add(ref w2, rowsPerBlock);
                int row = 0;
                for (; row < vectorRows; row += width)
                {
                    Vector<T> d = LstmVectors.Load(ref da, row);
                    sum0 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w0, row), d, sum0);
                    sum1 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w1, row), d, sum1);
                    sum2 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w2, row), d, sum2);
                    sum3 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref w3, row), d, sum3);
                }

                for (; row < rowsPerBlock; row++)
                {
                    T d = Unsafe.Add(ref da, row);
                    tail0 = LstmVectors.MultiplyAdd(Unsafe.Add(ref w0, row), d, tail0);
                    tail1 = LstmVectors.MultiplyAdd(Unsafe.Add(ref w1, row), d, tail1);
                    tail2 = LstmVectors.MultiplyAdd(Unsafe.Add(ref w2, row), d, tail2);
                    tail3 = LstmVectors.MultiplyAdd(Unsafe.Add(ref w3, row), d, tail3);
                }
            }

            Unsafe.Add(ref result, column - 1) = Vector.Sum(sum0) + tail0;
            Unsafe.Add(ref result, column) = Vector.Sum(sum1) + tail1;
            Unsafe.Add(ref result, column + 1) = Vector.Sum(sum2) + tail2;
            Unsafe.Add(ref result, column + 2) = Vector.Sum(sum3) + tail3;
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
                for (; row < vectorRows; row += width)
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
    public static void AccumulateOuterProducts<T>(ref T gradients, ref T tape, int stepStride, int steps, int gatesOffset, int blockCount, int columns, int rowsPerBlock)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        const int VectorsPerTile = 4;
        for (int block = 0; block < blockCount; block++)
        {
            ref T blockGradients = ref Unsafe.Add(ref gradients, block * columns * rowsPerBlock);
            ref T blockDa = ref Unsafe.Add(ref tape, gatesOffset + (block * rowsPerBlock));
            for (int column = 0; column < columns; column++)
            {
                ref T g = ref Unsafe.Add(ref blockGradients, column * rowsPerBlock);
                int row = 0;

                // Tiles of four vectors stay in registers across all steps.
                for (; row + (VectorsPerTile * width) <= rowsPerBlock; row += VectorsPerTile * width)
                {
                    Vector<T> a0 = LstmVectors.Load(ref g, row);
                    Vector<T> a1 = LstmVectors.Load(ref g, row + width);
                    Vector<T> a2 = LstmVectors.Load(ref g, row + (2 * width));
                    Vector<T> a3 = LstmVectors.Load(ref g, row + (3 * width));
                    for (int t = 0; t < steps; t++)
                    {
                        ref T da = ref Unsafe.Add(ref blockDa, (t * stepStride) + row);
                        var z = new Vector<T>(column == 0 ? T.One : Unsafe.Add(ref tape, (t * stepStride) + column - 1));
                        a0 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref da, 0), z, a0);
                        a1 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref da, width), z, a1);
                        a2 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref da, 2 * width), z, a2);
                        a3 = LstmVectors.MultiplyAdd(LstmVectors.Load(ref da, 3 * width), z, a3);
                    }

                    LstmVectors.Store(a0, ref g, row);
                    LstmVectors.Store(a1, ref g, row + width);
                    LstmVectors.Store(a2, ref g, row + (2 * width));
                    LstmVectors.Store(a3, ref g, row + (3 * width));
                }

                for (; row + width <= rowsPerBlock; row += width)
                {
                    Vector<T> a = LstmVectors.Load(ref g, row);
                    for (int t = 0; t < steps; t++)
                    {
                        var z = new Vector<T>(column == 0 ? T.One : Unsafe.Add(ref tape, (t * stepStride) + column - 1));
                        a = LstmVectors.MultiplyAdd(LstmVectors.Load(ref blockDa, (t * stepStride) + row), z, a);
                    }

                    LstmVectors.Store(a, ref g, row);
                }

                for (; row < rowsPerBlock; row++)
                {
                    T a = Unsafe.Add(ref g, row);
                    for (int t = 0; t < steps; t++)
                    {
                        T z = column == 0 ? T.One : Unsafe.Add(ref tape, (t * stepStride) + column - 1);
                        a = LstmVectors.MultiplyAdd(Unsafe.Add(ref blockDa, (t * stepStride) + row), z, a);
                    }

                    Unsafe.Add(ref g, row) = a;
                }
            }
        }
    }
}
