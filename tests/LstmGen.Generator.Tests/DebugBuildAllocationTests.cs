using System.Collections.Generic;
using System.Reflection;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// Generated code steps without allocating in an unoptimized (Debug) build of the user's project too, not only in the
/// Release builds the other allocation tests run in. Code the JIT compiles without optimization (a Debug build's) allocates
/// a small object on every read of a <c>ReadOnlySpan&lt;T&gt; =&gt; new T[] { … }</c>, so baked weights written that way
/// allocated on every step of a Debug build; the generator now writes a static array there (see <c>BakedDataEmitter</c>). This compiles baked layers
/// and models (LSTM and dense parts, streamed too) both ways, runs them, and counts what the steps allocate on the
/// calling thread.
/// </summary>
public sealed class DebugBuildAllocationTests
{
    private const string Source = """
        using System;
        using LstmGen;
        namespace Demo;
        [LstmLayer(1, 8, Weights = "w.safetensors")] public partial class BakedLayer;
        [LstmLayer(1, 8, Weights = "w.safetensors", ElementType = typeof(double))] public partial struct BakedDoubleLayer;
        [LstmModel(Weights = "amp.json")] public partial class BakedAmp;
        [LstmModel(Weights = "amp.json", Streams = 2)] public partial class BakedStereoAmp;
        public static class Probe
        {
            public static long[] Allocated()
            {
                var layer = new BakedLayer();
                var wide = new BakedDoubleLayer();
                var amp = new BakedAmp();
                var stereo = new BakedStereoAmp();
                float[] x = new float[2], h = new float[8], y = new float[2], xs = new float[2 * 16], ys = new float[2 * 16];
                double[] xd = new double[1], hd = new double[8];
                var counts = new long[5];
                for (int window = -1; window < 2; window++)
                {
                    // The first window warms up (a method's first call may allocate in the runtime); the others count.
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int t = 0; t < 200; t++) { x[0] = t * 0.01f; layer.Step(x.AsSpan(0, 1), h); }
                    long afterLayer = GC.GetAllocatedBytesForCurrentThread();
                    for (int t = 0; t < 200; t++) { xd[0] = t * 0.01; wide.Step(xd, hd); }
                    long afterWide = GC.GetAllocatedBytesForCurrentThread();
                    for (int t = 0; t < 200; t++) { x[0] = t * 0.01f; amp.Step(x.AsSpan(0, 1), y.AsSpan(0, 1)); }
                    long afterAmp = GC.GetAllocatedBytesForCurrentThread();
                    for (int t = 0; t < 200; t++) { x[0] = t * 0.01f; x[1] = -x[0]; stereo.Step(x, y); }
                    long afterStereo = GC.GetAllocatedBytesForCurrentThread();
                    for (int t = 0; t < 20; t++) { stereo.Forward(xs, ys); }
                    long afterForward = GC.GetAllocatedBytesForCurrentThread();
                    if (window >= 0)
                    {
                        counts[0] += afterLayer - before;
                        counts[1] += afterWide - afterLayer;
                        counts[2] += afterAmp - afterWide;
                        counts[3] += afterStereo - afterAmp;
                        counts[4] += afterForward - afterStereo;
                    }
                }

                if (!float.IsFinite(h[0] + y[0] + ys[0]) || !double.IsFinite(hd[0]))
                {
                    throw new InvalidOperationException("The steps gave a non-finite value.");
                }

                return counts;
            }

            public static float[] Weights() => BakedLayer.Parameters.ToArray();
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Baked_layers_and_models_step_without_allocating(OptimizationLevel optimization)
    {
        IEnumerable<AdditionalText> files =
        [
            FileAdditionalText.Create("w.safetensors", WeightFiles.Lstm(1, 8, 7)),
            FileAdditionalText.Create("amp.json", ModelFileTexts.GuitarMl(1, 8, 1)),
        ];
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compile([Source]);
        compilation = compilation.WithOptions(compilation.Options.WithOptimizationLevel(optimization));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assembly assembly = EmittedAssembly.Load(output);

        long[] allocated = EmittedAssembly.Call<long[]>(assembly, "Demo.Probe", "Allocated");
        Assert.Equal(new long[5], allocated);

        // Not vacuous: the baked weights are there.
        Assert.Contains(EmittedAssembly.Call<float[]>(assembly, "Demo.Probe", "Weights"), v => v != 0);
    }
}
