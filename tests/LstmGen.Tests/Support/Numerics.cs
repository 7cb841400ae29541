using System;
using Xunit.Sdk;

namespace LstmGen.Tests.Support;

/// <summary>Comparison helpers that report the worst element, so a failure says where and by how much.</summary>
public static class Numerics
{
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        double[] widened = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        AssertClose(expected, widened, tolerance, what);
    }

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values but got {actual.Length}.");
        }

        (double error, int index) = MaxAbsoluteError(expected, actual);
        if (!(error <= tolerance))
        {
            throw new XunitException($"{what}: element {index} is {actual[index]:R}, expected {expected[index]:R} (error {error:E3} > {tolerance:E1}).");
        }
    }

    /// <summary>Asserts that the largest error is within <paramref name="tolerance"/> of the largest magnitude of <paramref name="expected"/>.</summary>
    public static void AssertRelative(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        double scale = 0;
        foreach (double value in expected)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        AssertClose(expected, actual, tolerance * Math.Max(scale, double.Epsilon), what + $" (relative to {scale:E3})");
    }

    public static (double Error, int Index) MaxAbsoluteError(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        double worst = 0;
        int index = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (double.IsNaN(error))
            {
                return (double.NaN, i);
            }

            if (error > worst)
            {
                worst = error;
                index = i;
            }
        }

        return (worst, index);
    }

    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    public static double[] RandomSymmetric(int count, double range, ulong seed)
    {
        var random = new LstmRandom(seed);
        var values = new double[count];
        random.FillSymmetric(values, range);
        return values;
    }
}
