using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Support;
using LstmGen.Tests.Training;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// Row-blocked inference layers' <c>Forward</c> sums b + Wx·x for a run of steps first (<c>Project…</c> kernels) and then
/// runs steps that add only Wh·h₋₁ (<c>StepProjected…</c>). These tests hold it to <c>Step</c>'s bits: through the public
/// API for every run length that matters (a step, a group of the projection kernel and its tail, a run and more), and kernel
/// by kernel for every path the layer carries, including paths this machine only emulates.
/// </summary>
public sealed class ProjectedForwardTests
{
    /// <summary>Lengths of consecutive Forward calls: within a group, a group and a tail, a run, a run and a tail, several runs.</summary>
    private static readonly int[] Lengths = { 1, 3, 8, 9, 16, 17, 40, 2 };

    private delegate void StepKernel<T>(ref T weights, ref T hidden, ref T hiddenNew, ref T cell, ref T input);

    private delegate void ProjectKernel<T>(ref T weights, ref T xs, ref T projection, int steps);

    [Theory]
    [MemberData(nameof(LayerCatalog.AllNames), MemberType = typeof(LayerCatalog))]
    public void Forward_gives_the_bits_of_step_calls_for_any_run_length(string layerName) =>
        AssertForwardMatchesSteps(LayerCatalog.Create(layerName), LayerCatalog.Create(layerName), layerName);

    [Fact]
    public void Forward_of_a_large_layer_gives_the_bits_of_step_calls() =>
        AssertForwardMatchesSteps(new Random32x256(), new Random32x256(), nameof(Random32x256));

    [Fact]
    public void Double_forward_gives_the_bits_of_step_calls()
    {
        AssertForwardMatchesSteps(new DoubleBlocked6x40(), new DoubleBlocked6x40(), nameof(DoubleBlocked6x40));
        AssertForwardMatchesSteps(new DoubleBlocked5x12(), new DoubleBlocked5x12(), nameof(DoubleBlocked5x12));
    }

    [Theory]
    [InlineData(typeof(Torch16x64))]
    [InlineData(typeof(Random64x128))]
    [InlineData(typeof(Blocked8x32))]
    [InlineData(typeof(Blocked4x16))]
    [InlineData(typeof(Exact16x64))]
    [InlineData(typeof(Random10x20Blocked))]
    [InlineData(typeof(Random32x256))]
    public void Every_projected_path_gives_its_step_kernels_bits(Type layerType) =>
        AssertProjectedKernelsMatch<float>(layerType, (ILstmMutableLayer<float>)Activator.CreateInstance(layerType)!);

    [Theory]
    [InlineData(typeof(DoubleBlocked6x40))]
    [InlineData(typeof(DoubleBlocked5x12))]
    public void Every_projected_double_path_gives_its_step_kernels_bits(Type layerType) =>
        AssertProjectedKernelsMatch<double>(layerType, (ILstmMutableLayer<double>)Activator.CreateInstance(layerType)!);

    [Fact]
    public void Row_blocked_inference_layers_with_several_inputs_project_and_others_do_not()
    {
        Assert.Equal(16, ProjectionSteps(typeof(Torch16x64)));
        Assert.Equal(8, ProjectionSteps(typeof(Random64x128))); // 8 steps of 512 sums fill the 16 KiB buffer
        Assert.Equal(16, ProjectionSteps(typeof(Blocked8x32)));
        Assert.Equal(4, ProjectionSteps(typeof(Random32x256))); // groups of 4: 8 steps of 1,024 sums would not fit
        Assert.Equal(8, ProjectionSteps(typeof(DoubleBlocked6x40))); // whole groups of 8 within 16 KiB
        Assert.Null(ProjectionSteps(typeof(Torch8x32))); // column axpy: the weights stay in L1
        Assert.Null(ProjectionSteps(typeof(Axpy16x64)));
        Assert.Null(ProjectionSteps(typeof(Random1x24Blocked))); // one input: nothing to save
        Assert.Null(ProjectionSteps(typeof(Random3x48Blocked)));
        Assert.Null(ProjectionSteps(typeof(TrainBlocked8x32))); // training layers record every step
    }

    private static void AssertForwardMatchesSteps<T>(ILstmMutableLayer<T> stepped, ILstmMutableLayer<T> forwarded, string name)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        LstmParameterLayout layout = stepped.ParameterLayout;
        int i = layout.InputWidth, h = layout.StateWidth;
        T[] canonical = Cast<T>(Numerics.RandomSymmetric(layout.ParameterCount, 1 / Math.Sqrt(h), 31));
        stepped.ImportParameters(canonical);
        forwarded.ImportParameters(canonical);
        T[] h0 = Cast<T>(Numerics.RandomSymmetric(h, 0.5, 32));
        T[] c0 = Cast<T>(Numerics.RandomSymmetric(h, 1, 33));
        stepped.SetState(h0, c0);
        forwarded.SetState(h0, c0);

