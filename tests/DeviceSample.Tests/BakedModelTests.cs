using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeviceSample.Tests.Support;
using LstmGen;
using Xunit;

namespace DeviceSample.Tests;

/// <summary>A mutable layer of the model's sizes, to run the model file's weights through the ordinary import path.</summary>
[LstmLayer(1, 16)]
public partial class MutableTwin;

/// <summary>
/// The RAM budget and the origin of the deployed model: a baked layer's instance is its state and nothing else, and the
/// weights compiled into it are exactly those of the committed model file.
/// </summary>
public sealed class BakedModelTests
{
    private static readonly SafeTensorsFile ModelFile = SafeTensorsFile.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "model.safetensors")));

    [Fact]
    public void An_instance_holds_only_its_state()
    {
        // h twice (each step reads one copy and writes the other) and c, one 16-float slot each, 15 spare floats so that the
        // slots can start on a 64-byte line, where they start and which h is current: no weights.
        Assert.Equal((((3 * AnomalyModel.StateWidth) + 15) * sizeof(float)) + (2 * sizeof(int)), AnomalyModel.StorageBytes);
        FieldInfo[] fields = typeof(AnomalyModel).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.Equal(3, fields.Length);
        Assert.Equal(AnomalyModel.StorageBytes, fields.Sum(f => SizeOf(f.FieldType)));
    }

    [Fact]
    public void An_instance_allocates_its_state_plus_the_object_header()
    {
        GC.KeepAlive(new AnomalyModel());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var model = new AnomalyModel();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(model);

        // Object header and method-table pointer, then the fields, rounded up to the allocator's 8-byte granule.
        Assert.Equal((AnomalyModel.StorageBytes + (2 * IntPtr.Size) + 7) & ~7, allocated);
    }

    [Fact]
    public void The_weights_are_static_read_only_data_shared_by_every_instance()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnlySpan<float> first = AnomalyModel.Parameters;
        ReadOnlySpan<float> second = AnomalyModel.Parameters;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(AnomalyModel.ParameterCount, first.Length);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(first), ref MemoryMarshal.GetReference(second)));
    }

    [Fact]
    public void The_baked_weights_are_the_committed_model_file()
    {
        Assert.Equal(new[] { 64, 1 }, ModelFile.Tensors["weight_ih_l0"].Shape);
        Assert.Equal(new[] { 64, 16 }, ModelFile.Tensors["weight_hh_l0"].Shape);
        Assert.Equal(new[] { 64 }, ModelFile.Tensors["bias_ih_l0"].Shape);
        Assert.Equal(new[] { 64 }, ModelFile.Tensors["bias_hh_l0"].Shape);
        Assert.All(ModelFile.Tensors.Values, t => Assert.Equal("F32", t.DType));
        Assert.Equal("samples/DeviceSample.Training", ModelFile.Metadata["origin"]);

        float[] baked = new float[AnomalyModel.ParameterCount];
        AnomalyModel.Weights.CopyToCanonical(baked);
        Assert.Equal(ModelFile.CanonicalLstm(), baked);
    }

    [Fact]
    public void The_baked_layer_computes_what_an_imported_copy_of_the_file_computes()
    {
        var twin = new MutableTwin();
        twin.ImportParameters(ModelFile.CanonicalLstm());
        var model = new AnomalyModel();
        var signal = new SensorSignal(seed: 7);
        float[] expected = new float[MutableTwin.StateWidth];
        float[] actual = new float[AnomalyModel.StateWidth];
        float[] x = new float[1];
        for (int t = 0; t < 500; t++)
        {
            x[0] = signal.Next();
            twin.Step(x, expected);
            model.Step(x, actual);
            Assert.Equal(expected, actual);
        }

        Assert.Contains(actual, v => Math.Abs(v) > 0.05f);
    }

    private static int SizeOf(Type type) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
