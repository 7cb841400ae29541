using System;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// What every generated layer offers, for code that handles layers of several sizes (tests, tools, gradient checks).
/// Generated layers implement it explicitly where a member would clash with their constants.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the layer's parameter layout, which also carries its sizes.</summary>
    LstmParameterLayout ParameterLayout { get; }

    /// <summary>Sets the hidden state h and the cell state c to zero.</summary>
    void Reset();

    /// <summary>Sets the state that the next step starts from.</summary>
    /// <param name="hidden">The hidden state h₀; H elements.</param>
    /// <param name="cell">The cell state c₀; H elements.</param>
    void SetState(ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell);

    /// <summary>Copies the current state out.</summary>
    /// <param name="hidden">Receives h; H elements.</param>
    /// <param name="cell">Receives c; H elements.</param>
    void CopyStateTo(Span<T> hidden, Span<T> cell);

    /// <summary>Runs one time step from the current state and advances it.</summary>
    /// <param name="x">The input; I elements.</param>
    /// <param name="h">Receives the new hidden state; H elements.</param>
    void Step(ReadOnlySpan<T> x, Span<T> h);

    /// <summary>Runs T steps from the current state and advances it.</summary>
    /// <param name="xs">The inputs, step after step; T·I elements.</param>
    /// <param name="hs">Receives the hidden state of every step; T·H elements.</param>
    void Forward(ReadOnlySpan<T> xs, Span<T> hs);

    /// <summary>Copies the parameters out in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="destination">Receives 4H·(1+I+H) values.</param>
    void ExportParameters(Span<T> destination);
}

/// <summary>A generated layer whose parameters can be written: every layer except those with baked weights.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmMutableLayer<T> : ILstmLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Replaces the parameters with values in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="source">4H·(1+I+H) values.</param>
    void ImportParameters(ReadOnlySpan<T> source);

    /// <summary>Draws every parameter from U(−range, range) with a deterministic generator seeded by <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="range">The half-width of the interval.</param>
    void InitializeParameters(ulong seed, double range);
}