        ulong seed = 34;
        foreach (int steps in Lengths)
        {
            T[] xs = Cast<T>(Numerics.RandomSymmetric(steps * i, 1.5, seed++));
            var expected = new T[steps * h];
            for (int t = 0; t < steps; t++)
            {
                stepped.Step(xs.AsSpan(t * i, i), expected.AsSpan(t * h, h));
            }

            var actual = new T[steps * h];
            forwarded.Forward(xs, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}: Forward of {steps} steps differs from Step");
            T[] steppedH = new T[h], steppedC = new T[h], forwardedH = new T[h], forwardedC = new T[h];
            stepped.CopyStateTo(steppedH, steppedC);
            forwarded.CopyStateTo(forwardedH, forwardedC);
            Assert.True(steppedH.AsSpan().SequenceEqual(forwardedH) && steppedC.AsSpan().SequenceEqual(forwardedC), $"{name}: the state after {steps} steps differs");
        }
    }

    private static void AssertProjectedKernelsMatch<T>(Type layerType, ILstmMutableLayer<T> layer)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        LstmParameterLayout layout = layer.ParameterLayout;
        int i = layout.InputWidth, h = layout.StateWidth, rows = 4 * h;
        int run = ProjectionSteps(layerType) ?? throw new Xunit.Sdk.XunitException($"{layerType.Name} does not project");
        const int steps = 21; // runs of 8 or 16 and a tail; groups of 8 and tails within them
        T[] storage = new T[layout.ParameterCount];
        layout.CanonicalToStorage<T>(Cast<T>(Numerics.RandomSymmetric(layout.ParameterCount, 1 / Math.Sqrt(h), 41)), storage);
        T[] xs = Cast<T>(Numerics.RandomSymmetric(steps * i, 1.5, 42));
        T[] h0 = Cast<T>(Numerics.RandomSymmetric(h, 0.5, 43));
        T[] c0 = Cast<T>(Numerics.RandomSymmetric(h, 1, 44));

        Type kernels = KernelsOf(layerType);
        string[] paths = kernels.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name.StartsWith("Project", StringComparison.Ordinal))
            .Select(m => m.Name["Project".Length..]).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("Scalar", paths);
        Assert.Contains("Vector128", paths);
        foreach (string path in paths)
        {
            var plain = Bind<StepKernel<T>>(kernels, "Step" + path);
            var projected = Bind<StepKernel<T>>(kernels, "StepProjected" + path);
            var project = Bind<ProjectKernel<T>>(kernels, "Project" + path);

            T[] expected = KernelRun.Steps(steps, h, h0, c0, (ref T hidden, ref T hiddenNew, ref T cell, int t) =>
                plain(ref storage[0], ref hidden, ref hiddenNew, ref cell, ref xs[t * i]));
            var projection = new T[run * rows];
            T unwritten = Cast<T>(new[] { double.NaN })[0]; // a row the projection fails to write shows as NaN
            T[] actual = KernelRun.Steps(steps, h, h0, c0, (ref T hidden, ref T hiddenNew, ref T cell, int t) =>
            {
                if (t % run == 0)
                {
                    Array.Fill(projection, unwritten);
                    project(ref storage[0], ref xs[t * i], ref projection[0], Math.Min(run, steps - t));
                }

                projected(ref storage[0], ref hidden, ref hiddenNew, ref cell, ref projection[(t % run) * rows]);
            });
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{layerType.Name}: Project{path} + StepProjected{path} differ from Step{path}");
        }
    }

    /// <summary>The layer's ProjectionSteps constant, or null where Forward does not project.</summary>
    private static int? ProjectionSteps(Type layerType) =>
        (int?)Implementation(layerType).GetField("ProjectionSteps", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue();

    private static Type Implementation(Type layerType) => layerType.GetField("__lstm", BindingFlags.NonPublic | BindingFlags.Instance)!.FieldType;

    private static Type KernelsOf(Type layerType) => Implementation(layerType).GetNestedType("Kernels", BindingFlags.NonPublic)!;

    private static TDelegate Bind<TDelegate>(Type kernels, string name)
        where TDelegate : Delegate =>
        kernels.GetMethod(name, BindingFlags.Public | BindingFlags.Static)?.CreateDelegate<TDelegate>()
        ?? throw new Xunit.Sdk.XunitException($"{kernels.DeclaringType!.Name} has no {name}");

    private static T[] Cast<T>(double[] values) => typeof(T) == typeof(float)
        ? (T[])(object)Numerics.ToSingle(values)
        : (T[])(object)values;
}
