using System;
using LstmGen.Tests.Layers;
using Xunit;

namespace LstmGen.Tests;

/// <summary>Wrong span lengths throw ArgumentException naming both lengths, and leave the layer as it was.</summary>
public sealed class ArgumentValidationTests
{
    [Fact]
    public void Step_rejects_wrong_lengths_before_changing_state()
    {
        Torch4x16 layer = Started();
        float[] before = layer.HiddenState.ToArray();

        ArgumentException shortInput = Assert.Throws<ArgumentException>(() => layer.Step(new float[3], new float[16]));
        Assert.Equal("x", shortInput.ParamName);
        Assert.Contains("Expected 4 elements (I) but got 3", shortInput.Message, StringComparison.Ordinal);

        ArgumentException longOutput = Assert.Throws<ArgumentException>(() => layer.Step(new float[4], new float[17]));
        Assert.Equal("h", longOutput.ParamName);
        Assert.Contains("Expected 16 elements (H) but got 17", longOutput.Message, StringComparison.Ordinal);

        Assert.Equal(before, layer.HiddenState.ToArray());
    }

    [Fact]
    public void Step_rejects_overlapping_input_and_output()
    {
        Torch4x16 layer = Started();
        float[] shared = new float[20];
        ArgumentException overlap = Assert.Throws<ArgumentException>(() => layer.Step(shared.AsSpan(0, 4), shared.AsSpan(2, 16)));
        Assert.Equal("h", overlap.ParamName);
    }

    [Fact]
    public void Forward_rejects_partial_steps_and_mismatched_outputs()
    {
        Torch4x16 layer = Started();
        float[] before = layer.CellState.ToArray();

        ArgumentException partial = Assert.Throws<ArgumentException>(() => layer.Forward(new float[10], new float[32]));
        Assert.Equal("xs", partial.ParamName);
        Assert.Contains("whole number of steps of 4 elements (I) but got 10", partial.Message, StringComparison.Ordinal);

        ArgumentException outputs = Assert.Throws<ArgumentException>(() => layer.Forward(new float[12], new float[32]));
        Assert.Equal("hs", outputs.ParamName);
        Assert.Contains("Expected 48 elements (T·H = 3·16) but got 32", outputs.Message, StringComparison.Ordinal);

        Assert.Equal(before, layer.CellState.ToArray());
    }

    [Fact]
    public void SetState_and_parameter_copies_reject_wrong_lengths_without_partial_writes()
    {
        Torch4x16 layer = Started();
        float[] hidden = layer.HiddenState.ToArray();
        ArgumentException cell = Assert.Throws<ArgumentException>(() => layer.SetState(new float[16], new float[15]));
        Assert.Equal("cell", cell.ParamName);
        Assert.Equal(hidden, layer.HiddenState.ToArray());

        float[] parameters = layer.Parameters.ToArray();
        Assert.Throws<ArgumentException>(() => layer.ImportParameters(new float[Torch4x16.ParameterCount - 1]));
        Assert.Equal(parameters, layer.Parameters.ToArray());
        Assert.Throws<ArgumentException>(() => layer.ExportParameters(new float[Torch4x16.ParameterCount + 1]));
        Assert.Throws<ArgumentException>(() => layer.CopyStateTo(new float[16], new float[3]));
    }

    [Fact]
    public void Empty_sequences_are_a_no_op()
    {
        Torch4x16 layer = Started();
        float[] before = layer.HiddenState.ToArray();
        layer.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        Assert.Equal(before, layer.HiddenState.ToArray());
    }

    private static Torch4x16 Started()
    {
        var layer = new Torch4x16();
        layer.InitializeParameters(11);
        layer.Step(new float[] { 0.5f, -0.25f, 1, 0 }, new float[16]);
        return layer;
    }
}
