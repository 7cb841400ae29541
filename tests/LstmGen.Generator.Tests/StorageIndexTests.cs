using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using LstmGen.Generator.Tests.Support;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// The generator computes storage indices itself (to bake weights and emit kernels) without referencing the runtime
/// library; this keeps its formula identical to <see cref="LstmParameterLayout.IndexOf"/> for every kernel it may choose.
/// </summary>
public sealed class StorageIndexTests
{
    /// <param name="kernel">0 Auto, 1 ColumnAxpy, 2 RowBlocked.</param>
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(3, 2, 0)]
    [InlineData(5, 7, 0)]
    [InlineData(8, 32, 2)]
    [InlineData(16, 64, 0)]
    [InlineData(7, 12, 2)]
    [InlineData(16, 64, 1)]
    public void The_generators_storage_index_is_the_runtime_layouts(int inputWidth, int stateWidth, int kernel)
    {
        LayerPlan plan = KernelPlanner.Plan(Specs.Layer(inputWidth, stateWidth, kernel: (KernelChoice)kernel));
        var layout = new LstmParameterLayout(inputWidth, stateWidth, plan.UnitBlock);
        foreach ((LstmBlock block, int generatorBlock) in new[] { (LstmBlock.Input, StorageIndex.InputBlock), (LstmBlock.Recurrent, StorageIndex.RecurrentBlock), (LstmBlock.Bias, StorageIndex.BiasBlock) })
        {
            for (int gate = 0; gate < 4; gate++)
            {
                for (int unit = 0; unit < stateWidth; unit++)
                {
                    for (int column = 0; column < layout.ColumnsOf(block); column++)
                    {
                        Assert.Equal(layout.IndexOf(block, (LstmGate)gate, unit, column), StorageIndex.Of(plan, generatorBlock, gate, unit, column));
                    }
                }
            }
        }

        Assert.Equal(layout.ParameterCount, plan.ParameterCount);
        Assert.Equal(layout.BlockStride, plan.BlockStride);
    }
}
