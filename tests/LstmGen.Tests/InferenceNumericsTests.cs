using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests;

/// <summary>Forward values of generated float layers against PyTorch and against the independent reference.</summary>
public sealed class InferenceNumericsTests
{
    private const double Tolerance = 1e-5;

    public static IEnumerable<object[]> PyTorchCases =>
        PyTorchCase.Names.SelectMany(name =>
        {
            PyTorchCase fixture = PyTorchCase.Load(name);
            return LayerCatalog.WithSizes(fixture.InputWidth, fixture.StateWidth).Select(layer => new object[] { name, layer });
        });

    [Fact]
    public void Every_pytorch_case_has_at_least_two_layers_to_run_on()
    {
        foreach (string name in PyTorchCase.Names)
        {
            PyTorchCase fixture = PyTorchCase.Load(name);
            Assert.True(LayerCatalog.WithSizes(fixture.InputWidth, fixture.StateWidth).Count() >= 2, name);
        }
    }

    [Theory]
    [MemberData(nameof(PyTorchCases))]
    public void Forward_matches_pytorch_h_and_c(string caseName, string layerName)
    {
        PyTorchCase fixture = PyTorchCase.Load(caseName);
        ILstmMutableLayer<float> layer = LayerCatalog.Create(layerName);
        layer.ImportParameters(Numerics.ToSingle(fixture.CanonicalParameters()));
        layer.SetState(Numerics.ToSingle(fixture.H0), Numerics.ToSingle(fixture.C0));

        var hs = new float[fixture.Steps * fixture.StateWidth];
        layer.Forward(Numerics.ToSingle(fixture.X), hs);
        Numerics.AssertClose(fixture.H, hs, Tolerance, $"{layerName} h");

        // Step by step from the same start, reading c after every step.
        layer.SetState(Numerics.ToSingle(fixture.H0), Numerics.ToSingle(fixture.C0));
        var h = new float[fixture.StateWidth];
        var c = new float[fixture.StateWidth];
        var cs = new float[fixture.Steps * fixture.StateWidth];
        var stepped = new float[fixture.Steps * fixture.StateWidth];
        for (int t = 0; t < fixture.Steps; t++)
        {
            layer.Step(Numerics.ToSingle(fixture.X).AsSpan(t * fixture.InputWidth, fixture.InputWidth), h);
            layer.CopyStateTo(stepped.AsSpan(t * fixture.StateWidth, fixture.StateWidth), c);
            c.CopyTo(cs, t * fixture.StateWidth);
            Assert.Equal(h, stepped.AsSpan(t * fixture.StateWidth, fixture.StateWidth).ToArray());
        }

        Numerics.AssertClose(fixture.C, cs, Tolerance, $"{layerName} c");
        Assert.Equal(hs, stepped);
    }

    [Theory]
    [MemberData(nameof(LayerCatalog.AllNames), MemberType = typeof(LayerCatalog))]
    public void Forward_matches_the_reference_implementation(string layerName)
    {
        foreach (ulong seed in new ulong[] { 1, 42, 31337 })
        {
            ILstmMutableLayer<float> layer = LayerCatalog.Create(layerName);
            LstmParameterLayout layout = layer.ParameterLayout;
            int i = layout.InputWidth;
            int h = layout.StateWidth;
            const int steps = 13;
            double[] parameters = Numerics.RandomSymmetric(layout.ParameterCount, 1 / Math.Sqrt(h), seed);
            double[] xs = Numerics.RandomSymmetric(steps * i, 1.5, seed + 1);
            double[] h0 = Numerics.RandomSymmetric(h, 0.5, seed + 2);
            double[] c0 = Numerics.RandomSymmetric(h, 2, seed + 3);

            // Compare against the reference fed the float-rounded values the layer sees.
            double[] p32 = Array.ConvertAll(parameters, v => (double)(float)v);
            ReferenceLstm.Trace expected = new ReferenceLstm(i, h, p32).Forward(
                Array.ConvertAll(xs, v => (double)(float)v), Array.ConvertAll(h0, v => (double)(float)v), Array.ConvertAll(c0, v => (double)(float)v));

            layer.ImportParameters(Numerics.ToSingle(parameters));
            layer.SetState(Numerics.ToSingle(h0), Numerics.ToSingle(c0));
            var hs = new float[steps * h];
            layer.Forward(Numerics.ToSingle(xs), hs);
            Numerics.AssertClose(expected.H, hs, Tolerance, $"{layerName} seed {seed} h");

            var finalH = new float[h];
            var finalC = new float[h];
            layer.CopyStateTo(finalH, finalC);
            Numerics.AssertClose(expected.C.AsSpan((steps - 1) * h, h), finalC, Tolerance, $"{layerName} seed {seed} final c");
            Assert.Equal(hs.AsSpan((steps - 1) * h, h).ToArray(), finalH);
        }
    }

