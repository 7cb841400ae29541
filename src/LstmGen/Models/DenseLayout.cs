using System;
using LstmGen.Layouts;

namespace LstmGen;

/// <summary>
/// How a generated model stores a dense layer's parameters, and the map between that storage order and the canonical
/// order used for import, export and initialisation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Canonical order</b> is PyTorch's <c>nn.Linear</c>: <c>weight</c> as O × I row-major, then <c>bias</c> (O).
/// </para>
/// <para>
/// <b>Storage order</b> depends on the width: with four or more outputs, column by column with the bias first
/// (<c>[b | W]ᵀ</c>, element (o, i) at <c>(1 + i)·O + o</c>, bias o at <c>o</c>), so the kernel multiplies each broadcast input
/// into all outputs at once; with fewer, row by row (<c>o·(1 + I)</c> is bias o, then its I weights), so each output is a
/// dot product over contiguous weights.
/// </para>
/// </remarks>
public readonly struct DenseLayout : IEquatable<DenseLayout>
{
    /// <summary>Creates the layout of a dense layer of the given sizes.</summary>
    /// <param name="inputWidth">The number of inputs, I (at least 1).</param>
    /// <param name="outputWidth">The number of outputs, O (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A width is not positive.</exception>
    public DenseLayout(int inputWidth, int outputWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth);
        InputWidth = inputWidth;
        OutputWidth = outputWidth;
    }

    /// <summary>Gets the number of inputs, I.</summary>
    public int InputWidth { get; }

    /// <summary>Gets the number of outputs, O.</summary>
    public int OutputWidth { get; }

    /// <summary>Gets the number of parameters, O·(I + 1).</summary>
    public int ParameterCount => OutputWidth * (InputWidth + 1);

    /// <summary>Gets whether the storage is column by column (four or more outputs) rather than row by row.</summary>
    public bool IsColumnMajor => DenseStorageOrder.IsColumnMajor(OutputWidth);

    /// <summary>Returns the storage index of weight W[o, i].</summary>
    /// <param name="output">The output, 0 ≤ o &lt; O.</param>
    /// <param name="input">The input, 0 ≤ i &lt; I.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the layer.</exception>
    public int WeightIndex(int output, int input)
    {
        CheckOutput(output);
        if ((uint)input >= (uint)InputWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, $"The layer has {InputWidth} input(s).");
        }

        return DenseStorageOrder.WeightIndex(InputWidth, OutputWidth, output, input);
    }

    /// <summary>Returns the storage index of bias b[o].</summary>
    /// <param name="output">The output, 0 ≤ o &lt; O.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the layer.</exception>
    public int BiasIndex(int output)
    {
        CheckOutput(output);
        return DenseStorageOrder.BiasIndex(InputWidth, OutputWidth, output);
    }

    /// <summary>Copies parameters from storage order to canonical order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="storage">The parameters in storage order; <see cref="ParameterCount"/> elements.</param>
    /// <param name="canonical">Receives them in canonical order; <see cref="ParameterCount"/> elements.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; nothing is written.</exception>
    public void StorageToCanonical<T>(ReadOnlySpan<T> storage, Span<T> canonical)
    {
        CheckPair(storage, canonical, nameof(storage), nameof(canonical));
        for (int o = 0; o < OutputWidth; o++)
        {
            for (int i = 0; i < InputWidth; i++)
            {
                canonical[(o * InputWidth) + i] = storage[DenseStorageOrder.WeightIndex(InputWidth, OutputWidth, o, i)];
            }

            canonical[(OutputWidth * InputWidth) + o] = storage[DenseStorageOrder.BiasIndex(InputWidth, OutputWidth, o)];
        }
    }

    /// <summary>Copies parameters from canonical order to storage order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="canonical">The parameters in canonical order; <see cref="ParameterCount"/> elements.</param>
    /// <param name="storage">Receives them in storage order; <see cref="ParameterCount"/> elements.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; nothing is written.</exception>
    public void CanonicalToStorage<T>(ReadOnlySpan<T> canonical, Span<T> storage)
    {
        CheckPair(canonical, storage, nameof(canonical), nameof(storage));
        for (int o = 0; o < OutputWidth; o++)
        {
            for (int i = 0; i < InputWidth; i++)
            {
                storage[DenseStorageOrder.WeightIndex(InputWidth, OutputWidth, o, i)] = canonical[(o * InputWidth) + i];
            }

            storage[DenseStorageOrder.BiasIndex(InputWidth, OutputWidth, o)] = canonical[(OutputWidth * InputWidth) + o];
        }
    }

    /// <inheritdoc/>
    public bool Equals(DenseLayout other) => InputWidth == other.InputWidth && OutputWidth == other.OutputWidth;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DenseLayout other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(InputWidth, OutputWidth);

    /// <inheritdoc/>
    public override string ToString() => $"Dense {InputWidth}x{OutputWidth}, {(IsColumnMajor ? "column" : "row")}-major, {ParameterCount} parameters";

    /// <summary>Compares two layouts.</summary>
    /// <param name="left">The first layout.</param>
    /// <param name="right">The second layout.</param>
    public static bool operator ==(DenseLayout left, DenseLayout right) => left.Equals(right);

    /// <summary>Compares two layouts.</summary>
    /// <param name="left">The first layout.</param>
    /// <param name="right">The second layout.</param>
    public static bool operator !=(DenseLayout left, DenseLayout right) => !left.Equals(right);

    private void CheckOutput(int output)
    {
        if ((uint)output >= (uint)OutputWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(output), output, $"The layer has {OutputWidth} output(s).");
        }
    }

    private void CheckPair<T>(ReadOnlySpan<T> source, Span<T> destination, string sourceName, string destinationName)
    {
        CompilerServices.LstmGuard.Length(source.Length, ParameterCount, sourceName, "O·(I+1)");
        CompilerServices.LstmGuard.Length(destination.Length, ParameterCount, destinationName, "O·(I+1)");
        if (source.Overlaps(destination))
        {
            throw new ArgumentException("The source and destination must not overlap.", destinationName);
        }
    }
}
