using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// Calls every kernel path a layer carries (512-, 256-, 128-bit and scalar), not only the one this machine dispatches to.
/// Paths the hardware lacks run in .NET's software emulation, so even a 512-bit path is checked on an AVX2 machine.
/// Accelerated paths must agree bit for bit with each other and with <c>Forward</c>; every path must match the reference.
/// </summary>
public sealed class KernelPathTests
{
    private delegate void InferenceKernel(ref float weights, ref float hidden, ref float hiddenNew, ref float cell, ref float x);

    [Theory]
    [MemberData(nameof(LayerCatalog.AllNames), MemberType = typeof(LayerCatalog))]
    public void Every_path_matches_the_reference_and_accelerated_paths_match_forward_exactly(string layerName)
    {
        ILstmMutableLayer<float> layer = LayerCatalog.Create(layerName);
        LstmParameterLayout layout = layer.ParameterLayout;
        int i = layout.InputWidth, h = layout.StateWidth;
        const int steps = 7;
        float[] canonical = Numerics.ToSingle(Numerics.RandomSymmetric(layout.ParameterCount, 1 / Math.Sqrt(h), 21));
        float[] xs = Numerics.ToSingle(Numerics.RandomSymmetric(steps * i, 1.5, 22));
        float[] h0 = Numerics.ToSingle(Numerics.RandomSymmetric(h, 0.5, 23));
        float[] c0 = Numerics.ToSingle(Numerics.RandomSymmetric(h, 1, 24));
        layer.ImportParameters(canonical);
        var storage = new float[layout.ParameterCount];
        layout.CanonicalToStorage<float>(canonical, storage);

        layer.SetState(h0, c0);
        var forward = new float[steps * h];
        layer.Forward(xs, forward);
        ReferenceLstm.Trace reference = new ReferenceLstm(i, h, Numerics.ToDouble(canonical)).Forward(Numerics.ToDouble(xs), Numerics.ToDouble(h0), Numerics.ToDouble(c0));

        Dictionary<string, InferenceKernel> kernels = KernelsOf(layer.GetType());
        Assert.Contains("StepScalar", kernels.Keys);
        foreach ((string name, InferenceKernel kernel) in kernels)
        {
            float[] hs;
            try
            {
                hs = KernelRun.Steps(steps, h, h0, c0, (ref float hidden, ref float hiddenNew, ref float cell, int t) =>
                    kernel(ref storage[0], ref hidden, ref hiddenNew, ref cell, ref xs[t * i]));
            }
            catch (PlatformNotSupportedException) when (!System.Runtime.Intrinsics.X86.Fma.IsSupported)
            {
                continue; // a pipelined 256-bit path calls Fma itself, and its guard keeps it from running without FMA
            }

            Numerics.AssertClose(reference.H, hs, 1e-5, $"{layerName} {name}");
            if (Accelerated(name))
            {
                Assert.True(forward.AsSpan().SequenceEqual(hs), $"{layerName} {name} differs from Forward");
            }
        }
    }

    [Fact]
    public void Paths_are_emitted_only_where_they_differ()
    {
        // A 3×2 layer has 8 gate rows: a 512-bit path would hold the same code as the 256-bit one, so there is none.
        Assert.DoesNotContain("StepVector512", KernelsOf(typeof(Layers.Torch3x2)).Keys);
        Assert.Contains("StepVector512", KernelsOf(typeof(Layers.Torch8x32)).Keys);
        Assert.Equal(new[] { "StepScalar", "StepVector128", "StepVector256", "StepVector512" }, KernelsOf(typeof(Layers.Random64x128)).Keys.Order().ToArray());
    }

    private static bool Accelerated(string kernel) => kernel switch
    {
        "StepVector512" => Vector512.IsHardwareAccelerated,
        "StepVector256" => Vector256.IsHardwareAccelerated,
        "StepVector128" => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>
    /// Finds a layer's kernels (the nested Kernels class of its implementation, the type of its storage field) and binds its
    /// step kernels; Forward's projected steps are ProjectedForwardTests'.
    /// </summary>
    private static Dictionary<string, InferenceKernel> KernelsOf(Type layer)
    {
        Type implementation = layer.GetField("__lstm", BindingFlags.NonPublic | BindingFlags.Instance)!.FieldType;
        Type kernels = implementation.GetNestedType("Kernels", BindingFlags.NonPublic)!;
        return kernels.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name.StartsWith("Step", StringComparison.Ordinal) && !m.Name.StartsWith("StepProjected", StringComparison.Ordinal))
            .ToDictionary(m => m.Name, m => m.CreateDelegate<InferenceKernel>());
    }
}
