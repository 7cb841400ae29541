using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using LstmGen.Benchmarks;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// The benchmark suite is not run by the unit tests, but it must build (this project references it) and measure what it
/// claims: every yardstick size, both implementations computing the same LSTM, and the training iterations.
/// </summary>
public sealed class BenchmarkSuiteTests
{
    private static readonly string[] YardstickSizes = { "1x8", "1x16", "4x16", "1x32", "8x32", "16x64", "64x128" };

    [Fact]
    public void Every_yardstick_size_has_a_generated_and_a_tutorial_benchmark_that_agree()
    {
        var suite = new StepBenchmarks();
        foreach (string size in YardstickSizes)
        {
            MethodInfo generated = Benchmark(typeof(StepBenchmarks), $"LstmGen_{size}");
            MethodInfo tutorial = Benchmark(typeof(StepBenchmarks), $"Tutorial_{size}");
            Assert.True(tutorial.GetCustomAttribute<BenchmarkAttribute>()!.Baseline, size);

            // Both start from a zero state on the same weights and inputs, so the sums of h[0] over the first invocation agree.
            float a = (float)generated.Invoke(suite, null)!;
            float b = (float)tutorial.Invoke(suite, null)!;
            Assert.True(float.IsFinite(a) && a != 0, $"{size}: {a}");
            Assert.True(Math.Abs(a - b) <= 1e-3 * Math.Max(1, Math.Abs(b)), $"{size}: generated {a} vs tutorial {b}");
        }
    }

    [Fact]
    public void Training_iterations_are_benchmarked_at_8x32_and_16x64()
    {
        var suite = new TrainingBenchmarks();
        foreach (string size in new[] { "8x32", "16x64" })
        {
            float forward = (float)Benchmark(typeof(TrainingBenchmarks), $"ForwardOnly_{size}").Invoke(suite, null)!;
            float trained = (float)Benchmark(typeof(TrainingBenchmarks), $"TrainingIteration_{size}").Invoke(suite, null)!;
            Assert.Equal(forward, trained);
        }
    }

    [Fact]
    public void Forward_is_benchmarked_against_step_calls_that_compute_the_same_bits()
    {
        var suite = new ForwardBenchmarks();
        foreach (string size in new[] { "4x16", "8x32", "16x64", "64x128" })
        {
            MethodInfo steps = Benchmark(typeof(ForwardBenchmarks), $"Steps_{size}");
            Assert.True(steps.GetCustomAttribute<BenchmarkAttribute>()!.Baseline, size);
            float stepped = (float)steps.Invoke(suite, null)!;
            float forward = (float)Benchmark(typeof(ForwardBenchmarks), $"Forward_{size}").Invoke(suite, null)!;
            Assert.True(float.IsFinite(stepped) && stepped != 0, $"{size}: {stepped}");
            Assert.Equal(stepped, forward);
        }
    }

    [Fact]
    public void Streams_are_benchmarked_against_single_stream_layers_that_compute_the_same_bits()
    {
        var suite = new StreamBenchmarks();
        foreach (string size in new[] { "1x16x8", "4x16x8", "8x32x8", "16x64x8", "64x128x8", "1x16x2", "1x40x2", "amp1x40x2" })
        {
            MethodInfo singles = Benchmark(typeof(StreamBenchmarks), $"Single_{size}");
            Assert.True(singles.GetCustomAttribute<BenchmarkAttribute>()!.Baseline, size);
            float single = (float)singles.Invoke(suite, null)!;
            float streamed = (float)Benchmark(typeof(StreamBenchmarks), $"Streams_{size}").Invoke(suite, null)!;
            Assert.True(float.IsFinite(single) && single != 0, $"{size}: {single}");
            Assert.Equal(single, streamed);
        }
    }

    [Fact]
    public void A_mini_batch_is_benchmarked_against_its_sequences_trained_one_by_one()
    {
        var suite = new StreamBenchmarks();
        MethodInfo oneByOne = Benchmark(typeof(StreamBenchmarks), "SingleTraining_train8x32x8");
        Assert.True(oneByOne.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
        float single = (float)oneByOne.Invoke(suite, null)!;
        float together = (float)Benchmark(typeof(StreamBenchmarks), "MiniBatch_train8x32x8").Invoke(suite, null)!;
        Assert.True(float.IsFinite(single) && single != 0, $"{single}");
        Assert.True(Math.Abs(single - together) <= 1e-6f * Math.Abs(single), $"one by one {single}, mini-batch {together}");
    }

    private static MethodInfo Benchmark(Type type, string name)
    {
        MethodInfo? method = type.GetMethod(name);
        Assert.NotNull(method);
        Assert.NotNull(method.GetCustomAttribute<BenchmarkAttribute>());
        Assert.Contains(method.GetCustomAttributes<BenchmarkCategoryAttribute>(), c => c.Categories.Any(n => name.EndsWith(n, StringComparison.Ordinal)));
        return method;
    }
}
