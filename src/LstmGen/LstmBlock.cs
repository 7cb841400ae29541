namespace LstmGen;

/// <summary>The three kinds of parameter block in an LSTM layer; each has one part per <see cref="LstmGate"/>.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
enum LstmBlock
{
    /// <summary>The input weights <c>Wx</c> (4H × I): gate rows times input columns.</summary>
    Input = 0,

    /// <summary>The recurrent weights <c>Wh</c> (4H × H): gate rows times hidden columns.</summary>
    Recurrent = 1,

    /// <summary>The bias <c>b</c> (4H): one value per gate row.</summary>
    Bias = 2,
}
