using System;
using LstmGen.CompilerServices;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// The backward pass's vector helpers against plain loops in double, at unit blocks that take the 512-bit loops where the
/// hardware has them (U = 16, 32: whole 512-bit vectors and tiles) and those that do not (U = 3, 8, 12), with column
/// ranges that start anywhere and end in a tail. CI runs these on every kernel path (512-, 256-, 128-bit and scalar).
/// </summary>
public sealed class BackpropHelperTests
{
    [Theory]
    [InlineData(3, 2, 5)]
    [InlineData(8, 4, 9)]
    [InlineData(12, 1, 20)]
    [InlineData(16, 4, 16)]
    [InlineData(32, 2, 8)]
    [InlineData(16, 2, 64)]
    public void TransposedProduct_sums_every_requested_column(int unitBlock, int blockCount, int inputWidth)
    {
        int h = unitBlock * blockCount, rows = 4 * unitBlock, columns = 1 + inputWidth + h;
        float[] weights = Random(blockCount * columns * rows, 1);
        float[] da = Random(blockCount * rows, 2);
        foreach ((int first, int count) in new[] { (1, inputWidth), (1 + inputWidth, h), (1, columns - 1), (2, Math.Min(9, columns - 2)) })
        {
            var result = new float[count + 1];
            result[count] = 123f;
            LstmBackprop.TransposedProduct(ref weights[0], ref da[0], ref result[0], first, count, blockCount, columns, rows);
            for (int k = 0; k < count; k++)
            {
                double expected = 0, magnitude = 0;
                for (int block = 0; block < blockCount; block++)
                {
                    for (int row = 0; row < rows; row++)
                    {
                        double term = (double)weights[(block * columns * rows) + ((first + k) * rows) + row] * da[(block * rows) + row];
                        expected += term;
                        magnitude += Math.Abs(term);
                    }
                }

                Assert.True(Math.Abs(result[k] - expected) <= 1e-6 * magnitude, $"column {first + k}: {result[k]} against {expected}");
            }

            Assert.Equal(123f, result[count]);
        }
    }

    [Theory]
    [InlineData(3, 2, 5)]
    [InlineData(8, 4, 9)]
    [InlineData(12, 1, 20)]
    [InlineData(16, 4, 16)]
    [InlineData(32, 2, 8)]
    [InlineData(16, 2, 64)]
    public void TransposedProducts_give_each_column_the_same_bits_paired_and_from_either_end(int unitBlock, int blockCount, int inputWidth)
    {
        AssertDirectionsAgree<float>(unitBlock, blockCount, inputWidth);
        AssertDirectionsAgree<double>(unitBlock, blockCount, inputWidth);
    }

