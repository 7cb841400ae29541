namespace LstmGen.Layouts;

/// <summary>
/// The storage order of a dense layer's parameters as one formula, shared as source with the generator (which bakes weights
/// in this order) and used by <see cref="DenseLayout"/>. With four or more outputs the layer is stored column by column,
/// bias first (<c>[b | W]ᵀ</c>: each input's column of O weights together, which the kernel multiplies by the broadcast
/// input); with fewer, row by row, each output's bias then its I weights (which the kernel takes as a dot product).
/// </summary>
internal static class DenseStorageOrder
{
    /// <summary>The fewest outputs stored column by column: a 128-bit vector's worth of floats.</summary>
    public const int ColumnMajorOutputs = 4;

    public static bool IsColumnMajor(int outputWidth) => outputWidth >= ColumnMajorOutputs;

    /// <summary>The storage index of weight W[o, i].</summary>
    public static int WeightIndex(int inputWidth, int outputWidth, int output, int input) =>
        IsColumnMajor(outputWidth) ? ((1 + input) * outputWidth) + output : (output * (1 + inputWidth)) + 1 + input;

    /// <summary>The storage index of bias b[o].</summary>
    public static int BiasIndex(int inputWidth, int outputWidth, int output) =>
        IsColumnMajor(outputWidth) ? output : output * (1 + inputWidth);

    /// <summary>Maps parameters in canonical order (W O×I row-major, then b) to storage order; doubles, so the generator can bake with it.</summary>
    public static double[] CanonicalToStorage(int inputWidth, int outputWidth, double[] canonical)
    {
        var storage = new double[canonical.Length];
        for (int o = 0; o < outputWidth; o++)
        {
            for (int i = 0; i < inputWidth; i++)
            {
                storage[WeightIndex(inputWidth, outputWidth, o, i)] = canonical[(o * inputWidth) + i];
            }

            storage[BiasIndex(inputWidth, outputWidth, o)] = canonical[(outputWidth * inputWidth) + o];
        }

        return storage;
    }
}
