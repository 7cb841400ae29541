using System;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Streams;

/// <summary>
/// Streams are independent: resetting, setting or stepping one never changes another; every call with a wrong length, a
/// stream that does not exist or overlapping spans throws before anything changes; and stepping allocates nothing.
/// </summary>
public sealed class StreamStateTests
{
    private const int N = Streams8x32x5.Streams;
    private const int H = Streams8x32x5.StateWidth;
    private const int I = Streams8x32x5.InputWidth;

    [Fact]
    public void Resetting_or_setting_one_stream_leaves_the_others_alone()
    {
        Streams8x32x5 layer = Running();
        for (int stream = 0; stream < N; stream++)
        {
            float[] hidden = layer.HiddenState.ToArray(), cell = layer.CellState.ToArray();
            layer.Reset(stream);
            AssertOnlyStreamChanged(hidden, layer.HiddenState.ToArray(), stream, expected: new float[H]);
            AssertOnlyStreamChanged(cell, layer.CellState.ToArray(), stream, expected: new float[H]);

            float[] h0 = StreamBitsTests.Random<float>(H, 0.5, 40 + (ulong)stream);
            float[] c0 = StreamBitsTests.Random<float>(H, 1, 50 + (ulong)stream);
            hidden = layer.HiddenState.ToArray();
            cell = layer.CellState.ToArray();
            layer.SetState(stream, h0, c0);
            AssertOnlyStreamChanged(hidden, layer.HiddenState.ToArray(), stream, h0);
            AssertOnlyStreamChanged(cell, layer.CellState.ToArray(), stream, c0);

            float[] copiedH = new float[H], copiedC = new float[H];
            layer.CopyStateTo(stream, copiedH, copiedC);
            Assert.Equal(h0, copiedH);
            Assert.Equal(c0, copiedC);
        }
    }

    [Fact]
    public void Stepping_the_first_streams_leaves_the_rest_alone()
    {
        Streams8x32x5 layer = Running();
        for (int active = 0; active <= N; active++)
        {
            float[] hidden = layer.HiddenState.ToArray(), cell = layer.CellState.ToArray();
            layer.Step(StreamBitsTests.Random<float>(active * I, 1, 60 + (ulong)active), new float[active * H], active);
            Assert.Equal(hidden.AsSpan(active * H).ToArray(), layer.HiddenState[(active * H)..].ToArray());
            Assert.Equal(cell.AsSpan(active * H).ToArray(), layer.CellState[(active * H)..].ToArray());
            for (int stream = 0; stream < active; stream++)
            {
                Assert.False(hidden.AsSpan(stream * H, H).SequenceEqual(layer.HiddenState.Slice(stream * H, H)), $"stream {stream} of {active} did not step");
            }
        }
    }