    /// <summary>
    /// Single and paired products (each stream of a pair gets the single-stream bits), ascending and descending, give every
    /// column the same bits as the single ascending product and touch nothing past the requested columns.
    /// </summary>
    private static void AssertDirectionsAgree<T>(int unitBlock, int blockCount, int inputWidth)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int h = unitBlock * blockCount, rows = 4 * unitBlock, columns = 1 + inputWidth + h;
        T[] weights = Array.ConvertAll(Random(blockCount * columns * rows, 21), T.CreateChecked);
        T[] da0 = Array.ConvertAll(Random(blockCount * rows, 22), T.CreateChecked), da1 = Array.ConvertAll(Random(blockCount * rows, 23), T.CreateChecked);
        foreach ((int first, int count) in new[] { (1, inputWidth), (1 + inputWidth, h), (1, columns - 1), (3, Math.Min(13, columns - 3)), (2, 1) })
        {
            T[] expected0 = Guarded(count), expected1 = Guarded(count);
            LstmBackprop.TransposedProduct(ref weights[0], ref da0[0], ref expected0[0], first, count, blockCount, columns, rows);
            LstmBackprop.TransposedProduct(ref weights[0], ref da1[0], ref expected1[0], first, count, blockCount, columns, rows);
            foreach (bool descending in new[] { false, true })
            {
                T[] single0 = Guarded(count), single1 = Guarded(count), pair0 = Guarded(count), pair1 = Guarded(count);
                LstmBackprop.TransposedProduct(ref weights[0], ref da0[0], ref single0[0], first, count, blockCount, columns, rows, descending);
                LstmBackprop.TransposedProduct(ref weights[0], ref da1[0], ref single1[0], first, count, blockCount, columns, rows, descending);
                LstmBackprop.TransposedProductPair(ref weights[0], ref da0[0], ref da1[0], ref pair0[0], ref pair1[0], first, count, blockCount, columns, rows, descending);
                foreach ((T[] actual, T[] expected, string what) in new[] { (single0, expected0, "single 0"), (pair0, expected0, "pair 0"), (single1, expected1, "single 1"), (pair1, expected1, "pair 1") })
                {
                    // Every element's bits, the guard past the requested columns included (it keeps its value).
                    Assert.True(
                        System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.AsSpan())),
                        $"{typeof(T).Name} {what}, descending {descending}, columns {first}…{first + count - 1}: {string.Join(", ", actual)} against {string.Join(", ", expected)}");
                }
            }
        }

        static T[] Guarded(int count)
        {
            var result = new T[count + 1];
            result[count] = T.CreateChecked(123);
            return result;
        }
    }

    [Theory]
    [InlineData(3, 2, 2, 5)]
    [InlineData(8, 2, 3, 7)]
    [InlineData(16, 4, 16, 32)]
    [InlineData(32, 1, 8, 3)]
    public void AccumulateOuterProducts_adds_every_steps_outer_product(int unitBlock, int blockCount, int inputWidth, int steps)
    {
        int h = unitBlock * blockCount, rows = 4 * unitBlock, columns = 1 + inputWidth + h;
        int gatesOffset = inputWidth + h + 1, stride = gatesOffset + (4 * h) + 3;
        float[] tape = Random(steps * stride, 3);
        float[] gradients = Random(blockCount * columns * rows, 4);
        float[] before = (float[])gradients.Clone();
        LstmBackprop.AccumulateOuterProducts(ref gradients[0], ref tape[0], stride, steps, gatesOffset, blockCount, columns, rows);
        for (int block = 0; block < blockCount; block++)
        {
            for (int column = 0; column < columns; column++)
            {
                for (int row = 0; row < rows; row++)
                {
                    int index = (block * columns * rows) + (column * rows) + row;
                    double expected = before[index];
                    for (int t = 0; t < steps; t++)
                    {
                        double z = column == 0 ? 1 : tape[(t * stride) + column - 1];
                        expected += z * tape[(t * stride) + gatesOffset + (block * rows) + row];
                    }

                    Assert.True(Math.Abs(gradients[index] - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"block {block}, column {column}, row {row}");
                }
            }
        }
    }

    [Theory]
    [InlineData(32, 1, 8, 100)]
    [InlineData(16, 4, 16, 300)]
    public void AccumulateOuterProducts_over_many_records_gives_the_bits_of_one_record_at_a_time(int unitBlock, int blockCount, int inputWidth, int steps)
    {
        // Long runs of records (a mini-batch) are taken in runs that fit the L1 cache; every sum keeps its order.
        int h = unitBlock * blockCount, rows = 4 * unitBlock, columns = 1 + inputWidth + h;
        int gatesOffset = inputWidth + h, stride = gatesOffset + (4 * h) + 5;
        float[] tape = Random(steps * stride, 21);
        float[] together = Random(blockCount * columns * rows, 22);
        float[] oneByOne = (float[])together.Clone();
        LstmBackprop.AccumulateOuterProducts(ref together[0], ref tape[0], stride, steps, gatesOffset, blockCount, columns, rows);
        for (int t = 0; t < steps; t++)
        {
            LstmBackprop.AccumulateOuterProducts(ref oneByOne[0], ref tape[t * stride], stride, 1, gatesOffset, blockCount, columns, rows);
        }

        Assert.Equal(Array.ConvertAll(oneByOne, BitConverter.SingleToInt32Bits), Array.ConvertAll(together, BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(16, 2)]
    [InlineData(32, 1)]
    [InlineData(20, 3)]
    public void GateGradients_follow_the_formulas(int unitBlock, int blockCount)
    {
        int h = unitBlock * blockCount;
        float[] gates = Random(4 * h, 5, positive: true), tanhCell = Random(h, 6), previousCell = Random(h, 7), dh = Random(h, 8), dc = Random(h, 9);
        float[] gatesIn = (float[])gates.Clone(), dcIn = (float[])dc.Clone();
        LstmBackprop.GateGradients(ref gates[0], ref tanhCell[0], ref previousCell[0], ref dh[0], ref dc[0], h, unitBlock);
        for (int j = 0; j < h; j++)
        {
            int block = j / unitBlock, u = j % unitBlock, at = block * 4 * unitBlock;
            double i = gatesIn[at + u], f = gatesIn[at + unitBlock + u], g = gatesIn[at + (2 * unitBlock) + u], o = gatesIn[at + (3 * unitBlock) + u];
            double tc = tanhCell[j], carried = dcIn[j] + (dh[j] * o * (1 - (tc * tc)));
            Close(carried * g * i * (1 - i), gates[at + u]);
            Close(carried * previousCell[j] * f * (1 - f), gates[at + unitBlock + u]);
            Close(carried * i * (1 - (g * g)), gates[at + (2 * unitBlock) + u]);
            Close(dh[j] * tc * o * (1 - o), gates[at + (3 * unitBlock) + u]);
            Close(carried * f, dc[j]);
        }
    }

    private static void Close(double expected, float actual) => Assert.True(Math.Abs(actual - expected) <= 1e-6 * (1 + Math.Abs(expected)), $"{actual} against {expected}");

    private static float[] Random(int count, ulong seed, bool positive = false)
    {
        var values = new float[count];
        new LstmRandom(seed).FillSymmetric(values, 1.0);
        if (positive)
        {
            for (int k = 0; k < count; k++)
            {
                values[k] = Math.Abs(values[k]);
            }
        }

        return values;
    }
}
