using System;
using LstmGen.Tests.Layers;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// The documented rule for <c>HiddenState</c> and <c>CellState</c>: they are views of where the state is now. h is kept twice
/// (each step reads one copy and writes the other), so a view taken before a step still shows the h it was taken at, and a
/// view taken again shows the new one; <c>CopyStateTo</c> copies the state out for keeping.
/// </summary>
public sealed class StateViewTests
{
    [Fact]
    public void A_state_view_shows_the_state_it_was_taken_at_and_a_new_one_the_new_state()
    {
        var layer = new Torch1x8();
        layer.InitializeParameters(1);
        float[] h = new float[Torch1x8.StateWidth];
        layer.Step([0.5f], h);
        ReadOnlySpan<float> before = layer.HiddenState;
        float[] first = before.ToArray();
        Assert.Equal(h, first);

        layer.Step([0.5f], h);
        Assert.Equal(h, layer.HiddenState.ToArray());
        Assert.NotEqual(h, first);
        Assert.Equal(first, before.ToArray());

        float[] hidden = new float[Torch1x8.StateWidth];
        float[] cell = new float[Torch1x8.StateWidth];
        layer.CopyStateTo(hidden, cell);
        Assert.Equal(h, hidden);
        Assert.Equal(layer.CellState.ToArray(), cell);
    }
}
