namespace LstmGen;

/// <summary>An element-wise activation applied after a dense layer, or as a layer of its own.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
enum ActivationKind
{
    /// <summary>No activation: <c>y = z</c> (Keras' <c>linear</c>, PyTorch's plain <c>nn.Linear</c>).</summary>
    Identity = 0,

    /// <summary><c>y = tanh(z)</c>.</summary>
    Tanh = 1,

    /// <summary><c>y = max(z, 0)</c>.</summary>
    ReLU = 2,

    /// <summary><c>y = 1 / (1 + e⁻ᶻ)</c>.</summary>
    Sigmoid = 3,
}
