using System;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// A read-only view of a layer's parameters (or gradients): the raw storage plus the <see cref="LstmParameterLayout"/>
/// that gives it meaning. Baked layers expose their weights this way; writable views convert to it implicitly.
/// Export methods for the PyTorch, Keras and ONNX layouts live on this type.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly ref partial struct LstmReadOnlyWeights<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Wraps storage laid out as <paramref name="layout"/> describes.</summary>
    /// <param name="storage">The values in storage order; exactly <see cref="LstmParameterLayout.ParameterCount"/> elements.</param>
    /// <param name="layout">The layout of <paramref name="storage"/>.</param>
    /// <param name="values">Whether the storage holds parameters or their gradients, which export differently (see <see cref="LstmValues"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="storage"/> has the wrong length.</exception>
    public LstmReadOnlyWeights(ReadOnlySpan<T> storage, LstmParameterLayout layout, LstmValues values = LstmValues.Parameters)
    {
        CompilerServices.LstmGuard.Length(storage.Length, layout.ParameterCount, nameof(storage), "4H·(1+I+H)");
        Storage = storage;
        Layout = layout;
        Values = values;
    }

    /// <summary>Gets the parameters in storage order (see <see cref="LstmParameterLayout"/>).</summary>
    public ReadOnlySpan<T> Storage { get; }

    /// <summary>Gets the layout of <see cref="Storage"/>.</summary>
    public LstmParameterLayout Layout { get; }

    /// <summary>Gets whether the view holds parameters or gradients.</summary>
    public LstmValues Values { get; }

    /// <summary>Gets one parameter by its coordinates.</summary>
    /// <param name="block">Which block: <c>Wx</c>, <c>Wh</c> or the bias.</param>
    /// <param name="gate">The gate.</param>
    /// <param name="unit">The hidden unit, 0 ≤ unit &lt; H.</param>
    /// <param name="column">The input or hidden column; 0 for the bias.</param>
    public T this[LstmBlock block, LstmGate gate, int unit, int column] => Storage[Layout.IndexOf(block, gate, unit, column)];

    /// <summary>Copies the parameters out in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="destination">Receives <see cref="LstmParameterLayout.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void CopyToCanonical(Span<T> destination) => Layout.StorageToCanonical(Storage, destination);
}