    [Fact]
    public void Whole_state_round_trips_and_reset_clears_every_stream()
    {
        Streams8x32x5 layer = Running();
        float[] hidden = new float[N * H], cell = new float[N * H];
        layer.CopyStateTo(hidden, cell);
        Assert.Equal(layer.HiddenState.ToArray(), hidden);
        Assert.Equal(layer.CellState.ToArray(), cell);

        var other = new Streams8x32x5();
        other.SetState(hidden, cell);
        Assert.Equal(hidden, other.HiddenState.ToArray());
        Assert.Equal(cell, other.CellState.ToArray());

        layer.Reset();
        Assert.True(layer.HiddenState.IndexOfAnyExcept(0f) < 0 && layer.CellState.IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void Wrong_arguments_throw_before_anything_changes()
    {
        Streams8x32x5 layer = Running();
        float[] hidden = layer.HiddenState.ToArray(), cell = layer.CellState.ToArray();
        float[] parameters = layer.Parameters.ToArray();
        float[] x = new float[N * I], h = new float[N * H];

        Assert.Throws<ArgumentException>("x", () => layer.Step(new float[(N * I) - 1], h));
        Assert.Throws<ArgumentException>("h", () => layer.Step(x, new float[(N * H) + 1]));
        Assert.Throws<ArgumentException>("x", () => layer.Step(new float[I], new float[H])); // one stream's worth is not N
        Assert.Throws<ArgumentOutOfRangeException>("streams", () => layer.Step(x, h, N + 1));
        Assert.Throws<ArgumentOutOfRangeException>("streams", () => layer.Step(x, h, -1));
        Assert.Throws<ArgumentException>("x", () => layer.Step(new float[2 * I], new float[3 * H], 3));
        Assert.Throws<ArgumentException>("h", () => layer.Step(new float[3 * I], new float[2 * H], 3));
        float[] shared = new float[(N * I) + (N * H)];
        Assert.Throws<ArgumentException>("h", () => layer.Step(shared.AsSpan(0, N * I), shared.AsSpan(N * I - 1, N * H)));
        Assert.Throws<ArgumentException>("xs", () => layer.Forward(new float[(3 * N * I) + 1], new float[3 * N * H]));
        Assert.Throws<ArgumentException>("hs", () => layer.Forward(new float[3 * N * I], new float[2 * N * H]));
        Assert.Throws<ArgumentException>("xs", () => layer.Forward(new float[3 * I], new float[3 * H])); // 3·I is no whole number of N·I steps
        Assert.Throws<ArgumentOutOfRangeException>("stream", () => layer.Reset(N));
        Assert.Throws<ArgumentOutOfRangeException>("stream", () => layer.Reset(-1));
        Assert.Throws<ArgumentOutOfRangeException>("stream", () => layer.SetState(N, new float[H], new float[H]));
        Assert.Throws<ArgumentException>("hidden", () => layer.SetState(0, new float[H + 1], new float[H]));
        Assert.Throws<ArgumentException>("cell", () => layer.SetState(0, new float[H], new float[H - 1]));
        Assert.Throws<ArgumentException>("hidden", () => layer.SetState(new float[H], new float[H])); // one stream's worth
        Assert.Throws<ArgumentException>("cell", () => layer.SetState(new float[N * H], new float[(N * H) - 1]));
        Assert.Throws<ArgumentOutOfRangeException>("stream", () => layer.CopyStateTo(-1, new float[H], new float[H]));
        Assert.Throws<ArgumentException>("hidden", () => layer.CopyStateTo(new float[H], new float[N * H]));
        Assert.Throws<ArgumentException>("cell", () => layer.CopyStateTo(1, new float[H], new float[N * H]));

        Assert.Equal(hidden, layer.HiddenState.ToArray());
        Assert.Equal(cell, layer.CellState.ToArray());
        Assert.Equal(parameters, layer.Parameters.ToArray());
    }

    [Fact]
    public void Stepping_streams_allocates_nothing()
    {
        Streams16x64x8 layer = new();
        layer.InitializeParameters(3, 0.2);
        float[] x = new float[8 * 16], h = new float[8 * 64];
        float[] xs = new float[20 * 8 * 16], hs = new float[20 * 8 * 64];
        int t = 0;
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => { x[t++ % x.Length] = t * 0.001f; layer.Step(x, h); }, warmUp: 200, runsPerWindow: 2_000));
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => layer.Step(x.AsSpan(0, 3 * 16), h.AsSpan(0, 3 * 64), 3), warmUp: 200, runsPerWindow: 2_000));
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => layer.Forward(xs, hs), warmUp: 20, runsPerWindow: 100));

        var small = new Streams2x3x64();
        small.InitializeParameters(4);
        float[] smallX = new float[64 * 2], smallH = new float[64 * 3];
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => small.Step(smallX, smallH), warmUp: 200, runsPerWindow: 2_000));
    }

    /// <summary>A layer with random weights whose streams have stepped from different inputs, so every stream's state differs.</summary>
    private static Streams8x32x5 Running()
    {
        var layer = new Streams8x32x5();
        layer.InitializeParameters(9);
        for (int t = 0; t < 3; t++)
        {
            layer.Step(StreamBitsTests.Random<float>(N * I, 1, 30 + (ulong)t), new float[N * H]);
        }

        return layer;
    }

    private static void AssertOnlyStreamChanged(float[] before, float[] after, int stream, float[] expected)
    {
        for (int s = 0; s < N; s++)
        {
            float[] want = s == stream ? expected : before.AsSpan(s * H, H).ToArray();
            Assert.Equal(want, after.AsSpan(s * H, H).ToArray());
        }
    }
}
