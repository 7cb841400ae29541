using System;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests;

/// <summary>Proves the hot calls allocate nothing, by counting this thread's allocated bytes around them.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Ten_thousand_steps_allocate_nothing()
    {
        var layer = new Torch8x32();
        layer.InitializeParameters(1);
        float[] x = new float[Torch8x32.InputWidth];
        float[] h = new float[Torch8x32.StateWidth];
        int t = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                x[t % x.Length] = t++ * 0.001f;
                layer.Step(x, h);
            },
            warmUp: 500,
            runsPerWindow: 10_000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Forward_allocates_nothing_for_any_strategy()
    {
        AssertForwardAllocatesNothing(new Torch1x8());
        AssertForwardAllocatesNothing(new Torch5x7());
        AssertForwardAllocatesNothing(new Torch16x64());
        AssertForwardAllocatesNothing(new Exact16x64());
        AssertForwardAllocatesNothing(new Random64x128());
        AssertForwardAllocatesNothing(new Struct8x16());
    }

    private static void AssertForwardAllocatesNothing<TLayer>(TLayer layer)
        where TLayer : ILstmMutableLayer<float>
    {
        layer.InitializeParameters(5, 0.3);
        LstmParameterLayout layout = layer.ParameterLayout;
        float[] xs = new float[20 * layout.InputWidth];
        float[] hs = new float[20 * layout.StateWidth];
        int call = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                xs[call % xs.Length] = call++ * 0.01f;
                layer.Forward(xs, hs);
            },
            warmUp: 50,
            runsPerWindow: 200);
        Assert.True(allocated == 0, $"{typeof(TLayer).Name} allocated {allocated} bytes");
    }
}
