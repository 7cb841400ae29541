using System;
using System.Linq;
using LstmGen.Tests.Support;
using LstmGen.Tests.Training;
using LstmGen.Training;
using SineTraining;
using Xunit;

namespace LstmGen.Tests;

/// <summary>Gradient checks, allocation-free training, convergence on a real task, and the optimizers.</summary>
public sealed class TrainingTests
{
    [Theory]
    [MemberData(nameof(TrainingCatalog.DoubleNames), MemberType = typeof(TrainingCatalog))]
    public void Finite_differences_agree_with_backward_for_every_block(string layerName)
    {
        ILstmTrainingLayer<double> layer = TrainingCatalog.CreateDouble(layerName);
        layer.InitializeParameters(17, 0.5);
        int steps = Math.Min(layer.MaxSteps, 8);
        Assert.True(steps >= 5);
        int perBlock = layer.ParameterLayout.ParameterCount > 5000 ? 40 : 0;

        LstmGradientCheckResult result = LstmGradientCheck.Run(layer, steps, seed: 5, maxParametersPerBlock: perBlock);

        Assert.Equal(15, result.Blocks.Count);
        Assert.All(result.Blocks, block => Assert.True(block.Checked > 0, block.Name));
        Assert.True(result.Passed(1e-5), $"{layerName}:\n{result}");
        Assert.All(result.Blocks, block => Assert.True(block.WorstAbsoluteError < 1e-8, block.ToString()));
    }

    [Fact]
    public void The_gradient_check_catches_a_dropped_cell_gradient()
    {
        // A Backward that loses a cell-state gradient (here the one from the final state, which the check's loss uses) fails.
        var honest = new Double5x7();
        honest.InitializeParameters(3, 0.5);
        Assert.True(LstmGradientCheck.Run(honest, 6, 1).Passed(1e-5));

        var broken = new BrokenBackward(new Double5x7());
        broken.InitializeParameters(3, 0.5);
        LstmGradientCheckResult result = LstmGradientCheck.Run(broken, 6, 1);
        Assert.False(result.Passed(1e-3), result.ToString());
    }

    [Fact]
    public void The_check_leaves_parameters_and_state_as_they_were()
    {
        var layer = new Double3x2();
        layer.InitializeParameters(4);
        layer.SetState(new[] { 0.1, 0.2 }, new[] { -0.3, 0.4 });
        double[] before = layer.Parameters.ToArray();
        LstmGradientCheck.Run(layer, 5, 2);
        Assert.Equal(before, layer.Parameters.ToArray());
        Assert.Equal(new[] { 0.1, 0.2 }, layer.HiddenState.ToArray());
        Assert.Equal(new[] { -0.3, 0.4 }, layer.CellState.ToArray());
    }

    [Fact]
    public void Forward_backward_and_updates_allocate_nothing()
    {
        var layer = new Adam8x32();
        layer.InitializeParameters(1);
        float[] xs = Numerics.ToSingle(Numerics.RandomSymmetric(32 * 8, 1, 2));
        float[] hs = new float[32 * 32];
        float[] dLossDh = Numerics.ToSingle(Numerics.RandomSymmetric(32 * 32, 1, 3));
        float[] dx = new float[32 * 8];
        float[] dh0 = new float[32];
        float[] dc0 = new float[32];
        void Iterate()
        {
            layer.Reset();
            layer.ZeroGradients();
            layer.Forward(xs, hs);
            layer.Backward(dLossDh, default, default, dx, dh0, dc0);
            layer.ClipGradients(5f);
            layer.ApplySgd(1e-4f);
            layer.ApplyAdam(1e-4f);
        }

        Assert.Equal(0, AllocationMeter.BytesPerWindow(Iterate, warmUp: 30, runsPerWindow: 200));
    }

    [Fact]
    public void Sine_prediction_loss_falls_more_than_tenfold_within_300_iterations()
    {
        var trainer = new SineTrainer(seed: 7);
        float initial = trainer.ValidationLoss();
        for (int iteration = 0; iteration < 300; iteration++)
        {
            trainer.TrainIteration();
        }

        float final = trainer.ValidationLoss();
        Assert.InRange(initial, 0.1f, 1f);
        Assert.True(final * 10 <= initial, $"validation loss {initial:F5} -> {final:F5}");
        Assert.True(final < 0.01f, $"validation loss {final:F5}");

        // Training did something the task rewards: it beats predicting "the next sample equals this one".
        (float[] inputs, float[] targets) = trainer.ValidationSequence(1);
        var predictions = new float[inputs.Length];
        trainer.Predict(inputs, predictions);
        double model = 0, naive = 0;
        for (int t = 4; t < inputs.Length; t++)
        {
            model += Math.Pow(predictions[t] - targets[t], 2);
            naive += Math.Pow(inputs[t] - targets[t], 2);
        }

        Assert.True(model < naive, $"model {model:F4} vs naive {naive:F4}");
    }

    [Fact]
    public void Sgd_moves_every_parameter_against_its_gradient()
    {
        var layer = new Train5x7();
        layer.InitializeParameters(9);
        float[] before = layer.Parameters.ToArray();
        layer.Forward(Numerics.ToSingle(Numerics.RandomSymmetric(6 * 5, 1, 1)), new float[6 * 7]);
        layer.Backward(Numerics.ToSingle(Numerics.RandomSymmetric(6 * 7, 1, 2)), Span<float>.Empty);
        float[] gradients = layer.Gradients.ToArray();
        layer.ApplySgd(0.5f);
        float[] after = layer.Parameters.ToArray();
        for (int k = 0; k < before.Length; k++)
        {
            Assert.Equal(before[k] - (0.5f * gradients[k]), after[k], 1e-6f);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => layer.ApplySgd(float.NaN));
    }

