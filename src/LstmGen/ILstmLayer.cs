using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// What every generated layer offers, for code that handles layers of any size: loaders, training loops, tools. Sizes come
/// from <see cref="ParameterLayout"/>.
/// </summary>
/// <remarks>
/// Class layers implement the interfaces in any project. A struct layer implements them from C# 13, which lets its
/// <c>[UnscopedRef]</c> members (the views into its own buffers) implement the interfaces'; in earlier C# versions a struct
/// layer has the same members but does not declare the interfaces.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the layer's parameter layout, which also carries its sizes I and H.</summary>
    LstmParameterLayout ParameterLayout { get; }

    /// <summary>Gets a read-only view of the parameters: coordinate access and export to framework layouts.</summary>
    /// <remarks>A view of where the parameters are now: get it again after running the layer.</remarks>
    [UnscopedRef]
    LstmReadOnlyWeights<T> Weights { get; }

    /// <summary>Sets the hidden state h and the cell state c to zero.</summary>
    void Reset();

    /// <summary>Sets the state that the next step starts from.</summary>
    /// <param name="hidden">The hidden state h₀; H elements.</param>
    /// <param name="cell">The cell state c₀; H elements.</param>
    /// <exception cref="ArgumentException">A span has the wrong length; the state does not change.</exception>
    void SetState(ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell);

    /// <summary>Copies the current state out.</summary>
    /// <param name="hidden">Receives h; H elements.</param>
    /// <param name="cell">Receives c; H elements.</param>
    /// <exception cref="ArgumentException">A span has the wrong length; nothing is written.</exception>
    void CopyStateTo(Span<T> hidden, Span<T> cell);

    /// <summary>Runs one time step from the current state and advances it.</summary>
    /// <param name="x">The input; I elements.</param>
    /// <param name="h">Receives the new hidden state; H elements.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; the state does not change.</exception>
    void Step(ReadOnlySpan<T> x, Span<T> h);

    /// <summary>Runs T steps from the current state and advances it.</summary>
    /// <param name="xs">The inputs, step after step; T·I elements.</param>
    /// <param name="hs">Receives the hidden state of every step; T·H elements.</param>
    /// <exception cref="ArgumentException">A length is wrong or the spans overlap; nothing changes.</exception>
    void Forward(ReadOnlySpan<T> xs, Span<T> hs);

    /// <summary>Copies the parameters out in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="destination">Receives 4H·(1+I+H) values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length; nothing is written.</exception>
    void ExportParameters(Span<T> destination);
}

/// <summary>A generated layer whose parameters can be written: every layer except those with baked weights.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmMutableLayer<T> : ILstmLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets a writable view of the parameters: coordinate access, framework layouts and file loaders.</summary>
    /// <remarks>A view of where the parameters are now: get it again after running the layer.</remarks>
    [UnscopedRef]
    new LstmWeights<T> Weights { get; }

    /// <summary>Replaces the parameters with values in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="source">4H·(1+I+H) values.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing changes.</exception>
    void ImportParameters(ReadOnlySpan<T> source);

    /// <summary>Draws every parameter from U(−range, range) with a deterministic generator seeded by <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="range">The half-width of the interval.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is negative or not finite; nothing changes.</exception>
    void InitializeParameters(ulong seed, double range);
}
