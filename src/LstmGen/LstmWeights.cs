using System;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// A writable view of a layer's parameters (or gradients): the raw storage plus the <see cref="LstmParameterLayout"/>
/// that gives it meaning. Obtained from a generated layer's <c>Weights</c> (or <c>GradientWeights</c>) property.
/// Import methods for the PyTorch, Keras and ONNX layouts and the file loaders live on this type too.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly ref partial struct LstmWeights<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Wraps storage laid out as <paramref name="layout"/> describes.</summary>
    /// <param name="storage">The values in storage order; exactly <see cref="LstmParameterLayout.ParameterCount"/> elements.</param>
    /// <param name="layout">The layout of <paramref name="storage"/>.</param>
    /// <param name="values">Whether the storage holds parameters or their gradients, which export differently (see <see cref="LstmValues"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="storage"/> has the wrong length.</exception>
    public LstmWeights(Span<T> storage, LstmParameterLayout layout, LstmValues values = LstmValues.Parameters)
    {
        CompilerServices.LstmGuard.Length(storage.Length, layout.ParameterCount, nameof(storage), "4H·(1+I+H)");
        Storage = storage;
        Layout = layout;
        Values = values;
    }

    /// <summary>Gets the parameters in storage order (see <see cref="LstmParameterLayout"/>).</summary>
    public Span<T> Storage { get; }

    /// <summary>Gets the layout of <see cref="Storage"/>.</summary>
    public LstmParameterLayout Layout { get; }

    /// <summary>Gets whether the view holds parameters or gradients.</summary>
    public LstmValues Values { get; }

    /// <summary>Gets one parameter by its coordinates.</summary>
    /// <param name="block">Which block: <c>Wx</c>, <c>Wh</c> or the bias.</param>
    /// <param name="gate">The gate.</param>
    /// <param name="unit">The hidden unit, 0 ≤ unit &lt; H.</param>
    /// <param name="column">The input or hidden column; 0 for the bias.</param>
    public ref T this[LstmBlock block, LstmGate gate, int unit, int column] => ref Storage[Layout.IndexOf(block, gate, unit, column)];

    /// <summary>Converts a writable view to a read-only one.</summary>
    /// <param name="weights">The view.</param>
    public static implicit operator LstmReadOnlyWeights<T>(LstmWeights<T> weights) => weights.AsReadOnly();

    /// <summary>Returns a read-only view of the same storage.</summary>
    public LstmReadOnlyWeights<T> AsReadOnly() => new(Storage, Layout, Values);

    /// <summary>Copies the parameters out in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="destination">Receives <see cref="LstmParameterLayout.ParameterCount"/> values.</param>
    public void CopyToCanonical(Span<T> destination) => AsReadOnly().CopyToCanonical(destination);

    /// <summary>Replaces the parameters with values in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="source"><see cref="LstmParameterLayout.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing is changed.</exception>
    public void CopyFromCanonical(ReadOnlySpan<T> source) => Layout.CanonicalToStorage(source, Storage);

    /// <summary>Sets every parameter to zero.</summary>
    public void Clear() => Storage.Clear();

    /// <summary>
    /// Draws every parameter from U(−<paramref name="range"/>, <paramref name="range"/>) with a deterministic generator.
    /// Values are drawn in canonical order, so a seed gives the same model whatever storage layout the generator chose.
    /// </summary>
    /// <param name="seed">The seed of the <see cref="LstmRandom"/> generator.</param>
    /// <param name="range">The half-width of the interval; PyTorch uses <c>1/√H</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is negative or not finite.</exception>
    public void InitializeUniform(ulong seed, double range)
    {
        if (!(range >= 0) || double.IsInfinity(range))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "The range must be a finite, non-negative number.");
        }

        var random = new LstmRandom(seed);
        for (int i = 0; i < Layout.ParameterCount; i++)
        {
            Storage[Layout.CanonicalToStorageIndex(i)] = T.CreateChecked(random.NextSymmetric(range));
        }
    }
}
