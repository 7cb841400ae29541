using System;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Training;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>Layout imports and exports allocate nothing: they only read and write the caller's spans.</summary>
public sealed class LayoutAllocationTests
{
    [Fact]
    public void Float_imports_and_exports_allocate_nothing()
    {
        var layer = new Torch16x64();
        layer.InitializeParameters(1);
        int rows = 4 * 64;
        float[] wx = new float[rows * 16];
        float[] wh = new float[rows * 64];
        float[] b1 = new float[rows];
        float[] b2 = new float[rows];
        float[] b8 = new float[2 * rows];

        long allocated = Measure(() =>
        {
            layer.Weights.ExportPyTorch(wx, wh, b1, b2);
            layer.Weights.ImportPyTorch(wx, wh, b1, b2);
            layer.Weights.ExportKeras(wx, wh, b1);
            layer.Weights.ImportKeras(wx, wh, b1);
            layer.Weights.ExportOnnx(wx, wh, b8);
            layer.Weights.ImportOnnx(wx, wh, b8);
            layer.Weights.AsReadOnly().ExportOnnx(wx, wh, b8);
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Double_imports_and_exports_allocate_nothing()
    {
        var layer = new Double8x32();
        layer.InitializeParameters(1);
        int rows = 4 * 32;
        double[] wx = new double[rows * 8];
        double[] wh = new double[rows * 32];
        double[] b1 = new double[rows];
        double[] b2 = new double[rows];
        double[] b8 = new double[2 * rows];

        long allocated = Measure(() =>
        {
            layer.Weights.ExportPyTorch(wx, wh, b1, b2);
            layer.Weights.ImportPyTorch(wx, wh, b1, b2);
            layer.Weights.ExportKeras(wx, wh, b1);
            layer.Weights.ImportKeras(wx, wh, b1);
            layer.Weights.ExportOnnx(wx, wh, b8);
            layer.Weights.ImportOnnx(wx, wh, b8);
        });
        Assert.Equal(0, allocated);
    }

    /// <summary>Warms the action up (JIT, statics), then counts the bytes 20 more runs allocate (see <see cref="AllocationMeter"/>).</summary>
    private static long Measure(Action action) => AllocationMeter.BytesPerWindow(action, warmUp: 50, runsPerWindow: 20);
}
