using System;

namespace LstmGen.Tests.Support;

/// <summary>
/// A plain, runtime-sized LSTM in double precision, written straight from the equations with canonical-order parameters
/// (Wx 4H×I, Wh 4H×H, b 4H; gate rows i, f, g, o). It shares no code with the generator and serves as the independent
/// reference for forward values and BPTT gradients.
/// </summary>
public sealed class ReferenceLstm
{
    private readonly int _i;
    private readonly int _h;
    private readonly double[] _p;

    public ReferenceLstm(int inputWidth, int stateWidth, double[] canonicalParameters)
    {
        _i = inputWidth;
        _h = stateWidth;
        _p = canonicalParameters;
        if (_p.Length != 4 * _h * (1 + _i + _h))
        {
            throw new ArgumentException("Wrong parameter count.", nameof(canonicalParameters));
        }
    }

    /// <summary>Runs T steps; returns h and c of every step (T×H each) plus the gate activations (T×4H) and the states before each step.</summary>
    public Trace Forward(double[] xs, double[] h0, double[] c0)
    {
        int steps = xs.Length / _i;
        var trace = new Trace(steps, _i, _h);
        double[] h = (double[])h0.Clone();
        double[] c = (double[])c0.Clone();
        for (int t = 0; t < steps; t++)
        {
            Array.Copy(h, 0, trace.HPrev, t * _h, _h);
            Array.Copy(c, 0, trace.CPrev, t * _h, _h);
            for (int row = 0; row < 4 * _h; row++)
            {
                double sum = Bias(row);
                for (int k = 0; k < _i; k++)
                {
                    sum += Wx(row, k) * xs[(t * _i) + k];
                }

                for (int k = 0; k < _h; k++)
                {
                    sum += Wh(row, k) * h[k];
                }

                int gate = row / _h;
                trace.Gates[(t * 4 * _h) + row] = gate == 2 ? Math.Tanh(sum) : 1.0 / (1.0 + Math.Exp(-sum));
            }

            for (int j = 0; j < _h; j++)
            {
                double ig = trace.Gate(t, 0, j), fg = trace.Gate(t, 1, j), gg = trace.Gate(t, 2, j), og = trace.Gate(t, 3, j);
                c[j] = (fg * c[j]) + (ig * gg);
                h[j] = og * Math.Tanh(c[j]);
                trace.H[(t * _h) + j] = h[j];
                trace.C[(t * _h) + j] = c[j];
            }
        }

        trace.X = (double[])xs.Clone();
        return trace;
    }

    /// <summary>
    /// Back-propagation through time. Returns canonical-order parameter gradients and dLoss/dx, dLoss/dh0, dLoss/dc0.
    /// dc flows back through every step (dc₋₁ = dc∘f) and every weight gradient is summed over all steps.
    /// </summary>
    public Gradients Backward(Trace trace, double[] dLossDh, double[]? dhFinal = null, double[]? dcFinal = null)
    {
        int steps = trace.Steps;
        var grads = new Gradients(_p.Length, steps * _i, _h);
        double[] dh = dhFinal is null ? new double[_h] : (double[])dhFinal.Clone();
        double[] dc = dcFinal is null ? new double[_h] : (double[])dcFinal.Clone();
        var da = new double[4 * _h];
        for (int t = steps - 1; t >= 0; t--)
        {
            for (int j = 0; j < _h; j++)
            {
                dh[j] += dLossDh[(t * _h) + j];
                double ig = trace.Gate(t, 0, j), fg = trace.Gate(t, 1, j), gg = trace.Gate(t, 2, j), og = trace.Gate(t, 3, j);
                double ct = trace.C[(t * _h) + j];
                double tc = Math.Tanh(ct);
                double dcj = dc[j] + (dh[j] * og * (1 - (tc * tc)));
                da[j] = dcj * gg * ig * (1 - ig);
                da[_h + j] = dcj * trace.CPrev[(t * _h) + j] * fg * (1 - fg);
                da[(2 * _h) + j] = dcj * ig * (1 - (gg * gg));
                da[(3 * _h) + j] = dh[j] * tc * og * (1 - og);
                dc[j] = dcj * fg;
            }

            Array.Clear(dh);
            for (int row = 0; row < 4 * _h; row++)
            {
                grads.Parameters[BiasIndex(row)] += da[row];
                for (int k = 0; k < _i; k++)
                {
                    grads.Parameters[(row * _i) + k] += da[row] * trace.X[(t * _i) + k];
                    grads.X[(t * _i) + k] += da[row] * Wx(row, k);
                }

                for (int k = 0; k < _h; k++)
                {
                    grads.Parameters[(4 * _h * _i) + (row * _h) + k] += da[row] * trace.HPrev[(t * _h) + k];
                    dh[k] += da[row] * Wh(row, k);
                }
            }
        }

        Array.Copy(dh, grads.H0, _h);
        Array.Copy(dc, grads.C0, _h);
        return grads;
    }

    private double Wx(int row, int k) => _p[(row * _i) + k];

    private double Wh(int row, int k) => _p[(4 * _h * _i) + (row * _h) + k];

    private int BiasIndex(int row) => (4 * _h * (_i + _h)) + row;

    private double Bias(int row) => _p[BiasIndex(row)];

    public sealed class Trace
    {
        public Trace(int steps, int inputWidth, int stateWidth)
        {
            Steps = steps;
            StateWidth = stateWidth;
            H = new double[steps * stateWidth];
            C = new double[steps * stateWidth];
            HPrev = new double[steps * stateWidth];
            CPrev = new double[steps * stateWidth];
            Gates = new double[steps * 4 * stateWidth];
            X = new double[steps * inputWidth];
        }

        public int Steps { get; }

        public int StateWidth { get; }

        public double[] H { get; }

        public double[] C { get; }

        public double[] HPrev { get; }

        public double[] CPrev { get; }

        public double[] Gates { get; }

        public double[] X { get; set; }

        public double Gate(int t, int gate, int unit) => Gates[(t * 4 * StateWidth) + (gate * StateWidth) + unit];
    }

    public sealed class Gradients
    {
        public Gradients(int parameters, int inputs, int stateWidth)
        {
            Parameters = new double[parameters];
            X = new double[inputs];
            H0 = new double[stateWidth];
            C0 = new double[stateWidth];
        }

        public double[] Parameters { get; }

        public double[] X { get; }

        public double[] H0 { get; }

        public double[] C0 { get; }
    }
}
