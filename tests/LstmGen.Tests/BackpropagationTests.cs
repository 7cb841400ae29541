using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests;

/// <summary>BPTT gradients of generated training layers against PyTorch and against the independent reference.</summary>
public sealed class BackpropagationTests
{
    public static IEnumerable<object[]> SingleCases => PyTorchCase.Names.SelectMany(name =>
    {
        PyTorchCase c = PyTorchCase.Load(name);
        return TrainingCatalog.WithSizes(c.InputWidth, c.StateWidth, c.Steps).Singles.Select(layer => new object[] { name, layer });
    });

    public static IEnumerable<object[]> DoubleCases => PyTorchCase.Names.SelectMany(name =>
    {
        PyTorchCase c = PyTorchCase.Load(name);
        return TrainingCatalog.WithSizes(c.InputWidth, c.StateWidth, c.Steps).Doubles.Select(layer => new object[] { name, layer });
    });

    [Fact]
    public void Every_pytorch_case_has_a_float_and_a_double_training_layer()
    {
        foreach (string name in PyTorchCase.Names)
        {
            PyTorchCase c = PyTorchCase.Load(name);
            (IEnumerable<string> singles, IEnumerable<string> doubles) = TrainingCatalog.WithSizes(c.InputWidth, c.StateWidth, c.Steps);
            Assert.NotEmpty(singles);
            Assert.NotEmpty(doubles);
        }
    }

