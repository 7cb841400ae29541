extern alias runtime;

using System;
using System.Linq;
using System.Reflection;
using LstmGen.Generator.Tests.Support;
using Xunit;
using runtime::LstmGen;

namespace LstmGen.Generator.Tests;

/// <summary>
/// The generator bakes exactly the bits the runtime's <c>LoadSafeTensors</c> loads from the same file, for every dtype and
/// both element types, including the values a careless conversion changes: signed zeros, subnormals, and bias pairs whose
/// sum depends on the precision it is taken in.
/// </summary>
public sealed class BakedValueTests
{
    private const int I = 3;
    private const int H = 5;

    [Theory]
    [InlineData("F32", true)]
    [InlineData("F64", true)]
    [InlineData("F16", true)]
    [InlineData("BF16", true)]
    [InlineData("F32", false)]
    public void Baked_values_are_the_runtime_loaders_bits(string dtype, bool biases)
    {
        byte[] file = File(dtype, biases);
        const string Source = """
            using LstmGen;
            namespace Demo;
            [LstmLayer(3, 5, Weights = "weights/w.safetensors", WeightsPrefix = "m.", WeightsLayer = 1)] public partial class Single35;
            [LstmLayer(3, 5, Weights = "weights/w.safetensors", WeightsPrefix = "m.", WeightsLayer = 1, ElementType = typeof(double))] public partial class Double35;
            public static class Probe
            {
                public static float[] Single() => Single35.Parameters.ToArray();
                public static double[] Double() => Double35.Parameters.ToArray();
                public static int[] UnitBlocks() => new[] { Single35.UnitBlock, Double35.UnitBlock };
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(Source, additionalTexts: [FileAdditionalText.Create("weights/w.safetensors", file)]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assembly assembly = EmittedAssembly.Load(run.Output);
        int[] blocks = EmittedAssembly.Call<int[]>(assembly, "Demo.Probe", "UnitBlocks");

        var single = new float[4 * H * (1 + I + H)];
        new LstmWeights<float>(single, new LstmParameterLayout(I, H, blocks[0])).LoadSafeTensors(file, "m.", 1);
        Assert.Equal(single.Select(BitConverter.SingleToInt32Bits), EmittedAssembly.Call<float[]>(assembly, "Demo.Probe", "Single").Select(BitConverter.SingleToInt32Bits));

        var wide = new double[single.Length];
        new LstmWeights<double>(wide, new LstmParameterLayout(I, H, blocks[1])).LoadSafeTensors(file, "m.", 1);
        Assert.Equal(wide.Select(BitConverter.DoubleToInt64Bits), EmittedAssembly.Call<double[]>(assembly, "Demo.Probe", "Double").Select(BitConverter.DoubleToInt64Bits));

        // Not vacuous: the tricky values are there to compare.
        Assert.Contains(single, v => v == 0 && float.IsNegative(v));
        Assert.Contains(single, v => v != 0 && Math.Abs(v) < 1e-4f);
    }

    /// <summary>Layer 1 of a model under the prefix "m.", with a decoy layer 0, in one dtype.</summary>
    private static byte[] File(string dtype, bool biases)
    {
        int rows = 4 * H;
        double[] ih = Random(rows * I, 1);
        double[] hh = Random(rows * H, 2);
        double[] bih = Random(rows, 3);
        double[] bhh = Random(rows, 4);
        ih[0] = -0.0;
        ih[1] = 6e-8;                       // a binary16 subnormal
        ih[2] = -1e-40;                     // a binary32 subnormal: −0 in F16, a subnormal in BF16
        hh[0] = 1234.5;
        (bih[0], bhh[0]) = (-0.0, 0.0);     // −0 + 0: the lone −0 survives
        (bih[1], bhh[1]) = (0.0, -0.0);
        (bih[2], bhh[2]) = (0.1, 0.2);      // 0.1f + 0.2f differs from (float)(0.1 + 0.2)
        (bih[3], bhh[3]) = (-0.0, 0.25);

        var tensors = new System.Collections.Generic.List<(string, string, int[], byte[])>
        {
            ("m.weight_ih_l0", dtype, [rows, 7], WeightFiles.Encode(Random(rows * 7, 9), dtype)),
            ("m.weight_ih_l1", dtype, [rows, I], WeightFiles.Encode(ih, dtype)),
            ("m.weight_hh_l1", dtype, [rows, H], WeightFiles.Encode(hh, dtype)),
        };
        if (biases)
        {
            tensors.Add(("m.bias_ih_l1", dtype, [rows], WeightFiles.Encode(bih, dtype)));
            tensors.Add(("m.bias_hh_l1", dtype, [rows], WeightFiles.Encode(bhh, dtype)));
        }

        return WeightFiles.Tensors(tensors.ToArray());
    }

    private static double[] Random(int count, ulong seed)
    {
        var values = new double[count];
        new LstmRandom(seed).FillSymmetric(values, 1.0);
        return values;
    }
}
