namespace LstmGen.Generator.Planning;

/// <summary>
/// The storage index of one parameter, the same formula as <c>LstmGen.LstmParameterLayout.IndexOf</c> in the runtime
/// library (a test checks that the two agree): block k = unit / U holds C·4U elements, column by column, each column
/// holding 4U rows gate by gate.
/// </summary>
internal static class StorageIndex
{
    public const int InputBlock = 0;
    public const int RecurrentBlock = 1;
    public const int BiasBlock = 2;

    public static int Of(LayerPlan layer, int block, int gate, int unit, int column)
    {
        int augmentedColumn = block switch
        {
            BiasBlock => 0,
            InputBlock => 1 + column,
            _ => 1 + layer.InputWidth + column,
        };
        int u = layer.UnitBlock;
        int blockIndex = unit / u;
        return (blockIndex * layer.BlockStride) + (augmentedColumn * 4 * u) + (gate * u) + (unit - (blockIndex * u));
    }
}
