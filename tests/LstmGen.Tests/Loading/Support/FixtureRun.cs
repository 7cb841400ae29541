using System;
using System.Numerics;
using LstmGen.Tests.Support;

namespace LstmGen.Tests.Loading.Support;

/// <summary>Runs a layer over a PyTorch case's inputs from its initial state and returns h and c of every step.</summary>
public static class FixtureRun
{
    public static (double[] H, double[] C) Run<T>(ILstmLayer<T> layer, PyTorchCase fixture)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = fixture.InputWidth;
        int h = fixture.StateWidth;
        T[] xs = Bits.To<T>(fixture.X);
        layer.SetState(Bits.To<T>(fixture.H0), Bits.To<T>(fixture.C0));
        var hs = new T[fixture.Steps * h];
        layer.Forward(xs, hs);

        // c is only visible between steps, so run again step by step, and check Step agrees with Forward.
        layer.SetState(Bits.To<T>(fixture.H0), Bits.To<T>(fixture.C0));
        var hStep = new T[h];
        var hState = new T[h];
        var cs = new T[fixture.Steps * h];
        for (int t = 0; t < fixture.Steps; t++)
        {
            layer.Step(xs.AsSpan(t * i, i), hStep);
            layer.CopyStateTo(hState, cs.AsSpan(t * h, h));
            Bits.AssertEqual<T>(hs.AsSpan(t * h, h), hStep, $"Step vs Forward at t={t}");
        }

        return (Bits.ToDouble<T>(hs), Bits.ToDouble<T>(cs));
    }
}
