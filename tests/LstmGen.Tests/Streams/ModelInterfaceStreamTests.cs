using System;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Streams;

/// <summary>
/// <see cref="ILstmModel{T}"/>'s per-stream members on ordinary models, which have stream 0 only: <c>Reset(0)</c> is
/// <c>Reset()</c>, <c>Step(x, y, 1)</c> is <c>Step(x, y)</c>, <c>Step</c> of 0 streams does nothing, and anything else throws
/// the documented exception with the state unchanged. Generic code over the interface then serves ordinary and streamed
/// models alike; a struct model is reset and stepped in place through a constrained call, not on a boxed copy.
/// </summary>
public sealed class ModelInterfaceStreamTests
{
    private const int Steps = 5;

    [Fact]
    public void An_ordinary_class_models_stream_members_are_its_step_and_reset() => AssertStreamMembers(new TorchStackModel(), new TorchStackModel());

    [Fact]
    public void An_ordinary_struct_models_stream_members_run_in_place()
    {
        var model = default(TorchRtNeuralModel);
        var twin = default(TorchRtNeuralModel);
        model.InitializeParameters(3);
        twin.InitializeParameters(3);
        int i = TorchRtNeuralModel.InputWidth, o = TorchRtNeuralModel.OutputWidth;
        float[] xs = StreamBitsTests.Random<float>(Steps * i, 1, 5);
        var y = new float[o];
        var expected = new float[o];
        for (int t = 0; t < Steps; t++)
        {
            StepOne(ref model, xs.AsSpan(t * i, i), y);
            twin.Step(xs.AsSpan(t * i, i), expected);
            StreamBitsTests.AssertBits<float>(expected, y, $"step {t}");
        }

        ResetStream(ref model, 0);
        twin.Reset();
        StepOne(ref model, xs.AsSpan(0, i), y);
        twin.Step(xs.AsSpan(0, i), expected);
        StreamBitsTests.AssertBits<float>(expected, y, "after Reset(0)");

        static void StepOne<TModel>(ref TModel model, ReadOnlySpan<float> x, Span<float> y)
            where TModel : ILstmModel<float> => model.Step(x, y, 1);

        static void ResetStream<TModel>(ref TModel model, int stream)
            where TModel : ILstmModel<float> => model.Reset(stream);
    }

    private static void AssertStreamMembers(ILstmMutableModel<float> model, ILstmMutableModel<float> twin)
    {
        model.InitializeParameters(7);
        twin.InitializeParameters(7);
        int i = model.Structure.InputWidth, o = model.Structure.OutputWidth;
        Assert.Equal(1, model.Streams);
        float[] xs = StreamBitsTests.Random<float>(Steps * i, 1, 11);
        var y = new float[o];
        var expected = new float[o];
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<float> x = xs.AsSpan(t * i, i);

            // Stepping no stream changes nothing; stepping the one stream is Step.
            model.Step(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0);
            model.Step(x, y, 1);
            twin.Step(x, expected);
            StreamBitsTests.AssertBits<float>(expected, y, $"step {t}");
        }

        // Wrong calls throw and leave the state as it was: the next step still matches the twin's.
        Assert.Throws<ArgumentOutOfRangeException>("streams", () => model.Step(xs.AsSpan(0, i), y, 2));
        Assert.Throws<ArgumentOutOfRangeException>("streams", () => model.Step(xs.AsSpan(0, i), y, -1));
        Assert.Throws<ArgumentException>("x", () => model.Step(xs.AsSpan(0, i), Span<float>.Empty, 0));
        Assert.Throws<ArgumentException>("y", () => model.Step(xs.AsSpan(0, i), new float[o + 1], 1));
        ArgumentOutOfRangeException stream = Assert.Throws<ArgumentOutOfRangeException>("stream", () => model.Reset(1));
        Assert.Contains("there is 1 stream", stream.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("stream", () => model.Reset(-1));
        model.Step(xs.AsSpan(0, i), y, 1);
        twin.Step(xs.AsSpan(0, i), expected);
        StreamBitsTests.AssertBits<float>(expected, y, "after the wrong calls");

        // Reset(0) is Reset().
        model.Reset(0);
        twin.Reset();
        model.Step(xs.AsSpan(i, i), y, 1);
        twin.Step(xs.AsSpan(i, i), expected);
        StreamBitsTests.AssertBits<float>(expected, y, "after Reset(0)");
    }
}
