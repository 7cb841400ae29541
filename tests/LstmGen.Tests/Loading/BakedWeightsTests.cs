using System;
using System.IO;
using System.Runtime.CompilerServices;
using LstmGen.Tests.Baked;
using LstmGen.Tests.Loading.Support;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>
/// Layers baked at build time from the committed model (Support/BakedLayers.cs) against the same declarations loading the
/// same file at run time: the same bits in, the same bits out, and nothing but the state in the layer.
/// </summary>
public sealed class BakedWeightsTests
{
    private static readonly PyTorchCase Fixture = PyTorchCase.Load("I1-H8-T16");

    [Fact]
    public void A_baked_float_layer_equals_the_file_loaded_at_run_time()
    {
        var runtime = new Runtime1x8();
        runtime.Weights.LoadSafeTensors(File.ReadAllBytes(CommittedModel.CommittedModelPath), CommittedModel.CommittedModelPrefix);
        Assert.Equal(Runtime1x8.ParameterLayout, Baked1x8.ParameterLayout);
        Bits.AssertEqual<float>(runtime.Parameters, Baked1x8.Parameters, "baked vs loaded parameters");

        AssertSameOutputs<float>(new Baked1x8(), runtime, 1e-6);
        AssertSameOutputs<float>(new BakedStruct1x8(), runtime, 1e-6);
    }

    [Fact]
    public void A_baked_double_layer_equals_the_file_loaded_at_run_time()
    {
        var runtime = new RuntimeDouble1x8();
        runtime.Weights.LoadSafeTensors(File.ReadAllBytes(CommittedModel.CommittedModelPath), CommittedModel.CommittedModelPrefix, 0);
        Bits.AssertEqual<double>(runtime.Parameters, BakedDouble1x8.Parameters, "baked vs loaded parameters");
        AssertSameOutputs<double>(new BakedDouble1x8(), runtime, 1e-12);
    }

    [Fact]
    public void Baked_weights_export_to_the_fixture()
    {
        var weightIh = new float[32];
        var weightHh = new float[256];
        var biasIh = new float[32];
        var biasHh = new float[32];
        Baked1x8.Weights.ExportPyTorch(weightIh, weightHh, biasIh, biasHh);
        Bits.AssertEqual<float>(Numerics.ToSingle(Fixture.WeightIh), weightIh, "weight_ih");
        Bits.AssertEqual<float>(Numerics.ToSingle(Fixture.WeightHh), weightHh, "weight_hh");
        float[] bias = new float[32];
        for (int row = 0; row < bias.Length; row++)
        {
            bias[row] = (float)Fixture.BiasIh[row] + (float)Fixture.BiasHh[row];
        }

        Bits.AssertEqual<float>(bias, biasIh, "bias_ih, the sum of PyTorch's two biases in float");
        Bits.AssertEqual<float>(new float[32], biasHh, "bias_hh");

        var canonical = new double[BakedDouble1x8.ParameterCount];
        new BakedDouble1x8().ExportParameters(canonical);
        Bits.AssertEqual<double>(Fixture.CanonicalParameters(), canonical, "double baked parameters");
    }

    [Fact]
    public void A_baked_layer_stores_only_its_state()
    {
        // The state: h twice (each step reads one copy and writes the other) and c, each in a slot of one 64-byte line (H = 8
        // floats rounded up to 16, or 8 doubles), the slack that lets the slots start on a line (15 floats or 7 doubles), and
        // the ints that say where the state starts and which h is current.
        Assert.Equal((((3 * 16) + 15) * sizeof(float)) + (2 * sizeof(int)), Baked1x8.StorageBytes);
        Assert.Equal((((3 * 16) + 15) * sizeof(float)) + (2 * sizeof(int)), BakedStruct1x8.StorageBytes);
        Assert.Equal((((3 * 8) + 7) * sizeof(double)) + (2 * sizeof(int)), BakedDouble1x8.StorageBytes);
        Assert.Equal(BakedStruct1x8.StorageBytes, Unsafe.SizeOf<BakedStruct1x8>());

        // A class instance is its object header plus the state: compare with the writable layer of the same size.
        // (The writable layer also has the parameters' 15 spare floats for alignment and the int that says where they start.)
        Assert.Equal(Runtime1x8.StorageBytes - ((Runtime1x8.ParameterCount + 15) * sizeof(float)) - sizeof(int), Baked1x8.StorageBytes);
        _ = new Baked1x8();
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = new Baked1x8();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, Baked1x8.StorageBytes, Baked1x8.StorageBytes + 32);
    }

    [Fact]
    public void Reading_baked_weights_and_running_allocate_nothing()
    {
        var layer = new Baked1x8();
        var x = new float[1];
        var h = new float[8];
        float sum = 0;
        int t = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                sum += Baked1x8.Parameters[t % Baked1x8.ParameterCount] + Baked1x8.Weights[LstmBlock.Bias, LstmGate.Output, 7, 0];
                x[0] = t++ * 0.001f;
                layer.Step(x, h);
            },
            warmUp: 100,
            runsPerWindow: 1_000);
        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(sum));
    }

    [Fact]
    public void Baked_layers_are_read_only()
    {
        Assert.True(typeof(ILstmLayer<float>).IsAssignableFrom(typeof(Baked1x8)));
        Assert.False(typeof(ILstmMutableLayer<float>).IsAssignableFrom(typeof(Baked1x8)));
        Assert.False(typeof(ILstmMutableLayer<double>).IsAssignableFrom(typeof(BakedDouble1x8)));
        Assert.Null(typeof(Baked1x8).GetMethod("ImportParameters"));
    }

    /// <summary>The baked layer and the loaded one give the same bits on the fixture's inputs, and both match PyTorch.</summary>
    private static void AssertSameOutputs<T>(ILstmLayer<T> baked, ILstmLayer<T> runtime, double tolerance)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        (double[] bakedH, double[] bakedC) = FixtureRun.Run(baked, Fixture);
        (double[] runtimeH, double[] runtimeC) = FixtureRun.Run(runtime, Fixture);
        Bits.AssertEqual<double>(runtimeH, bakedH, "h, baked vs loaded");
        Bits.AssertEqual<double>(runtimeC, bakedC, "c, baked vs loaded");
        Numerics.AssertClose(Fixture.H, bakedH, tolerance, "baked h vs PyTorch");
        Numerics.AssertClose(Fixture.C, bakedC, tolerance, "baked c vs PyTorch");
    }
}
