using System;
using LstmGen.Tests.Layers;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>Layout imports and exports check every span before writing: a wrong length or an overlap throws and changes nothing.</summary>
public sealed class LayoutArgumentTests
{
    // Torch4x16: I = 4, H = 16, so 4H·I = 256, 4H·H = 1024, 4H = 64, 8H = 128.
    private const int Rows = 64;

    private delegate void Call(LstmWeights<float> weights);

    [Theory]
    [InlineData("weightIh", 255, 1024, 64, 64, "Expected 256 elements (4H·I) but got 255")]
    [InlineData("weightHh", 256, 1025, 64, 64, "Expected 1024 elements (4H·H) but got 1025")]
    [InlineData("biasIh", 256, 1024, 63, 64, "Expected 64 elements (4H or 0 to leave it out) but got 63")]
    [InlineData("biasHh", 256, 1024, 64, 65, "Expected 64 elements (4H or 0 to leave it out) but got 65")]
    public void ImportPyTorch_rejects_wrong_lengths(string parameter, int ih, int hh, int bih, int bhh, string message) =>
        AssertRejected(parameter, message, w => w.ImportPyTorch(Filled(ih), Filled(hh), Filled(bih), Filled(bhh)));

    [Theory]
    [InlineData("kernel", 257, 1024, 64, "Expected 256 elements (I·4H) but got 257")]
    [InlineData("recurrentKernel", 256, 64, 64, "Expected 1024 elements (H·4H) but got 64")]
    [InlineData("bias", 256, 1024, 128, "Expected 64 elements (4H or 0 to leave it out) but got 128")]
    public void ImportKeras_rejects_wrong_lengths(string parameter, int kernel, int recurrent, int bias, string message) =>
        AssertRejected(parameter, message, w => w.ImportKeras(Filled(kernel), Filled(recurrent), Filled(bias)));

    [Theory]
    [InlineData("w", 1024, 1024, 128, "Expected 256 elements (4H·I) but got 1024")]
    [InlineData("r", 256, 256, 128, "Expected 1024 elements (4H·H) but got 256")]
    [InlineData("b", 256, 1024, 64, "Expected 128 elements (8H or 0 to leave it out) but got 64")]
    public void ImportOnnx_rejects_wrong_lengths(string parameter, int w, int r, int b, string message) =>
        AssertRejected(parameter, message, weights => weights.ImportOnnx(Filled(w), Filled(r), Filled(b)));

    [Fact]
    public void Exports_reject_wrong_lengths_and_write_nothing()
    {
        var layer = new Torch4x16();
        layer.InitializeParameters(3);
        float[] untouched = Filled(1024);

        ArgumentException torch = Assert.Throws<ArgumentException>(() => layer.Weights.ExportPyTorch(new float[256], untouched, new float[Rows], new float[Rows - 1]));
        Assert.Equal("biasHh", torch.ParamName);
        ArgumentException keras = Assert.Throws<ArgumentException>(() => layer.Weights.ExportKeras(new float[256], untouched, new float[0]));
        Assert.Equal("bias", keras.ParamName);
        Assert.Contains("Expected 64 elements (4H) but got 0", keras.Message, StringComparison.Ordinal);
        ArgumentException onnx = Assert.Throws<ArgumentException>(() => layer.Weights.ExportOnnx(new float[256], untouched, new float[Rows]));
        Assert.Equal("b", onnx.ParamName);
        Assert.Contains("Expected 128 elements (8H) but got 64", onnx.Message, StringComparison.Ordinal);
        Assert.Equal(Filled(1024), untouched);
    }

    [Fact]
    public void Spans_overlapping_the_parameters_are_rejected()
    {
        var layer = new Torch4x16();
        layer.InitializeParameters(3);
        float[] before = layer.Parameters.ToArray();

        ArgumentException import = Assert.Throws<ArgumentException>(() => layer.Weights.ImportKeras(layer.Parameters.Slice(0, 256), new float[1024], default));
        Assert.Equal("kernel", import.ParamName);
        ArgumentException export = Assert.Throws<ArgumentException>(() => layer.Weights.ExportPyTorch(new float[256], new float[1024], layer.Parameters.Slice(100, Rows), new float[Rows]));
        Assert.Equal("biasIh", export.ParamName);
        Assert.Equal(before, layer.Parameters.ToArray());
    }

    private static void AssertRejected(string parameter, string message, Call call)
    {
        var layer = new Torch4x16();
        layer.InitializeParameters(3);
        float[] before = layer.Parameters.ToArray();

        ArgumentException exception = Assert.Throws<ArgumentException>(() => call(layer.Weights));
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, layer.Parameters.ToArray());
    }

    /// <summary>A span of 7s: were it imported, the parameters would visibly change.</summary>
    private static float[] Filled(int length)
    {
        var values = new float[length];
        Array.Fill(values, 7f);
        return values;
    }
}
