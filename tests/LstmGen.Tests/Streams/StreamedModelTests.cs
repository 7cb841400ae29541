using System;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Models.Streamed;
using LstmGen.Tests.Support;
using LstmGen.Training;
using Xunit;

namespace LstmGen.Tests.Streams;

/// <summary>
/// Whole models with <c>Streams = N</c>: every stream gives exactly the bits of the ordinary model with the same weights
/// (every step, a subset of the streams, a per-stream reset, Forward), a streamed training model's gradients are the sum of
/// the ordinary model's over the streams (1e-5 relative for float, 1e-12 for double, in the 2-norm) with each stream's
/// dLoss/dx its own bits, and wrong arguments throw before anything changes.
/// </summary>
public sealed class StreamedModelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(StreamedModelCatalog.FloatNames), MemberType = typeof(StreamedModelCatalog))]
    public void Every_stream_gives_the_ordinary_models_bits(string name) =>
        AssertStreamsMatchSingles(StreamedModelCatalog.FloatCase(name));

    [Theory]
    [MemberData(nameof(StreamedModelCatalog.DoubleNames), MemberType = typeof(StreamedModelCatalog))]
    public void Every_stream_of_a_double_model_gives_the_ordinary_models_bits(string name) =>
        AssertStreamsMatchSingles(StreamedModelCatalog.DoubleCase(name));

    [Theory]
    [MemberData(nameof(StreamedModelCatalog.FloatTrainingNames), MemberType = typeof(StreamedModelCatalog))]
    public void Gradients_are_the_sum_of_the_ordinary_models_over_the_streams(string name) =>
        output.WriteLine(AssertMiniBatch(StreamedModelCatalog.FloatCase(name), 1e-5));

    [Theory]
    [MemberData(nameof(StreamedModelCatalog.DoubleNames), MemberType = typeof(StreamedModelCatalog))]
    public void Double_gradients_are_the_sum_of_the_ordinary_models_over_the_streams(string name) =>
        output.WriteLine(AssertMiniBatch(StreamedModelCatalog.DoubleCase(name), 1e-12));

    [Fact]
    public void The_gradient_check_does_not_pass_at_all_zero_parameters()
    {
        // At zero weights every h stays 0, so Wh's gradients and the second LSTM's Wx's vanish: zeros on both sides would
        // prove nothing.
        var model = new TorchStackModelDoublex4();
        model.ImportParameters(new double[TorchStackModelDoublex4.ParameterCount]);
        LstmGradientCheckResult result = ModelGradientCheck.Run(model, steps: 3, seed: 9);
        Assert.False(result.Passed(1e-6), result.ToString());
        Assert.Contains(result.Blocks, block => block.ComparedNothing && block.Name.StartsWith("Lstm0.Wh", StringComparison.Ordinal));
        Assert.Contains("compared nothing", result.ToString(), StringComparison.Ordinal);

        model.InitializeParameters(5);
        LstmGradientCheckResult initialized = ModelGradientCheck.Run(model, steps: 3, seed: 9);
        Assert.DoesNotContain(initialized.Blocks, block => block.ComparedNothing);

        // One step from the zero state leaves Wh's and the forget gate's gradients at zero whatever the parameters: refused.
        var exception = Assert.Throws<ArgumentOutOfRangeException>("steps", () => ModelGradientCheck.Run(model, steps: 1, seed: 9));
        Assert.Contains("at least 2 steps", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mini_batch_gradient_passes_the_finite_difference_check()
    {
        var model = new TorchStackModelDoublex4();
        model.InitializeParameters(5);
        LstmGradientCheckResult result = ModelGradientCheck.Run(model, steps: 5, seed: 9);
        Assert.All(result.Blocks, block => Assert.True(!block.ComparedNothing && (block.WorstRelativeError <= 1e-6 || block.WorstAbsoluteError <= 1e-9), result.ToString()));
        output.WriteLine(FormattableString.Invariant($"{result.Blocks.Count} blocks, {result.Blocks.Sum(block => block.Checked)} values; worst relative error {result.Blocks.Max(block => block.WorstRelativeError):E2}"));
    }

    [Fact]
    public void Wrong_arguments_throw_before_anything_changes()
    {
        const int n = 2, i = 2, o = 1, steps = 5;
        var model = new StereoAmpKnobModel();
        var twin = new StereoAmpKnobModel();
        model.InitializeParameters(4);
        twin.InitializeParameters(4);
        float[] xs = StreamBitsTests.Random<float>(steps * n * i, 1, 12);
        float[] ys = new float[steps * n * o], twinYs = new float[steps * n * o];
        model.Forward(xs, ys);
        twin.Forward(xs, twinYs);
        model.ZeroGradients();
        float[] gradients = Export(model);

        Assert.Throws<ArgumentException>("x", () => model.Step(new float[i], new float[n * o]));
        Assert.Throws<ArgumentException>("y", () => model.Step(new float[n * i], new float[o]));
        Assert.Throws<ArgumentOutOfRangeException>("streams", () => model.Step(new float[3 * i], new float[3 * o], 3));
        Assert.Throws<ArgumentOutOfRangeException>("streams", () => model.Step(default, default, -1));
        Assert.Throws<ArgumentException>("y", () => model.Step(new float[i], new float[n * o], 1));
        float[] overlapping = new float[n * i + n * o];
        Assert.Throws<ArgumentException>("y", () => model.Step(overlapping.AsSpan(0, n * i), overlapping.AsSpan(n * i - 1, n * o)));
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>("stream", () => model.Reset(n));
        Assert.StartsWith("The stream must be from 0 to 1 (there are 2 streams), but it is 2.", outOfRange.Message, StringComparison.Ordinal);
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>("streams", () => model.Step(new float[3 * i], new float[3 * o], 3));
        Assert.StartsWith("The number of streams to step must be from 0 to 2, but it is 3.", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("stream", () => model.Reset(-1));
        Assert.Throws<ArgumentException>("xs", () => model.Forward(new float[steps * n * i + 1], new float[steps * n * o]));
        Assert.Throws<ArgumentException>("ys", () => model.Forward(new float[steps * n * i], new float[steps * o]));
        Assert.Throws<ArgumentException>("xs", () => model.Forward(new float[17 * n * i], new float[17 * n * o])); // MaxSteps is 16
        Assert.Throws<ArgumentException>("dLossDy", () => model.Backward(new float[steps * o], default));
        Assert.Throws<ArgumentException>("dLossDx", () => model.Backward(new float[steps * n * o], new float[steps * i]));

        Assert.Equal(steps, model.RecordedSteps);
        Assert.Equal(gradients, Export(model));
        float[] x = StreamBitsTests.Random<float>(n * i, 1, 13);
        float[] y = new float[n * o], twinY = new float[n * o];
        model.Step(x, y);
        twin.Step(x, twinY);
        StreamBitsTests.AssertBits<float>(twinY, y, "a step after the refused calls");
    }

    [Fact]
    public void The_interfaces_report_the_streams_and_files_move_between_streamed_and_ordinary_models()
    {
        ILstmMutableModel<float> streamed = new StereoAmpKnobModel();
        ILstmMutableModel<float> single = new AmpKnobModel();
        Assert.Equal(2, streamed.Streams);
        Assert.Equal(1, single.Streams);
        Assert.Equal(StereoAmpKnobModel.Structure.ToString(), AmpKnobModel.Structure.ToString());

        single.InitializeParameters(21);
        byte[] file = ModelFiles.ToGuitarMlJson(single);
        streamed.LoadWeights(file);
        Assert.Equal(ModelAssert.ParameterBits(single), ModelAssert.ParameterBits(streamed));
        Assert.Equal(file, ModelFiles.ToGuitarMlJson(streamed));
        Assert.True(ModelFiles.ReadStructure(file).Fits(StereoAmpKnobModel.Structure));
    }

    [Fact]
    public void Stepping_running_and_training_a_streamed_model_allocate_nothing()
    {
        var inference = new WideStackModelx8();
        inference.InitializeParameters(3);
        float[] x = new float[8 * 16], y = new float[8 * 4], xs = new float[10 * 8 * 16], ys = new float[10 * 8 * 4];
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => inference.Step(x, y), warmUp: 20, runsPerWindow: 100));
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => inference.Step(x.AsSpan(0, 3 * 16), y.AsSpan(0, 3 * 4), 3), warmUp: 20, runsPerWindow: 100));
        Assert.Equal(0, AllocationMeter.BytesPerWindow(() => inference.Forward(xs, ys), warmUp: 10, runsPerWindow: 20));

        var training = new MixedKerasModelx16();
        training.InitializeParameters(4);
        float[] txs = new float[8 * 16 * 3], tys = new float[8 * 16 * 2], dLossDy = new float[8 * 16 * 2], dLossDx = new float[8 * 16 * 3];
        dLossDy.AsSpan().Fill(0.01f);
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                training.Reset();
                training.ZeroGradients();
                training.Forward(txs, tys);
                training.Backward(dLossDy, dLossDx);
                training.ClipGradients(1f);
                training.ApplySgd(1e-3f);
            },
            warmUp: 10,
            runsPerWindow: 20);
        Assert.Equal(0, allocated);
    }

    private static void AssertStreamsMatchSingles<T>(StreamedModelCase<T> @case)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        IStreamedModel<T> model = @case.Create();
        int n = model.Streams;
        ILstmModel<T>[] singles = Enumerable.Range(0, n).Select(_ => @case.CreateSingle()).ToArray();
        Assert.True(n > 1, @case.Name);
        Assert.Equal(1, singles[0].Streams);
        ImportSameParameters(model, singles);
        ModelStructure structure = model.Structure;
        int i = structure.InputWidth, o = structure.OutputWidth;

        ulong seed = 300;
        for (int t = 0; t < 3; t++)
        {
            StepAndCompare(@case.Name, model, singles, i, o, n, seed++, $"step {t} of all streams");
        }

        // The first n streams only: none, one, a group's worth and a tail, all but one, and all; then a stream is reset.
        foreach (int active in new[] { 0, 1, Math.Min(3, n), n - 1, (n / 2) + 1, n })
        {
            StepAndCompare(@case.Name, model, singles, i, o, active, seed++, $"a step of the first {active} streams");
        }

        model.Reset(n - 1);
        singles[n - 1].Reset();
        model.Reset(0);
        singles[0].Reset();
        for (int t = 0; t < 2; t++)
        {
            StepAndCompare(@case.Name, model, singles, i, o, n, seed++, $"step {t} after resetting streams 0 and {n - 1}");
        }

        const int steps = 4;
        T[] xs = StreamBitsTests.Random<T>(steps * n * i, 1.5, seed++);
        var ys = new T[steps * n * o];
        model.Forward(xs, ys);
        for (int s = 0; s < n; s++)
        {
            T[] x = StreamBitsTests.Stream(xs, steps, n, i, s);
            var y = new T[steps * o];
            singles[s].Forward(x, y);
            StreamBitsTests.AssertBits<T>(y, StreamBitsTests.Stream(ys, steps, n, o, s), $"{@case.Name}: Forward of stream {s}");
        }
    }

    private static void StepAndCompare<T>(string name, IStreamedModel<T> model, ILstmModel<T>[] singles, int i, int o, int active, ulong seed, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] x = StreamBitsTests.Random<T>(active * i, 1.5, seed);
        var y = new T[active * o];
        if (active == singles.Length)
        {
            model.Step(x, y);
        }
        else
        {
            model.Step(x, y, active);
        }

        for (int s = 0; s < active; s++)
        {
            var expected = new T[o];
            singles[s].Step(x.AsSpan(s * i, i), expected);
            StreamBitsTests.AssertBits<T>(expected, y.AsSpan(s * o, o), $"{name}: {what}, stream {s}");
        }
    }

    /// <returns>The relative difference reached, for the test log.</returns>
    private static string AssertMiniBatch<T>(StreamedModelCase<T> @case, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var model = (IStreamedTrainingModel<T>)@case.Create();
        var single = (ILstmTrainingModel<T>)@case.CreateSingle();
        int n = model.Streams, i = model.Structure.InputWidth, o = model.Structure.OutputWidth;
        int steps = Math.Min(model.MaxSteps, 6);
        ImportSameParameters(model, new ILstmModel<T>[] { single });
        T[] xs = StreamBitsTests.Random<T>(steps * n * i, 1.5, 41);
        T[] dLossDy = StreamBitsTests.Random<T>(steps * n * o, 1, 42);
        var ys = new T[steps * n * o];
        var dLossDx = new T[steps * n * i];
        model.Reset();
        model.ZeroGradients();
        model.Forward(xs, ys);
        model.Backward(dLossDy, dLossDx);

        // The ordinary model runs the streams' sequences one after another; its gradients accumulate over them.
        single.ZeroGradients();
        for (int s = 0; s < n; s++)
        {
            var y = new T[steps * o];
            var dx = new T[steps * i];
            single.Reset();
            single.Forward(StreamBitsTests.Stream(xs, steps, n, i, s), y);
            single.Backward(StreamBitsTests.Stream(dLossDy, steps, n, o, s), dx);
            StreamBitsTests.AssertBits<T>(y, StreamBitsTests.Stream(ys, steps, n, o, s), $"{@case.Name}: outputs of stream {s}");
            StreamBitsTests.AssertBits<T>(dx, StreamBitsTests.Stream(dLossDx, steps, n, i, s), $"{@case.Name}: dLoss/dx of stream {s}");
        }

        var expected = new T[model.Structure.ParameterCount];
        var actual = new T[expected.Length];
        single.ExportGradients(expected);
        model.ExportGradients(actual);
        double difference = 0, norm = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            double e = double.CreateChecked(expected[k]);
            double d = double.CreateChecked(actual[k]) - e;
            difference += d * d;
            norm += e * e;
        }

        double relative = Math.Sqrt(difference / norm);
        Assert.True(norm > 0, @case.Name);
        Assert.True(relative <= tolerance, $"{@case.Name}: the gradients differ from the sum over the streams by {relative:E2} (2-norm, relative)");
        return FormattableString.Invariant($"{@case.Name}: gradients within {relative:E2} of the sum over {n} streams (2-norm, relative)");
    }

    /// <summary>Gives the streamed model and the ordinary ones the same parameters: random ones, or checks the baked ones agree.</summary>
    private static void ImportSameParameters<T>(ILstmModel<T> model, ILstmModel<T>[] singles)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count = (int)model.Structure.ParameterCount;
        if (model is ILstmMutableModel<T> mutable)
        {
            T[] canonical = StreamBitsTests.Random<T>(count, 0.4, 71);
            mutable.ImportParameters(canonical);
            foreach (ILstmModel<T> single in singles)
            {
                ((ILstmMutableModel<T>)single).ImportParameters(canonical);
            }
        }

        var expected = new T[count];
        var actual = new T[count];
        model.ExportParameters(actual);
        foreach (ILstmModel<T> single in singles)
        {
            single.ExportParameters(expected);
            StreamBitsTests.AssertBits<T>(expected, actual, "parameters");
        }
    }

    private static float[] Export(ILstmTrainingModel<float> model)
    {
        var gradients = new float[model.Structure.ParameterCount];
        model.ExportGradients(gradients);
        return gradients;
    }
}
