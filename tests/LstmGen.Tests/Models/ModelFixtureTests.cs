using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>
/// Whole generated models against PyTorch (TestData/pytorch-models): each case's file is loaded through the model's
/// LoadWeights, run forward and back, and every output and tensor gradient is compared. Float: outputs to 1e-5, gradients to
/// 1e-4 of each tensor's largest magnitude; double: 1e-12 and 1e-10.
/// </summary>
public sealed class ModelFixtureTests
{
    public static IEnumerable<object[]> Cases => ModelFixture.Names.Select(name => new object[] { name });

    /// <summary>The first case, for tests that need one model file.</summary>
    public static string FirstCase => ModelFixture.Names.First();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_model_loaded_from_the_file_matches_pytorch(string name) => Check<float>(name, "Single", 1e-5, 1e-4);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_model_loaded_from_the_file_matches_pytorch(string name) => Check<double>(name, "Double", 1e-12, 1e-10);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Baked_model_gives_the_bits_of_the_loaded_one(string name)
    {
        ModelFixture fixture = ModelFixture.Load(name);
        var baked = (ILstmModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(name, "Baked"))!;
        var loaded = (ILstmTrainingModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(name, "Single"))!;
        loaded.LoadWeights(File.ReadAllBytes(fixture.ModelPath));

        long count = baked.Structure.ParameterCount;
        float[] bakedParameters = new float[count];
        float[] loadedParameters = new float[count];
        baked.ExportParameters(bakedParameters);
        loaded.ExportParameters(loadedParameters);
        Assert.Equal(loadedParameters.Select(BitConverter.SingleToInt32Bits), bakedParameters.Select(BitConverter.SingleToInt32Bits));

        float[] xs = Numerics.ToSingle(fixture.X);
        float[] fromBaked = new float[fixture.Y.Length];
        float[] fromLoaded = new float[fixture.Y.Length];
        baked.Forward(xs, fromBaked);
        loaded.Forward(xs, fromLoaded);
        Assert.Equal(fromLoaded.Select(BitConverter.SingleToInt32Bits), fromBaked.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_file_reads_as_the_structure_the_generator_took_from_it(string name)
    {
        ModelFileInfo info = ModelFiles.ReadStructure(File.ReadAllBytes(ModelFixture.Load(name).ModelPath));
        var model = (ILstmModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(name, "Baked"))!;
        Assert.Equal(ModelFileFormat.GuitarMl, info.Format);
        Assert.Equal(info.Structure, model.Structure);
        Assert.True(info.StoresResidual);
    }

    private static void Check<T>(string name, string variant, double outputTolerance, double gradientTolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ModelFixture fixture = ModelFixture.Load(name);
        var model = (ILstmTrainingModel<T>)Activator.CreateInstance(ModelFixture.TypeOf(name, variant))!;
        model.LoadWeights(File.ReadAllBytes(fixture.ModelPath));
        ModelStructure structure = model.Structure;

        T[] xs = Convert<T>(fixture.X);
        T[] ys = new T[fixture.Y.Length];
        model.Forward(xs, ys);
        Numerics.AssertClose(fixture.Y, Widen(ys), outputTolerance, $"{name}: y");
        double loss = ys.Select((y, k) => double.CreateChecked(y) * fixture.LossWeights[k]).Sum();
        Assert.True(Math.Abs(loss - fixture.LossValue) <= outputTolerance * ys.Length, $"{name}: loss {loss} against {fixture.LossValue}");

        T[] dx = new T[xs.Length];
        model.ZeroGradients();
        model.Backward(Convert<T>(fixture.LossWeights), dx);
        T[] gradients = new T[structure.ParameterCount];
        model.ExportGradients(gradients);
        double[] all = Widen(gradients);

        int offset = 0;
        int lstm = 0;
        foreach (ModelLayer layer in structure.Layers)
        {
            int i = layer.InputWidth;
            int h = layer.OutputWidth;
            if (layer.Kind == ModelLayerKind.Lstm)
            {
                string at = $"_l{lstm++}";
                Compare(fixture.Gradient("weight_ih" + at), all, ref offset, 4 * h * i, $"{name}: weight_ih{at}", gradientTolerance);
                Compare(fixture.Gradient("weight_hh" + at), all, ref offset, 4 * h * h, $"{name}: weight_hh{at}", gradientTolerance);
                int bias = offset;
                Compare(fixture.Gradient("bias_ih" + at), all, ref bias, 4 * h, $"{name}: bias_ih{at}", gradientTolerance);
                Compare(fixture.Gradient("bias_hh" + at), all, ref offset, 4 * h, $"{name}: bias_hh{at}", gradientTolerance);
            }
            else
            {
                Compare(fixture.Gradient("lin.weight"), all, ref offset, h * i, $"{name}: lin.weight", gradientTolerance);
                Compare(fixture.Gradient("lin.bias"), all, ref offset, h, $"{name}: lin.bias", gradientTolerance);
            }
        }

        Assert.Equal(all.Length, offset);
        Numerics.AssertRelative(fixture.Gradient("x"), Widen(dx), gradientTolerance, $"{name}: x");
    }

    private static void Compare(double[] expected, double[] all, ref int offset, int count, string what, double tolerance)
    {
        Assert.Equal(count, expected.Length);
        Numerics.AssertRelative(expected, all.AsSpan(offset, count), tolerance, what);
        offset += count;
    }

    private static T[] Convert<T>(double[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Array.ConvertAll(values, T.CreateChecked);

    private static double[] Widen<T>(T[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Array.ConvertAll(values, double.CreateChecked);
}
