using System;
using LstmGen.Tests.Limits;
using Xunit;

namespace LstmGen.Tests;

/// <summary>The largest layer the generator accepts loads and runs under the JIT: its type is below the CLR's size limit.</summary>
public sealed class LimitTests
{
    [Fact]
    public void A_layer_just_under_the_size_limit_loads_and_trains_under_the_jit()
    {
        Assert.InRange(JustUnderTheLimit.StorageBytes, 120L * 1024 * 1024 - (1024 * 1024), 120L * 1024 * 1024);
        var layer = new JustUnderTheLimit();
        layer.InitializeParameters(1);
        double[] xs = new double[JustUnderTheLimit.MaxSteps * JustUnderTheLimit.InputWidth];
        double[] hs = new double[JustUnderTheLimit.MaxSteps * JustUnderTheLimit.StateWidth];
        layer.Forward(xs, hs);
        Assert.Equal(JustUnderTheLimit.MaxSteps, layer.RecordedSteps);
        layer.Backward(hs, default);
        Assert.True(double.IsFinite(layer.ClipGradients(1)));
        GC.KeepAlive(layer);
    }
}
