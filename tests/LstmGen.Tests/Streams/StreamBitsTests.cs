using System;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Streams;

/// <summary>
/// A streamed layer steps N sequences through one set of weights; every stream must give exactly the bits of a
/// single-stream layer with the same weights, state and inputs: through Step of all streams, Step of the first n, and
/// Forward, from different starting states per stream. CI runs these on the 512-, 256-, 128-bit and scalar paths.
/// </summary>
public sealed class StreamBitsTests
{
    [Theory]
    [MemberData(nameof(StreamedCatalog.FloatNames), MemberType = typeof(StreamedCatalog))]
    public void Every_stream_gives_the_bits_of_a_single_stream_layer(string name) => AssertStreamsMatchSingles(StreamedCatalog.Float(name));

    [Theory]
    [MemberData(nameof(StreamedCatalog.DoubleNames), MemberType = typeof(StreamedCatalog))]
    public void Every_double_stream_gives_the_bits_of_a_single_stream_layer(string name) => AssertStreamsMatchSingles(StreamedCatalog.Double(name));

    [Fact]
    public void A_struct_layer_streams_like_single_layers()
    {
        var layer = new Layers.StreamsStruct8x16();
        var singles = Enumerable.Range(0, 4).Select(_ => new Layers.Struct8x16()).ToArray();
        float[] canonical = Numerics.ToSingle(Numerics.RandomSymmetric(Layers.Struct8x16.ParameterCount, 0.25, 5));
        layer.ImportParameters(canonical);
        for (int s = 0; s < 4; s++)
        {
            singles[s].ImportParameters(canonical);
        }

        for (int t = 0; t < 5; t++)
        {
            float[] x = Numerics.ToSingle(Numerics.RandomSymmetric(4 * 8, 1.5, (ulong)(10 + t)));
            var h = new float[4 * 16];
            layer.Step(x, h);
            for (int s = 0; s < 4; s++)
            {
                var expected = new float[16];
                singles[s].Step(x.AsSpan(s * 8, 8), expected);
                Assert.True(expected.AsSpan().SequenceEqual(h.AsSpan(s * 16, 16)), $"stream {s}, step {t}");
                Assert.True(singles[s].CellState.SequenceEqual(layer.CellState.Slice(s * 16, 16)), $"c of stream {s}, step {t}");
            }
        }
    }

    internal static void AssertStreamsMatchSingles<T>(StreamedCase<T> @case)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        IStreamedLayer<T> layer = @case.Create();
        ILstmMutableLayer<T>[] singles = Enumerable.Range(0, @case.Streams).Select(_ => @case.CreateSingle()).ToArray();
        LstmParameterLayout layout = singles[0].ParameterLayout;
        int n = @case.Streams, i = layout.InputWidth, h = layout.StateWidth;
        T[] canonical = Random<T>(layout.ParameterCount, 1 / Math.Sqrt(h), 71);
        layer.ImportParameters(canonical);
        for (int s = 0; s < n; s++)
        {
            singles[s].ImportParameters(canonical);
            T[] h0 = Random<T>(h, 0.5, 100 + (ulong)s);
            T[] c0 = Random<T>(h, 1, 200 + (ulong)s);
            singles[s].SetState(h0, c0);
            layer.SetState(s, h0, c0);
        }

        ulong seed = 300;
        for (int t = 0; t < 3; t++)
        {
            StepAndCompare(@case.Name, layer, singles, n, i, h, n, seed++, $"step {t} of all streams");
        }

        // The first n streams only: none, one, a group's worth and a tail, all but one, and all.
        foreach (int active in new[] { 0, 1, Math.Min(3, n), n - 1, n / 2 + 1, n })
        {
            StepAndCompare(@case.Name, layer, singles, n, i, h, active, seed++, $"a step of the first {active} streams");
        }

        foreach (int steps in new[] { 1, 4 })
        {
            T[] xs = Random<T>(steps * n * i, 1.5, seed++);
            var hs = new T[steps * n * h];
            layer.Forward(xs, hs);
            for (int s = 0; s < n; s++)
            {
                var expected = new T[steps * h];
                singles[s].Forward(Stream(xs, steps, n, i, s), expected);
                for (int t = 0; t < steps; t++)
                {
                    AssertBits(expected.AsSpan(t * h, h), hs.AsSpan(((t * n) + s) * h, h), $"{@case.Name}: Forward of {steps}, stream {s}, step {t}");
                }
            }

            AssertStates(@case.Name, layer, singles, h, $"after Forward of {steps}");
        }
    }

    private static void StepAndCompare<T>(string name, IStreamedLayer<T> layer, ILstmMutableLayer<T>[] singles, int n, int i, int h, int active, ulong seed, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] x = Random<T>(active * i, 1.5, seed);
        var actual = new T[active * h];
        if (active == n)
        {
            layer.Step(x, actual);
        }
        else
        {
            layer.Step(x, actual, active);
        }

        for (int s = 0; s < active; s++)
        {
            var expected = new T[h];
            singles[s].Step(x.AsSpan(s * i, i), expected);
            AssertBits(expected, actual.AsSpan(s * h, h), $"{name}: {what}, stream {s}");
        }

        AssertStates(name, layer, singles, h, what);
    }

    private static void AssertStates<T>(string name, IStreamedLayer<T> layer, ILstmMutableLayer<T>[] singles, int h, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int s = 0; s < singles.Length; s++)
        {
            T[] hidden = new T[h], cell = new T[h], expectedHidden = new T[h], expectedCell = new T[h];
            layer.CopyStateTo(s, hidden, cell);
            singles[s].CopyStateTo(expectedHidden, expectedCell);
            AssertBits(expectedHidden, hidden, $"{name}: h of stream {s} {what}");
            AssertBits(expectedCell, cell, $"{name}: c of stream {s} {what}");
        }
    }

    internal static void AssertBits<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!expected[k].Equals(actual[k]))
            {
                Assert.Fail($"{what}: element {k} is {actual[k]}, expected {expected[k]} (bit for bit)");
            }
        }
    }

    /// <summary>One stream's sequence out of a time-major one: step t of stream s at (t·N + s)·width.</summary>
    internal static T[] Stream<T>(T[] sequence, int steps, int streams, int width, int stream)
    {
        var result = new T[steps * width];
        for (int t = 0; t < steps; t++)
        {
            Array.Copy(sequence, ((t * streams) + stream) * width, result, t * width, width);
        }

        return result;
    }

    internal static T[] Random<T>(int count, double range, ulong seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Numerics.RandomSymmetric(count, range, seed).Select(T.CreateTruncating).ToArray();
}
