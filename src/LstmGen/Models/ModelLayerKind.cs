namespace LstmGen;

/// <summary>The kinds of layer a generated model chains.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
enum ModelLayerKind
{
    /// <summary>An LSTM layer (PyTorch <c>nn.LSTM</c>, one layer of it; Keras <c>LSTM</c>): I inputs, H hidden units.</summary>
    Lstm = 0,

    /// <summary>A dense layer with an activation (PyTorch <c>nn.Linear</c>; Keras <c>Dense</c>): <c>y = act(W·x + b)</c>, W O×I.</summary>
    Dense = 1,

    /// <summary>An element-wise activation with no parameters (Keras <c>Activation</c>; PyTorch <c>nn.Tanh</c> and so on).</summary>
    Activation = 2,
}
