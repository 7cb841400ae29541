using System;

namespace LstmGen;

/// <summary>One layer of a <see cref="ModelStructure"/>: its kind, its widths and, for dense and activation layers, its activation.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
readonly struct ModelLayer : IEquatable<ModelLayer>
{
    /// <summary>Describes a layer.</summary>
    /// <param name="kind">The kind of layer.</param>
    /// <param name="inputWidth">Elements in per time step: I.</param>
    /// <param name="outputWidth">Elements out per time step: H for an LSTM, O for a dense layer, I for an activation.</param>
    /// <param name="activation">The activation of a dense or activation layer; <see cref="ActivationKind.Identity"/> for an LSTM.</param>
    public ModelLayer(ModelLayerKind kind, int inputWidth, int outputWidth, ActivationKind activation = ActivationKind.Identity)
    {
        Kind = kind;
        InputWidth = inputWidth;
        OutputWidth = outputWidth;
        Activation = activation;
    }

    /// <summary>Gets the kind of layer.</summary>
    public ModelLayerKind Kind { get; }

    /// <summary>Gets the number of inputs per time step.</summary>
    public int InputWidth { get; }

    /// <summary>Gets the number of outputs per time step.</summary>
    public int OutputWidth { get; }

    /// <summary>Gets the activation of a dense or activation layer.</summary>
    public ActivationKind Activation { get; }

    /// <summary>Gets the number of parameters: 4H·(1 + I + H) for an LSTM, O·(I + 1) for a dense layer, 0 for an activation.</summary>
    public long ParameterCount => Kind switch
    {
        ModelLayerKind.Lstm => 4L * OutputWidth * (1L + InputWidth + OutputWidth),
        ModelLayerKind.Dense => (long)OutputWidth * (InputWidth + 1L),
        _ => 0,
    };

    /// <inheritdoc/>
    public bool Equals(ModelLayer other) =>
        Kind == other.Kind && InputWidth == other.InputWidth && OutputWidth == other.OutputWidth && Activation == other.Activation;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModelLayer other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((((((int)Kind * 397) ^ InputWidth) * 397) ^ OutputWidth) * 397) ^ (int)Activation;

    /// <summary>Describes the layer as PyTorch would: <c>LSTM(1→40)</c>, <c>Dense(40→1)</c>, <c>Dense(8→8, tanh)</c>, <c>Tanh(8)</c>.</summary>
    public override string ToString() => Kind switch
    {
        ModelLayerKind.Lstm => $"LSTM({InputWidth}→{OutputWidth})",
        ModelLayerKind.Dense => Activation == ActivationKind.Identity
            ? $"Dense({InputWidth}→{OutputWidth})"
            : $"Dense({InputWidth}→{OutputWidth}, {ActivationName(Activation)})",
        _ => $"{ActivationName(Activation)}({InputWidth})",
    };

    /// <summary>Compares two layers.</summary>
    /// <param name="left">The first layer.</param>
    /// <param name="right">The second layer.</param>
    public static bool operator ==(ModelLayer left, ModelLayer right) => left.Equals(right);

    /// <summary>Compares two layers.</summary>
    /// <param name="left">The first layer.</param>
    /// <param name="right">The second layer.</param>
    public static bool operator !=(ModelLayer left, ModelLayer right) => !left.Equals(right);

    /// <summary>The activation's name as messages and remarks write it: identity, tanh, ReLU, sigmoid.</summary>
    internal static string ActivationName(ActivationKind activation) => activation switch
    {
        ActivationKind.Tanh => "tanh",
        ActivationKind.ReLU => "ReLU",
        ActivationKind.Sigmoid => "sigmoid",
        _ => "identity",
    };
}