    [Theory]
    [MemberData(nameof(LayerCatalog.AllNames), MemberType = typeof(LayerCatalog))]
    public void Outputs_stay_finite_and_bounded_for_extreme_inputs(string layerName)
    {
        ILstmMutableLayer<float> layer = LayerCatalog.Create(layerName);
        LstmParameterLayout layout = layer.ParameterLayout;
        layer.InitializeParameters(7, 3.0);
        var xs = new float[4 * layout.InputWidth];
        for (int k = 0; k < xs.Length; k++)
        {
            xs[k] = (k % 3) switch { 0 => 1000f, 1 => -1000f, _ => 1e30f };
        }

        var hs = new float[4 * layout.StateWidth];
        layer.Forward(xs, hs);
        var h = new float[layout.StateWidth];
        var c = new float[layout.StateWidth];
        layer.CopyStateTo(h, c);
        Assert.All(hs, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= 1f, $"h = {v}"));
        Assert.All(c, v => Assert.True(float.IsFinite(v), $"c = {v}"));
    }

    [Fact]
    public void Initialization_is_deterministic_and_independent_of_storage_layout()
    {
        var columnAxpy = new Layers.Torch8x32();
        var rowBlocked = new Layers.Blocked8x32();
        Assert.NotEqual(Layers.Torch8x32.UnitBlock, Layers.Blocked8x32.UnitBlock);
        columnAxpy.InitializeParameters(99);
        rowBlocked.InitializeParameters(99);
        var a = new float[Layers.Torch8x32.ParameterCount];
        var b = new float[Layers.Blocked8x32.ParameterCount];
        columnAxpy.ExportParameters(a);
        rowBlocked.ExportParameters(b);
        Assert.Equal(a, b);
        Assert.NotEqual(columnAxpy.Parameters.ToArray(), rowBlocked.Parameters.ToArray());

        double bound = Layers.Torch8x32.DefaultInitRange;
        Assert.Equal(1 / Math.Sqrt(32), bound, 15);
        Assert.All(a, v => Assert.InRange(v, -bound, bound));
        Assert.True(a.Distinct().Count() > a.Length * 0.99, "values should not repeat");

        columnAxpy.InitializeParameters(99, 1e-4);
        Assert.All(columnAxpy.Parameters.ToArray(), v => Assert.InRange(v, -1e-4f, 1e-4f));
    }

    [Fact]
    public void A_fresh_layer_has_zero_parameters_and_state_and_outputs_zero()
    {
        var layer = new Layers.Torch4x16();
        Assert.All(layer.Parameters.ToArray(), v => Assert.Equal(0f, v));
        var h = new float[16];
        layer.Step(new float[] { 1, 2, 3, 4 }, h);
        Assert.All(h, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Reset_clears_the_state_and_SetState_sets_it()
    {
        var layer = new Layers.Torch5x7();
        layer.InitializeParameters(3);
        var h = new float[7];
        layer.Step(new float[] { 1, -1, 0.5f, 2, 0 }, h);
        Assert.Contains(layer.HiddenState.ToArray(), v => v != 0);
        layer.Reset();
        Assert.All(layer.HiddenState.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(layer.CellState.ToArray(), v => Assert.Equal(0f, v));

        float[] h0 = Enumerable.Range(0, 7).Select(k => k * 0.1f).ToArray();
        float[] c0 = Enumerable.Range(0, 7).Select(k => -k * 0.2f).ToArray();
        layer.SetState(h0, c0);
        Assert.Equal(h0, layer.HiddenState.ToArray());
        Assert.Equal(c0, layer.CellState.ToArray());
    }
}
