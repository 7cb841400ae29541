using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private static readonly byte[] ModelFile = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "model.safetensors"));

    [Fact]
    public void An_instance_holds_only_its_state()
    {
        // h twice (each step reads one copy and writes the other) and c, one 16-float slot each, 15 spare floats so that the
        // slots can start on a 64-byte line, where they start and which h is current: no weights.
        Assert.Equal((((3 * AnomalyModel.StateWidth) + 15) * sizeof(float)) + (2 * sizeof(int)), AnomalyModel.StorageBytes);
        // The layer holds one field, its generated implementation, which holds the state buffer and two ints.
        FieldInfo storage = Assert.Single(typeof(AnomalyModel).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
        FieldInfo[] fields = storage.FieldType.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
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
        ModelFileInfo info = ModelFiles.ReadStructure(ModelFile);
        Assert.Equal(ModelFileFormat.SafeTensors, info.Format);
        Assert.Equal("LSTM(1→16)", info.Structure.ToString());
        Assert.Contains(new KeyValuePair<string, string>("origin", "samples/DeviceSample.Training"), info.Metadata);

        var twin = new MutableTwin();
        twin.Weights.Load(ModelFile);
        Assert.Equal(twin.Parameters.ToArray(), AnomalyModel.Parameters.ToArray());
    }

    [Fact]
    public void The_committed_model_is_what_the_runtime_writes_for_its_weights()
    {
        var twin = new MutableTwin();
        twin.Weights.Load(ModelFile);
        KeyValuePair<string, string>[] metadata = ModelFiles.ReadStructure(ModelFile).Metadata.Where(entry => entry.Key != "format").ToArray();
        Assert.Equal(ModelFile, twin.Weights.ToSafeTensors(metadata: metadata));
    }

    [Fact]
    public void The_baked_layer_computes_what_an_imported_copy_of_the_file_computes()
    {
        var twin = new MutableTwin();
        twin.Weights.Load(ModelFile);
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
