using System.Linq;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using LstmGen.Generator.Tests.Support;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// Which layers get the pipelined 256-bit path (each tile summed while the previous tile's activations run), and that
/// such a path is the only one that calls <c>Fma</c> itself, behind a guard that asks for FMA.
/// </summary>
public sealed class PipeliningTests
{
    [Theory]
    [InlineData(1, 32, false, false, true)] // four tiles of 8 units on the 256-bit path
    [InlineData(8, 32, false, false, true)]
    [InlineData(4, 40, false, false, false)] // one sum per vector from H = 40: tiles of 24 and 16 units instead
    [InlineData(1, 16, false, false, false)] // two tiles: the tile loop measured as fast
    [InlineData(2, 24, false, false, false)] // three tiles: the tile loop measured faster
    [InlineData(3, 33, false, false, false)] // H not a multiple of 8: contiguous arrangement
    [InlineData(8, 32, true, false, false)] // exact activations: contiguous arrangement
    [InlineData(8, 32, false, true, false)] // double layers use exact activations
    [InlineData(16, 64, false, false, false)] // row-blocked
    public void Only_float_column_axpy_layers_with_four_or_more_tiles_are_pipelined(int inputWidth, int stateWidth, bool exact, bool isDouble, bool pipelined)
    {
        LayerPlan plan = KernelPlanner.Plan(Specs.Layer(inputWidth, stateWidth, isDouble ? ElementKind.Double : ElementKind.Single, exact));

        Assert.Equal(pipelined, plan.Paths.Any(path => path.Pipelined));
        Assert.All(plan.Paths.Where(path => path.Pipelined), path => Assert.Equal(256, path.Bits));
    }

    [Theory]
    [InlineData(1, 20, 256, "8|8|4")] // full 256-bit vectors first, then a 128-bit one: not five tiles of 4
    [InlineData(1, 20, 512, "16+4")] // one tile: 16 sums of two sets fit the 512-bit path's registers
    [InlineData(2, 20, 128, "4|4|4|4|4")] // the 128-bit path fills its vectors
    [InlineData(1, 40, 256, "8+8+8|8+8")] // one set from H = 40: three vectors a tile
    [InlineData(1, 40, 512, "16+16+8")]
    [InlineData(1, 32, 512, "16+16")]
    public void Units_that_do_not_fill_whole_vectors_take_wide_vectors_first(int inputWidth, int stateWidth, int bits, string tiles)
    {
        LayerPlan plan = KernelPlanner.Plan(Specs.Layer(inputWidth, stateWidth));
        PathPlan path = Assert.Single(plan.Paths, p => p.Bits == bits);
        Assert.Equal(Arrangement.GateAligned, path.Arrangement);
        Assert.Equal(tiles, string.Join("|", path.Tiles.Select(tile => string.Join("+", tile.Select(segment => segment.Lanes)))));
    }

    [Fact]
    public void Nine_tiles_keep_the_tile_loop()
    {
        LayerPlan plan = KernelPlanner.Plan(Specs.Layer(8, 72, kernel: LstmKernel.ColumnAxpy));

        Assert.DoesNotContain(plan.Paths, path => path.Pipelined);
    }

    [Fact]
    public void A_pipelined_path_calls_fma_itself_and_its_guard_asks_for_fma()
    {
        string pipelined = GeneratorHarness.Run("using LstmGen;\n\nnamespace Demo;\n\n[LstmLayer(8, 32)] public partial class P;\n").Sources.Single().SourceText.ToString();
        Assert.Contains("Vector256.IsHardwareAccelerated && Fma.IsSupported)", pipelined, System.StringComparison.Ordinal);
        Assert.Contains("using global::System.Runtime.Intrinsics.X86;", pipelined, System.StringComparison.Ordinal);
        Assert.Contains("= Fma.MultiplyAdd(Vector256.LoadUnsafe(", pipelined, System.StringComparison.Ordinal);
        Assert.DoesNotContain("= Fma.MultiplyAdd(Vector128.LoadUnsafe(", pipelined, System.StringComparison.Ordinal);
        Assert.DoesNotContain("= Fma.MultiplyAdd(Vector512.LoadUnsafe(", pipelined, System.StringComparison.Ordinal);

        string plain = GeneratorHarness.Run("using LstmGen;\n\nnamespace Demo;\n\n[LstmLayer(8, 16)] public partial class P;\n").Sources.Single().SourceText.ToString();
        Assert.DoesNotContain("Fma", plain, System.StringComparison.Ordinal);
    }
}