    [Theory]
    [MemberData(nameof(SingleCases))]
    public void Float_gradients_match_pytorch_to_1e4_of_each_blocks_scale(string caseName, string layerName)
    {
        PyTorchCase c = PyTorchCase.Load(caseName);
        ILstmTrainingLayer<float> layer = TrainingCatalog.CreateSingle(layerName);
        layer.ImportParameters(Numerics.ToSingle(c.CanonicalParameters()));
        layer.SetState(Numerics.ToSingle(c.H0), Numerics.ToSingle(c.C0));
        var hs = new float[c.Steps * c.StateWidth];
        layer.Forward(Numerics.ToSingle(c.X), hs);
        var dx = new float[c.X.Length];
        var dh0 = new float[c.StateWidth];
        var dc0 = new float[c.StateWidth];
        layer.Backward(Numerics.ToSingle(c.LossWeights), default, default, dx, dh0, dc0);
        var grads = new float[c.CanonicalGradients().Length];
        layer.ExportGradients(grads);

        GradientBlocks.AssertAll(c, Numerics.ToDouble(grads), Numerics.ToDouble(dx), Numerics.ToDouble(dh0), Numerics.ToDouble(dc0), 1e-4, layerName);
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_gradients_match_pytorch_to_1e10(string caseName, string layerName)
    {
        PyTorchCase c = PyTorchCase.Load(caseName);
        ILstmTrainingLayer<double> layer = TrainingCatalog.CreateDouble(layerName);
        layer.ImportParameters(c.CanonicalParameters());
        layer.SetState(c.H0, c.C0);
        var hs = new double[c.Steps * c.StateWidth];
        layer.Forward(c.X, hs);
        Numerics.AssertClose(c.H, hs, 1e-12, $"{layerName} h");
        var dx = new double[c.X.Length];
        var dh0 = new double[c.StateWidth];
        var dc0 = new double[c.StateWidth];
        layer.Backward(c.LossWeights, default, default, dx, dh0, dc0);
        var grads = new double[c.CanonicalGradients().Length];
        layer.ExportGradients(grads);

        GradientBlocks.AssertAll(c, grads, dx, dh0, dc0, 1e-10, layerName);
    }

    [Theory]
    [MemberData(nameof(TrainingCatalog.SingleNames), MemberType = typeof(TrainingCatalog))]
    public void Float_gradients_match_the_reference_with_final_state_gradients(string layerName)
    {
        ILstmTrainingLayer<float> layer = TrainingCatalog.CreateSingle(layerName);
        LstmParameterLayout layout = layer.ParameterLayout;
        int i = layout.InputWidth, h = layout.StateWidth, steps = Math.Min(layer.MaxSteps, 11);
        double[] p = Array.ConvertAll(Numerics.RandomSymmetric(layout.ParameterCount, 1 / Math.Sqrt(h), 3), v => (double)(float)v);
        double[] xs = Array.ConvertAll(Numerics.RandomSymmetric(steps * i, 1, 4), v => (double)(float)v);
        double[] h0 = Array.ConvertAll(Numerics.RandomSymmetric(h, 0.5, 5), v => (double)(float)v);
        double[] c0 = Array.ConvertAll(Numerics.RandomSymmetric(h, 0.5, 6), v => (double)(float)v);
        double[] dLossDh = Array.ConvertAll(Numerics.RandomSymmetric(steps * h, 1, 7), v => (double)(float)v);
        double[] dhFinal = Array.ConvertAll(Numerics.RandomSymmetric(h, 1, 8), v => (double)(float)v);
        double[] dcFinal = Array.ConvertAll(Numerics.RandomSymmetric(h, 1, 9), v => (double)(float)v);

        var reference = new ReferenceLstm(i, h, p);
        ReferenceLstm.Gradients expected = reference.Backward(reference.Forward(xs, h0, c0), dLossDh, dhFinal, dcFinal);

        layer.ImportParameters(Numerics.ToSingle(p));
        layer.SetState(Numerics.ToSingle(h0), Numerics.ToSingle(c0));
        layer.Forward(Numerics.ToSingle(xs), new float[steps * h]);
        var dx = new float[steps * i];
        var dh0 = new float[h];
        var dc0 = new float[h];
        layer.Backward(Numerics.ToSingle(dLossDh), Numerics.ToSingle(dhFinal), Numerics.ToSingle(dcFinal), dx, dh0, dc0);
        var grads = new float[layout.ParameterCount];
        layer.ExportGradients(grads);

        GradientBlocks.AssertScaled(expected.Parameters, Numerics.ToDouble(grads), 1e-4, $"{layerName} parameters");
        GradientBlocks.AssertScaled(expected.X, Numerics.ToDouble(dx), 1e-4, $"{layerName} dx");
        GradientBlocks.AssertScaled(expected.H0, Numerics.ToDouble(dh0), 1e-4, $"{layerName} dh0");
        GradientBlocks.AssertScaled(expected.C0, Numerics.ToDouble(dc0), 1e-4, $"{layerName} dc0");
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed_and_optional_outputs_may_be_left_out()
    {
        var layer = new Training.Train5x7();
        layer.InitializeParameters(8);
        float[] xs = Numerics.ToSingle(Numerics.RandomSymmetric(6 * 5, 1, 1));
        float[] dLossDh = Numerics.ToSingle(Numerics.RandomSymmetric(6 * 7, 1, 2));
        layer.Forward(xs, new float[6 * 7]);
        layer.Backward(dLossDh, Span<float>.Empty);
        float[] once = layer.Gradients.ToArray();
        Assert.Contains(once, v => v != 0);

        layer.Reset();
        layer.Forward(xs, new float[6 * 7]);
        layer.Backward(dLossDh, default, default, default, default, default);
        float[] twice = layer.Gradients.ToArray();
        for (int k = 0; k < once.Length; k++)
        {
            Assert.Equal(2 * once[k], twice[k], 1e-5f);
        }

        layer.ZeroGradients();
        Assert.All(layer.Gradients.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Backward_needs_a_fresh_tape_and_checks_lengths_before_changing_anything()
    {
        var layer = new Training.Train4x16();
        layer.InitializeParameters(1);
        InvalidOperationException none = Assert.Throws<InvalidOperationException>(() => layer.Backward(new float[16], default));
        Assert.Contains("call Forward before Backward", none.Message, StringComparison.Ordinal);

        layer.Forward(new float[3 * 4], new float[3 * 16]);
        Assert.Equal(3, layer.RecordedSteps);
        ArgumentException wrong = Assert.Throws<ArgumentException>(() => layer.Backward(new float[2 * 16], default));
        Assert.Equal("dLossDh", wrong.ParamName);
        Assert.Contains("T·H = 3·16", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => layer.Backward(new float[48], new float[5]));
        Assert.Throws<ArgumentException>(() => layer.Backward(new float[48], default, new float[15], default, default, default));
        float[] shared = new float[60];
        Assert.Throws<ArgumentException>(() => layer.Backward(shared.AsSpan(0, 48), shared.AsSpan(40, 12)));
        Assert.Equal(3, layer.RecordedSteps);
        Assert.All(layer.Gradients.ToArray(), v => Assert.Equal(0f, v));

        layer.Backward(new float[48], default);
        Assert.Equal(0, layer.RecordedSteps);
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new float[48], default));
    }

    [Fact]
    public void Forward_longer_than_the_tape_throws_before_anything_changes()
    {
        var layer = new Training.Train3x2();
        layer.InitializeParameters(2);
        layer.Forward(new float[3 * 3], new float[3 * 2]);
        float[] hidden = layer.HiddenState.ToArray();
        ArgumentException tooLong = Assert.Throws<ArgumentException>(() => layer.Forward(new float[9 * 3], new float[9 * 2]));
        Assert.Equal("xs", tooLong.ParamName);
        Assert.Contains("at most 8 (MaxSteps)", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal(hidden, layer.HiddenState.ToArray());
        Assert.Equal(3, layer.RecordedSteps);
    }

    [Fact]
    public void Step_on_a_training_layer_matches_forward_and_keeps_the_tape()
    {
        var layer = new Training.Train4x16();
        layer.InitializeParameters(12);
        float[] xs = Numerics.ToSingle(Numerics.RandomSymmetric(5 * 4, 1, 3));
        var hs = new float[5 * 16];
        layer.Forward(xs, hs);
        Assert.Equal(5, layer.RecordedSteps);

        var stepped = new Training.Train4x16();
        stepped.InitializeParameters(12);
        var h = new float[16];
        for (int t = 0; t < 5; t++)
        {
            stepped.Step(xs.AsSpan(t * 4, 4), h);
            Assert.Equal(hs.AsSpan(t * 16, 16).ToArray(), h);
        }

        Assert.Equal(0, stepped.RecordedSteps);
    }

    [Theory]
    [InlineData(nameof(Training.Train3x2), nameof(Layers.Torch3x2))]
    [InlineData(nameof(Training.Train1x8), nameof(Layers.Torch1x8))]
    [InlineData(nameof(Training.Train4x16), nameof(Layers.Torch4x16))]
    [InlineData(nameof(Training.Train5x7), nameof(Layers.Torch5x7))]
    [InlineData(nameof(Training.Train8x32), nameof(Layers.Torch8x32))]
    [InlineData(nameof(Training.Train16x64), nameof(Layers.Torch16x64))]
    [InlineData(nameof(Training.TrainBlocked8x32), nameof(Layers.Blocked8x32))]
    [InlineData(nameof(Training.TrainAxpy16x64), nameof(Layers.Axpy16x64))]
    public void A_training_layer_computes_the_bits_of_an_inference_layer_of_its_sizes(string trainingName, string inferenceName)
    {
        // Training layers also record the gates, but must not round c and h differently: a model trained in one runs in the other.
        ILstmTrainingLayer<float> training = TrainingCatalog.CreateSingle(trainingName);
        ILstmMutableLayer<float> inference = LayerCatalog.Create(inferenceName);
        LstmParameterLayout layout = training.ParameterLayout;
        int steps = Math.Min(training.MaxSteps, 8);
        float[] parameters = Numerics.ToSingle(Numerics.RandomSymmetric(layout.ParameterCount, 0.6, 31));
        float[] hidden = Numerics.ToSingle(Numerics.RandomSymmetric(layout.StateWidth, 0.9, 32));
        float[] cell = Numerics.ToSingle(Numerics.RandomSymmetric(layout.StateWidth, 2, 33));
        float[] xs = Numerics.ToSingle(Numerics.RandomSymmetric(steps * layout.InputWidth, 3, 34));
        float[] trainingHs = new float[steps * layout.StateWidth];
        float[] inferenceHs = new float[steps * layout.StateWidth];
        training.ImportParameters(parameters);
        inference.ImportParameters(parameters);
        training.SetState(hidden, cell);
        inference.SetState(hidden, cell);

        training.Forward(xs, trainingHs);
        inference.Forward(xs, inferenceHs);

        Assert.Equal(inferenceHs, trainingHs);
        float[] trainingState = new float[2 * layout.StateWidth];
        float[] inferenceState = new float[2 * layout.StateWidth];
        training.CopyStateTo(trainingState.AsSpan(0, layout.StateWidth), trainingState.AsSpan(layout.StateWidth));
        inference.CopyStateTo(inferenceState.AsSpan(0, layout.StateWidth), inferenceState.AsSpan(layout.StateWidth));
        Assert.Equal(inferenceState, trainingState);
    }
}

/// <summary>Compares gradients block by block, each against the largest magnitude in its block.</summary>
internal static class GradientBlocks
{
    public static void AssertAll(PyTorchCase c, double[] grads, double[] dx, double[] dh0, double[] dc0, double relative, string layer)
    {
        int wx = 4 * c.StateWidth * c.InputWidth;
        int wh = 4 * c.StateWidth * c.StateWidth;
        AssertScaled(c.GradWeightIh, grads.AsSpan(0, wx), relative, $"{layer} Wx");
        AssertScaled(c.GradWeightHh, grads.AsSpan(wx, wh), relative, $"{layer} Wh");
        AssertScaled(c.GradBias, grads.AsSpan(wx + wh), relative, $"{layer} b");
        AssertScaled(c.GradX, dx, relative, $"{layer} dx");
        AssertScaled(c.GradH0, dh0, relative, $"{layer} dh0");
        AssertScaled(c.GradC0, dc0, relative, $"{layer} dc0");
    }

    public static void AssertScaled(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative, string what)
    {
        double scale = 0;
        foreach (double v in expected)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        Numerics.AssertClose(expected, actual, relative * Math.Max(scale, 1e-30), what);
    }
}
