using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceSample.Tests.Support;
using DeviceSample.Training;
using LstmGen;
using Xunit;

namespace DeviceSample.Tests;

/// <summary>The training program's safetensors writer, read back with an independent JSON parser.</summary>
public sealed class SafeTensorsWriterTests
{
    [Fact]
    public void An_lstm_is_written_under_the_pytorch_names_shapes_and_offsets()
    {
        const int I = 3, H = 2;
        float[] canonical = new float[4 * H * (I + H + 1)];
        new LstmRandom(3).FillSymmetric(canonical, 1.0);
        var metadata = new List<KeyValuePair<string, string>> { new("origin", "a \"quoted\" \\ path"), new("seed", "3") };

        byte[] bytes = SafeTensorsWriter.WriteLstm(I, H, canonical, metadata);
        SafeTensorsFile file = SafeTensorsFile.Parse(bytes);

        Assert.Equal(0UL, (8 + file.HeaderLength) % 8);
        Assert.Equal(8 + (long)file.HeaderLength + (4 * canonical.Length) + (4 * 4 * H), bytes.Length);
        Assert.Equal(metadata, file.Metadata.OrderBy(m => m.Key));
        Assert.Equal(new[] { "bias_hh_l0", "bias_ih_l0", "weight_hh_l0", "weight_ih_l0" }, file.Tensors.Keys.Order());
        AssertTensor(file, "weight_ih_l0", new[] { 4 * H, I }, 0, canonical[..(4 * H * I)]);
        AssertTensor(file, "weight_hh_l0", new[] { 4 * H, H }, 4 * 4 * H * I, canonical[(4 * H * I)..(4 * H * (I + H))]);
        AssertTensor(file, "bias_ih_l0", new[] { 4 * H }, 4 * 4 * H * (I + H), canonical[(4 * H * (I + H))..]);
        AssertTensor(file, "bias_hh_l0", new[] { 4 * H }, 4 * 4 * H * (I + H + 1), new float[4 * H]);
        Assert.Equal(canonical, file.CanonicalLstm());
    }

    [Fact]
    public void The_committed_model_is_what_the_writer_makes_of_its_weights()
    {
        byte[] committed = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "model.safetensors"));
        SafeTensorsFile file = SafeTensorsFile.Parse(committed);
        byte[] rewritten = SafeTensorsWriter.WriteLstm(1, 16, file.CanonicalLstm(), file.Metadata.ToList());
        Assert.Equal(committed, rewritten);
    }

    [Fact]
    public void Wrong_sizes_are_rejected()
    {
        var none = Array.Empty<KeyValuePair<string, string>>();
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.WriteLstm(3, 2, new float[47], none));
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(new[] { new SafeTensor("w", new[] { 2, 3 }, new float[5]) }, none));
    }

    private static void AssertTensor(SafeTensorsFile file, string name, int[] shape, long begin, float[] values)
    {
        SafeTensorEntry tensor = file.Tensors[name];
        Assert.Equal("F32", tensor.DType);
        Assert.Equal(shape, tensor.Shape);
        Assert.Equal(begin, tensor.Begin);
        Assert.Equal(begin + (4 * values.Length), tensor.End);
        Assert.Equal(values, tensor.Values);
    }
}
