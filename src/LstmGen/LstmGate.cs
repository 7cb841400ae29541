namespace LstmGen;

/// <summary>The four LSTM gates, in PyTorch's order (i, f, g, o). The numeric values are the gate's position in that order.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
enum LstmGate
{
    /// <summary>The input gate <c>i = σ(·)</c>.</summary>
    Input = 0,

    /// <summary>The forget gate <c>f = σ(·)</c>.</summary>
    Forget = 1,

    /// <summary>The candidate cell <c>g = c̃ = tanh(·)</c>.</summary>
    Cell = 2,

    /// <summary>The output gate <c>o = σ(·)</c>.</summary>
    Output = 3,
}
