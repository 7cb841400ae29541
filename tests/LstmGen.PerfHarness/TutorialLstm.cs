using System;

namespace LstmGen.PerfHarness;

/// <summary>
/// The baseline: the seed tutorial's forward step ported to C# the way it is written there: one H × (I + H) matrix per gate
/// over the concatenated [x; h₋₁], plain loops over float[] arrays, MathF activations. Preallocated, so it does not
/// allocate per step either; the difference to a generated layer is the code shape alone.
/// </summary>
public sealed class TutorialLstm
{
    private readonly int _inputs;
    private readonly int _cells;
    private readonly float[,] _wg;
    private readonly float[,] _wi;
    private readonly float[,] _wf;
    private readonly float[,] _wo;
    private readonly float[] _bg;
    private readonly float[] _bi;
    private readonly float[] _bf;
    private readonly float[] _bo;
    private readonly float[] _xc;
    private readonly float[] _g;
    private readonly float[] _i;
    private readonly float[] _f;
    private readonly float[] _o;

    public TutorialLstm(PerfRefData data)
    {
        _inputs = data.InputWidth;
        _cells = data.StateWidth;
        int concat = _inputs + _cells;
        _wg = new float[_cells, concat];
        _wi = new float[_cells, concat];
        _wf = new float[_cells, concat];
        _wo = new float[_cells, concat];
        _bg = new float[_cells];
        _bi = new float[_cells];
        _bf = new float[_cells];
        _bo = new float[_cells];
        _xc = new float[concat];
        _g = new float[_cells];
        _i = new float[_cells];
        _f = new float[_cells];
        _o = new float[_cells];
        H = new float[_cells];
        S = new float[_cells];
        int gates = 4 * _cells;
        for (int j = 0; j < _cells; j++)
        {
            for (int k = 0; k < concat; k++)
            {
                float[] column = k < _inputs ? data.Kernel : data.RecurrentKernel;
                int kk = k < _inputs ? k : k - _inputs;
                _wi[j, k] = column[(kk * gates) + j];
                _wf[j, k] = column[(kk * gates) + _cells + j];
                _wg[j, k] = column[(kk * gates) + (2 * _cells) + j];
                _wo[j, k] = column[(kk * gates) + (3 * _cells) + j];
            }

            _bi[j] = data.Bias[j];
            _bf[j] = data.Bias[_cells + j];
            _bg[j] = data.Bias[(2 * _cells) + j];
            _bo[j] = data.Bias[(3 * _cells) + j];
        }
    }

    /// <summary>The hidden state.</summary>
    public float[] H { get; }

    /// <summary>The cell state.</summary>
    public float[] S { get; }

    public void Reset()
    {
        Array.Clear(H);
        Array.Clear(S);
    }

    /// <summary>One step: xc = [x; h], g = tanh(wg·xc + bg), i, f, o = σ(w·xc + b), s = g·i + s·f, h = tanh(s)·o.</summary>
    public void Step(float[] x, int offset)
    {
        for (int k = 0; k < _inputs; k++)
        {
            _xc[k] = x[offset + k];
        }

        for (int k = 0; k < _cells; k++)
        {
            _xc[_inputs + k] = H[k];
        }

        for (int j = 0; j < _cells; j++)
        {
            float g = _bg[j], i = _bi[j], f = _bf[j], o = _bo[j];
            for (int k = 0; k < _xc.Length; k++)
            {
                g += _wg[j, k] * _xc[k];
                i += _wi[j, k] * _xc[k];
                f += _wf[j, k] * _xc[k];
                o += _wo[j, k] * _xc[k];
            }

            _g[j] = MathF.Tanh(g);
            _i[j] = Sigmoid(i);
            _f[j] = Sigmoid(f);
            _o[j] = Sigmoid(o);
        }

        for (int j = 0; j < _cells; j++)
        {
            S[j] = (_g[j] * _i[j]) + (S[j] * _f[j]);
            H[j] = MathF.Tanh(S[j]) * _o[j];
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
