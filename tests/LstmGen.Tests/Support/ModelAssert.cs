using System;
using System.IO;
using System.Linq;
using Xunit;

namespace LstmGen.Tests.Support;

/// <summary>Assertions about models that several test classes share.</summary>
public static class ModelAssert
{
    /// <summary>Loading must throw InvalidDataException whose message holds every expected piece, and leave parameters and state as they were.</summary>
    public static void RejectsUnchanged(ILstmMutableModel<float> model, byte[] file, params string[] expected)
    {
        var x = new float[model.Structure.InputWidth];
        x.AsSpan().Fill(0.5f);
        var y = new float[model.Structure.OutputWidth];
        model.Step(x, y);
        long[] before = ParameterBits(model);
        var next = new float[y.Length];
        var probe = new float[y.Length];

        var error = Assert.Throws<InvalidDataException>(() => model.LoadWeights(file));
        foreach (string piece in expected)
        {
            Assert.Contains(piece, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, ParameterBits(model));

        // The state is unchanged too: the next step gives what a model that never saw the file gives.
        model.Step(x, next);
        var twin = (ILstmMutableModel<float>)Activator.CreateInstance(model.GetType())!;
        float[] parameters = new float[model.Structure.ParameterCount];
        model.ExportParameters(parameters);
        twin.ImportParameters(parameters);
        twin.Step(x, probe);
        twin.Step(x, probe);
        Assert.Equal(probe, next);
        model.Reset();
    }

    public static long[] ParameterBits(ILstmModel<float> model)
    {
        var values = new float[model.Structure.ParameterCount];
        model.ExportParameters(values);
        return values.Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray();
    }

    public static long[] ParameterBits(ILstmModel<double> model)
    {
        var values = new double[model.Structure.ParameterCount];
        model.ExportParameters(values);
        return values.Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
