using System;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Streams;

/// <summary>
/// A streamed training layer records N sequences and its Backward sums their gradients: a mini-batch. Its forward outputs
/// must be each stream's single-stream bits; its gradients the sum of N separate single-stream backward passes (1e-5
/// relative for float, 1e-12 for double, in the 2-norm: only the order of the sums differs); and each stream's dLoss/dx,
/// dLoss/dh₀ and dLoss/dc₀ that stream's own bits.
/// </summary>
public sealed class StreamTrainingTests
{
    [Theory]
    [MemberData(nameof(StreamedCatalog.FloatTrainingNames), MemberType = typeof(StreamedCatalog))]
    public void Gradients_are_the_sum_of_single_stream_backward_passes(string name) =>
        AssertMiniBatch(StreamedCatalog.FloatTraining(name), 1e-5);

    [Theory]
    [MemberData(nameof(StreamedCatalog.DoubleTrainingNames), MemberType = typeof(StreamedCatalog))]
    public void Double_gradients_are_the_sum_of_single_stream_backward_passes(string name) =>
        AssertMiniBatch(StreamedCatalog.DoubleTraining(name), 1e-12);

    [Fact]
    public void Backward_checks_every_length_against_n_streams_before_anything_changes()
    {
        var layer = new Layers.TrainStreams4x16x3();
        layer.InitializeParameters(2);
        const int n = 3, i = 4, h = 16, steps = 5;
        layer.Forward(new float[steps * n * i], new float[steps * n * h]);
        float[] gradients = layer.Gradients.ToArray();
        Assert.Throws<ArgumentException>("dLossDh", () => layer.Backward(new float[steps * h], default));
        Assert.Throws<ArgumentException>("dLossDx", () => layer.Backward(new float[steps * n * h], new float[steps * i]));
        Assert.Throws<ArgumentException>("dLossDhFinal", () => layer.Backward(new float[steps * n * h], new float[h], default, default, default, default));
        Assert.Throws<ArgumentException>("dLossDc0", () => layer.Backward(new float[steps * n * h], default, default, default, default, new float[h]));
        Assert.Throws<ArgumentException>("xs", () => layer.Forward(new float[13 * n * i], new float[13 * n * h])); // MaxSteps is 12
        Assert.Equal(steps, layer.RecordedSteps);
        Assert.Equal(gradients, layer.Gradients.ToArray());

        layer.Backward(new float[steps * n * h], default);
        Assert.Equal(0, layer.RecordedSteps);
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new float[steps * n * h], default));
    }

    [Fact]
    public void A_training_step_of_a_mini_batch_allocates_nothing()
    {
        var layer = new Layers.TrainStreamsBlocked8x32x8();
        layer.InitializeParameters(3);
        float[] xs = new float[20 * 8 * 8], hs = new float[20 * 8 * 32], dLossDh = new float[20 * 8 * 32];
        dLossDh.AsSpan().Fill(0.01f);
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                layer.Reset();
                layer.ZeroGradients();
                layer.Forward(xs, hs);
                layer.Backward(dLossDh, default);
                layer.ApplySgd(1e-3f);
            },
            warmUp: 10,
            runsPerWindow: 50);
        Assert.Equal(0, allocated);
    }

    private static void AssertMiniBatch<T>(StreamedTrainingCase<T> @case, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        IStreamedTrainingLayer<T> layer = @case.Create();
        ILstmTrainingLayer<T>[] singles = Enumerable.Range(0, @case.Streams).Select(_ => @case.CreateSingle()).ToArray();
        LstmParameterLayout layout = singles[0].ParameterLayout;
        int n = @case.Streams, i = layout.InputWidth, h = layout.StateWidth;
        int steps = Math.Min(singles[0].MaxSteps, 7);
        T[] canonical = StreamBitsTests.Random<T>(layout.ParameterCount, 1 / Math.Sqrt(h), 81);
        layer.ImportParameters(canonical);
        layer.ZeroGradients();
        for (int s = 0; s < n; s++)
        {
            singles[s].ImportParameters(canonical);
            singles[s].ZeroGradients();
            T[] h0 = StreamBitsTests.Random<T>(h, 0.5, 90 + (ulong)s), c0 = StreamBitsTests.Random<T>(h, 1, 95 + (ulong)s);
            singles[s].SetState(h0, c0);
            layer.SetState(s, h0, c0);
        }

        T[] xs = StreamBitsTests.Random<T>(steps * n * i, 1.5, 100);
        T[] dLossDh = StreamBitsTests.Random<T>(steps * n * h, 1, 101);
        T[] dLossDhFinal = StreamBitsTests.Random<T>(n * h, 1, 102), dLossDcFinal = StreamBitsTests.Random<T>(n * h, 1, 103);
        var hs = new T[steps * n * h];
        layer.Forward(xs, hs);
        Assert.Equal(steps, layer.RecordedSteps);
        T[] dLossDx = new T[steps * n * i], dLossDh0 = new T[n * h], dLossDc0 = new T[n * h];
        layer.Backward(dLossDh, dLossDhFinal, dLossDcFinal, dLossDx, dLossDh0, dLossDc0);

        var expectedGradients = new double[layout.ParameterCount];
        for (int s = 0; s < n; s++)
        {
            T[] dh = StreamBitsTests.Stream(dLossDh, steps, n, h, s), expectedHs = new T[steps * h], expectedDx = new T[steps * i];
            singles[s].Forward(StreamBitsTests.Stream(xs, steps, n, i, s), expectedHs);
            T[] dh0 = new T[h], dc0 = new T[h];
            singles[s].Backward(dh, dLossDhFinal.AsSpan(s * h, h), dLossDcFinal.AsSpan(s * h, h), expectedDx, dh0, dc0);
            for (int t = 0; t < steps; t++)
            {
                StreamBitsTests.AssertBits<T>(expectedHs.AsSpan(t * h, h), hs.AsSpan(((t * n) + s) * h, h), $"{@case.Name}: h of stream {s}, step {t}");
                StreamBitsTests.AssertBits<T>(expectedDx.AsSpan(t * i, i), dLossDx.AsSpan(((t * n) + s) * i, i), $"{@case.Name}: dLoss/dx of stream {s}, step {t}");
            }

            StreamBitsTests.AssertBits<T>(dh0, dLossDh0.AsSpan(s * h, h), $"{@case.Name}: dLoss/dh0 of stream {s}");
            StreamBitsTests.AssertBits<T>(dc0, dLossDc0.AsSpan(s * h, h), $"{@case.Name}: dLoss/dc0 of stream {s}");
            Span<T> gradients = singles[s].Gradients;
            for (int k = 0; k < gradients.Length; k++)
            {
                expectedGradients[k] += double.CreateChecked(gradients[k]);
            }
        }

        // Relative in the 2-norm over every parameter's gradient: elements where steps and streams cancel carry a rounding
        // error far above their own size in any summation order (float sums of 35–56 records differ from the per-stream
        // sums by up to 1e-4 of such an element), so an element-wise bound would test the order, not the mini-batch.
        Span<T> actual = layer.Gradients;
        double difference = 0, size = 0;
        for (int k = 0; k < actual.Length; k++)
        {
            double a = double.CreateChecked(actual[k]), e = expectedGradients[k];
            difference += (a - e) * (a - e);
            size += e * e;
        }

        double relative = Math.Sqrt(difference / size);
        Assert.True(size > 0, $"{@case.Name}: no gradient");
        Assert.True(relative <= tolerance, $"{@case.Name}: the gradients differ from the sum of the streams' by {relative:G3} of their norm (allowed {tolerance:G3})");
    }
}