    [Fact]
    public void Clipping_limits_the_global_norm_and_reports_the_norm_before()
    {
        var layer = new Train5x7();
        layer.InitializeParameters(9);
        layer.Forward(Numerics.ToSingle(Numerics.RandomSymmetric(6 * 5, 1, 1)), new float[6 * 7]);
        layer.Backward(Numerics.ToSingle(Numerics.RandomSymmetric(6 * 7, 10, 2)), Span<float>.Empty);
        double norm = Math.Sqrt(layer.Gradients.ToArray().Sum(g => (double)g * g));
        float reported = layer.ClipGradients(0.1f);
        Assert.Equal(norm, reported, 1e-4 * norm);
        double clipped = Math.Sqrt(layer.Gradients.ToArray().Sum(g => (double)g * g));
        Assert.InRange(clipped, 0.0999, 0.1);
        Assert.Equal(0.1f, layer.ClipGradients(1f), 1e-5f);
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.ClipGradients(0));
    }

    [Fact]
    public void Adam_matches_pytorchs_update_rule()
    {
        var layer = new Adam8x32();
        layer.InitializeParameters(4);
        double[] p = Numerics.ToDouble(layer.Parameters);
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (int step = 1; step <= 3; step++)
        {
            layer.ZeroGradients();
            layer.Forward(Numerics.ToSingle(Numerics.RandomSymmetric(4 * 8, 1, (ulong)step)), new float[4 * 32]);
            layer.Backward(Numerics.ToSingle(Numerics.RandomSymmetric(4 * 32, 1, (ulong)step + 10)), Span<float>.Empty);
            double[] g = Numerics.ToDouble(layer.Gradients);
            layer.ApplyAdam(0.01f, 0.8f, 0.99f, 1e-6f);
            for (int k = 0; k < p.Length; k++)
            {
                m[k] = (0.8 * m[k]) + (0.2 * g[k]);
                v[k] = (0.99 * v[k]) + (0.01 * g[k] * g[k]);
                p[k] -= 0.01 / (1 - Math.Pow(0.8, step)) * m[k] / ((Math.Sqrt(v[k]) / Math.Sqrt(1 - Math.Pow(0.99, step))) + 1e-6);
            }

            Numerics.AssertClose(p, layer.Parameters, 2e-5, $"step {step}");
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => layer.ApplyAdam(0.01f, beta1: 1f));
        layer.ResetAdam();
    }

    /// <summary>A training layer whose Backward drops dLoss/dc of the final state: a planted bug the check must see.</summary>
    private sealed class BrokenBackward : ILstmTrainingLayer<double>
    {
        private readonly Double5x7 _inner;

        public BrokenBackward(Double5x7 inner) => _inner = inner;

        public int MaxSteps => Double5x7.MaxSteps;

        public int RecordedSteps => _inner.RecordedSteps;

        public LstmParameterLayout ParameterLayout => Double5x7.ParameterLayout;

        public LstmWeights<double> Weights => _inner.Weights;

        LstmReadOnlyWeights<double> ILstmLayer<double>.Weights => _inner.Weights;

        public Span<double> Gradients => _inner.Gradients;

        public LstmWeights<double> GradientWeights => _inner.GradientWeights;

        public void Backward(ReadOnlySpan<double> dLossDh, Span<double> dLossDx) => Backward(dLossDh, default, default, dLossDx, default, default);

        public double ClipGradients(double maxNorm) => _inner.ClipGradients(maxNorm);

        public void Backward(ReadOnlySpan<double> dLossDh, ReadOnlySpan<double> dLossDhFinal, ReadOnlySpan<double> dLossDcFinal, Span<double> dLossDx, Span<double> dLossDh0, Span<double> dLossDc0) =>
            _inner.Backward(dLossDh, dLossDhFinal, default, dLossDx, dLossDh0, dLossDc0);

        public void ApplySgd(double learningRate) => _inner.ApplySgd(learningRate);

        public void CopyStateTo(Span<double> hidden, Span<double> cell) => _inner.CopyStateTo(hidden, cell);

        public void ExportGradients(Span<double> destination) => _inner.ExportGradients(destination);

        public void ExportParameters(Span<double> destination) => _inner.ExportParameters(destination);

        public void Forward(ReadOnlySpan<double> xs, Span<double> hs) => _inner.Forward(xs, hs);

        public void ImportParameters(ReadOnlySpan<double> source) => _inner.ImportParameters(source);

        public void InitializeParameters(ulong seed, double range) => _inner.InitializeParameters(seed, range);

        public void Reset() => _inner.Reset();

        public void SetState(ReadOnlySpan<double> hidden, ReadOnlySpan<double> cell) => _inner.SetState(hidden, cell);

        public void Step(ReadOnlySpan<double> x, Span<double> h) => _inner.Step(x, h);

        public void ZeroGradients() => _inner.ZeroGradients();
    }

    [Fact]
    public void The_training_sample_draws_its_plot_as_a_png()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lstmgen-{Guid.NewGuid():N}.png");
        try
        {
            float[] curve = { 0.5f, 0.2f, 0.1f };
            TrainingPlot.Save(path, [0, 50, 100], [0.3, 0.1, 0.05], [0.3, 0.12, 0.06], curve, curve, curve);
            byte[] png = System.IO.File.ReadAllBytes(path);
            Assert.True(png.Length > 10_000, $"{png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
