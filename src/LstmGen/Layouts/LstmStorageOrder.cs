namespace LstmGen.Layouts;

/// <summary>
/// The storage order of a layer's parameters as one formula, shared as source with the generator (which bakes weights in
/// this order) and used by <see cref="LstmParameterLayout"/>: block k = unit / U holds C·4U elements, column by column, each
/// column holding the 4U rows of the block's units gate by gate (i, f, g, o); column 0 is the bias, then the I inputs, then
/// the H hidden units.
/// </summary>
internal static class LstmStorageOrder
{
    /// <summary>Returns the storage index of one parameter; the arguments must be in range.</summary>
    public static int IndexOf(int inputWidth, int stateWidth, int unitBlock, LstmBlock block, LstmGate gate, int unit, int column)
    {
        int augmentedColumn = block switch
        {
            LstmBlock.Bias => 0,
            LstmBlock.Input => 1 + column,
            _ => 1 + inputWidth + column,
        };
        int blockIndex = unit / unitBlock;
        int blockStride = (1 + inputWidth + stateWidth) * 4 * unitBlock;
        return (blockIndex * blockStride) + (augmentedColumn * 4 * unitBlock) + ((int)gate * unitBlock) + (unit - (blockIndex * unitBlock));
    }

    /// <summary>
    /// Maps parameters in canonical order (Wx 4H×I, Wh 4H×H, b 4H, rows gate-major) to storage order: storage[IndexOf(…)] =
    /// canonical[…]. Works on doubles so the generator can bake with it.
    /// </summary>
    public static double[] CanonicalToStorage(int inputWidth, int stateWidth, int unitBlock, double[] canonical)
    {
        int rows = 4 * stateWidth;
        var storage = new double[canonical.Length];
        for (int row = 0; row < rows; row++)
        {
            var gate = (LstmGate)(row / stateWidth);
            int unit = row % stateWidth;
            for (int k = 0; k < inputWidth; k++)
            {
                storage[IndexOf(inputWidth, stateWidth, unitBlock, LstmBlock.Input, gate, unit, k)] = canonical[(row * inputWidth) + k];
            }

            for (int k = 0; k < stateWidth; k++)
            {
                storage[IndexOf(inputWidth, stateWidth, unitBlock, LstmBlock.Recurrent, gate, unit, k)] = canonical[(rows * inputWidth) + (row * stateWidth) + k];
            }

            storage[IndexOf(inputWidth, stateWidth, unitBlock, LstmBlock.Bias, gate, unit, 0)] = canonical[(rows * (inputWidth + stateWidth)) + row];
        }

        return storage;
    }
}
