using System;
using System.Collections.Generic;
using System.Linq;

namespace LstmGen;

/// <summary>
/// The layer sequence of a model with its sizes: what a generated model is, and what a model file holds. It reads like
/// <c>nn.Sequential</c>: <c>LSTM(1→40) → Dense(40→1) + x[0]</c>.
/// </summary>
/// <remarks>
/// A dense layer followed by an activation layer is one dense layer with that activation (Keras writes them either way), so
/// the constructor folds an <see cref="ModelLayerKind.Activation"/> layer into a preceding <see cref="ModelLayerKind.Dense"/>
/// layer whose activation is <see cref="ActivationKind.Identity"/>. Two structures are equal when their folded layers,
/// input width and residual width are.
/// </remarks>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
sealed class ModelStructure : IEquatable<ModelStructure>
{
    /// <summary>Describes a model.</summary>
    /// <param name="inputWidth">The model's input width: elements of x per time step.</param>
    /// <param name="layers">The layers in order; each reads what the previous one writes.</param>
    /// <param name="residualWidth">
    /// The residual path: 0 for none; 1 to add x[0] to every output (the amp-capture shape, GuitarML's <c>skip = 1</c>); or
    /// the output width O to add x[j] to y[j].
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// There are no layers, a width is not positive, a layer's input width is not the previous layer's output width, an
    /// LSTM carries an activation, or the residual width is not 0, 1 or O, or exceeds the input width.
    /// </exception>
    public ModelStructure(int inputWidth, IEnumerable<ModelLayer> layers, int residualWidth = 0)
    {
        if (layers is null)
        {
            throw new ArgumentNullException(nameof(layers));
        }

        string? problem = Check(inputWidth, layers.ToList(), residualWidth);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(layers));
        }

        InputWidth = inputWidth;
        Layers = Fold(layers);
        ResidualWidth = residualWidth;
    }

    /// <summary>Gets the model's input width, I.</summary>
    public int InputWidth { get; }

    /// <summary>Gets the model's output width, O: the last layer's output width.</summary>
    public int OutputWidth => Layers[Layers.Count - 1].OutputWidth;

    /// <summary>Gets the layers in order, with activation layers folded into the dense layers before them where they can be.</summary>
    public IReadOnlyList<ModelLayer> Layers { get; }

    /// <summary>Gets the residual path: 0 none, 1 adds x[0] to every output, O adds x[j] to y[j].</summary>
    public int ResidualWidth { get; }

    /// <summary>Gets the number of parameters of all layers.</summary>
    public long ParameterCount => Layers.Sum(layer => layer.ParameterCount);

    /// <summary>Returns null when the arguments describe a model, else what is wrong with them.</summary>
    internal static string? Check(int inputWidth, IReadOnlyList<ModelLayer> layers, int residualWidth)
    {
        if (inputWidth < 1)
        {
            return $"The input width is {inputWidth}; it must be at least 1.";
        }

        if (layers.Count == 0)
        {
            return "A model needs at least one layer.";
        }

        int width = inputWidth;
        for (int k = 0; k < layers.Count; k++)
        {
            ModelLayer layer = layers[k];
            if (layer.InputWidth != width)
            {
                string source = k == 0 ? "the model's input width" : $"layer {k - 1}'s output width";
                return $"Layer {k}, {layer}, reads {layer.InputWidth} elements, but {source} is {width}.";
            }

            if (layer.OutputWidth < 1)
            {
                return $"Layer {k}, {layer}, has output width {layer.OutputWidth}; it must be at least 1.";
            }

            if (layer.Kind == ModelLayerKind.Lstm && layer.Activation != ActivationKind.Identity)
            {
                return $"Layer {k} is an LSTM with activation {layer.Activation}; an LSTM's activations are fixed (σ and tanh).";
            }

            if (layer.Kind == ModelLayerKind.Activation && layer.OutputWidth != layer.InputWidth)
            {
                return $"Layer {k}, an activation, maps {layer.InputWidth} elements to {layer.OutputWidth}; it must keep the width.";
            }

            if (!Enum.IsDefined(typeof(ModelLayerKind), layer.Kind) || !Enum.IsDefined(typeof(ActivationKind), layer.Activation))
            {
                return $"Layer {k} has an unknown kind or activation.";
            }

            width = layer.OutputWidth;
        }

        if (residualWidth != 0 && residualWidth != 1 && residualWidth != width)
        {
            return $"The residual width is {residualWidth}; it must be 0 (none), 1 (x[0] added to every output) or the output width {width}.";
        }

        if (residualWidth > inputWidth)
        {
            return $"The residual path adds the first {residualWidth} inputs to the outputs, but the model has {inputWidth} inputs.";
        }

        return null;
    }

    /// <summary>Folds each activation layer into a dense layer with no activation right before it.</summary>
    internal static ModelLayer[] Fold(IEnumerable<ModelLayer> layers)
    {
        var folded = new List<ModelLayer>();
        foreach (ModelLayer layer in layers)
        {
            if (layer.Kind == ModelLayerKind.Activation && folded.Count > 0
                && folded[folded.Count - 1] is { Kind: ModelLayerKind.Dense, Activation: ActivationKind.Identity } dense)
            {
                folded[folded.Count - 1] = new ModelLayer(ModelLayerKind.Dense, dense.InputWidth, dense.OutputWidth, layer.Activation);
            }
            else if (layer.Kind != ModelLayerKind.Activation || layer.Activation != ActivationKind.Identity)
            {
                folded.Add(layer);
            }
        }

        return folded.ToArray();
    }

    /// <inheritdoc/>
    public bool Equals(ModelStructure? other) =>
        other is not null && InputWidth == other.InputWidth && ResidualWidth == other.ResidualWidth && Layers.SequenceEqual(other.Layers);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModelStructure other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = (InputWidth * 397) ^ ResidualWidth;
        foreach (ModelLayer layer in Layers)
        {
            hash = unchecked((hash * 31) + layer.GetHashCode());
        }

        return hash;
    }

    /// <summary>Describes the model in one line: <c>LSTM(1→40) → Dense(40→1) + x[0]</c>.</summary>
    public override string ToString()
    {
        string layers = string.Join(" → ", Layers.Select(layer => layer.ToString()));
        return ResidualWidth switch
        {
            0 => layers,
            1 => layers + " + x[0]",
            _ => layers + $" + x[0:{ResidualWidth}]",
        };
    }
}
