using System;

namespace LstmGen;

/// <summary>
/// Describes how a generated layer stores its parameters in one flat buffer, and maps between that storage order and
/// the stable canonical order used for import, export and initialisation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Storage order.</b> The weights, with the bias as an extra first column, form the augmented matrix
/// <c>A = [b | Wx | Wh]</c> of 4H gate rows and <c>C = 1 + I + H</c> columns. Column 0 is the bias, columns 1…I hold
/// <c>Wx</c> and columns I+1…I+H hold <c>Wh</c>. The hidden units are split into <see cref="BlockCount"/> blocks of
/// <see cref="UnitBlock"/> units; block <c>k</c> owns units <c>k·U … k·U+U−1</c> and stores, column after column,
/// the 4·U rows of its units, gate by gate (i, f, g, o). Element (gate, unit, column) therefore lives at
/// <c>k·(C·4U) + column·4U + gate·U + (unit − k·U)</c> with <c>k = unit / U</c>. With one block (U = H) this is
/// simply the transposed matrix <c>Aᵀ</c>, one contiguous row of 4H gate values per input element.
/// </para>
/// <para>
/// <b>Canonical order</b> (independent of the generator's choice of <see cref="UnitBlock"/>) is PyTorch's with the two
/// biases summed: <c>Wx</c> as 4H × I row-major, then <c>Wh</c> as 4H × H row-major, then <c>b</c> (4H); rows are
/// gate-major, row = gate·H + unit, gates in the order i, f, g, o.
/// </para>
/// </remarks>
public readonly struct LstmParameterLayout : IEquatable<LstmParameterLayout>
{
    /// <summary>Creates a layout for a layer of the given sizes whose hidden units are stored in blocks of <paramref name="unitBlock"/>.</summary>
    /// <param name="inputWidth">The input width <c>I</c> (at least 1).</param>
    /// <param name="stateWidth">The state width <c>H</c> (at least 1).</param>
    /// <param name="unitBlock">The number of hidden units per storage block; must divide <paramref name="stateWidth"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="unitBlock"/> does not divide <paramref name="stateWidth"/>.</exception>
    public LstmParameterLayout(int inputWidth, int stateWidth, int unitBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitBlock);
        if (stateWidth % unitBlock != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unitBlock), unitBlock, $"The unit block must divide the state width {stateWidth}.");
        }

        InputWidth = inputWidth;
        StateWidth = stateWidth;
        UnitBlock = unitBlock;
    }

    /// <summary>Gets the input width <c>I</c>.</summary>
    public int InputWidth { get; }

    /// <summary>Gets the state width <c>H</c>.</summary>
    public int StateWidth { get; }

    /// <summary>Gets the number of hidden units per storage block, <c>U</c>.</summary>
    public int UnitBlock { get; }

    /// <summary>Gets the number of storage blocks, <c>H / U</c>.</summary>
    public int BlockCount => StateWidth / UnitBlock;

    /// <summary>Gets the number of gate rows, <c>4H</c>.</summary>
    public int GateRows => 4 * StateWidth;

    /// <summary>Gets the number of columns of the augmented matrix, <c>C = 1 + I + H</c> (bias, inputs, hidden).</summary>
    public int ColumnCount => 1 + InputWidth + StateWidth;

    /// <summary>Gets the number of parameters, <c>4H·(1 + I + H)</c>.</summary>
    public int ParameterCount => GateRows * ColumnCount;

    /// <summary>Gets the number of elements one block occupies, <c>C·4U</c>.</summary>
    public int BlockStride => ColumnCount * 4 * UnitBlock;

    /// <summary>Returns the storage index of one parameter.</summary>
    /// <param name="block">Which block: <c>Wx</c>, <c>Wh</c> or the bias.</param>
    /// <param name="gate">The gate the parameter belongs to.</param>
    /// <param name="unit">The hidden unit (row within the gate), 0 ≤ unit &lt; H.</param>
    /// <param name="column">The input (for <c>Wx</c>) or hidden (for <c>Wh</c>) column; 0 for the bias.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the layer's sizes.</exception>
    public int IndexOf(LstmBlock block, LstmGate gate, int unit, int column)
    {
        CheckColumn(block, column);
        CheckGateAndUnit(gate, unit);
        return Layouts.LstmStorageOrder.IndexOf(InputWidth, StateWidth, UnitBlock, block, gate, unit, column);
    }

    /// <summary>Returns the canonical index of one parameter (see the type's remarks).</summary>
    /// <param name="block">Which block: <c>Wx</c>, <c>Wh</c> or the bias.</param>
    /// <param name="gate">The gate the parameter belongs to.</param>
    /// <param name="unit">The hidden unit (row within the gate), 0 ≤ unit &lt; H.</param>
    /// <param name="column">The input (for <c>Wx</c>) or hidden (for <c>Wh</c>) column; 0 for the bias.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the layer's sizes.</exception>
    public int CanonicalIndexOf(LstmBlock block, LstmGate gate, int unit, int column)
    {
        CheckColumn(block, column);
        CheckGateAndUnit(gate, unit);
        int row = ((int)gate * StateWidth) + unit;
        return block switch
        {
            LstmBlock.Input => (row * InputWidth) + column,
            LstmBlock.Recurrent => (GateRows * InputWidth) + (row * StateWidth) + column,
            _ => (GateRows * (InputWidth + StateWidth)) + row,
        };
    }

    /// <summary>Returns the number of columns a block has: I for <c>Wx</c>, H for <c>Wh</c>, 1 for the bias.</summary>
    /// <param name="block">The block.</param>
    public int ColumnsOf(LstmBlock block) => block switch
    {
        LstmBlock.Input => InputWidth,
        LstmBlock.Recurrent => StateWidth,
        LstmBlock.Bias => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(block), block, "Unknown parameter block."),
    };

    /// <summary>Copies parameters from storage order to canonical order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="storage">The parameters in storage order; <see cref="ParameterCount"/> elements.</param>
    /// <param name="canonical">Receives the parameters in canonical order; <see cref="ParameterCount"/> elements.</param>
    /// <exception cref="ArgumentException">A span does not have <see cref="ParameterCount"/> elements, or the two overlap.</exception>
    public void StorageToCanonical<T>(ReadOnlySpan<T> storage, Span<T> canonical)
    {
        CheckPair(storage, canonical, nameof(storage), nameof(canonical));
        for (int i = 0; i < ParameterCount; i++)
        {
            canonical[i] = storage[CanonicalToStorageIndex(i)];
        }
    }

    /// <summary>Copies parameters from canonical order to storage order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="canonical">The parameters in canonical order; <see cref="ParameterCount"/> elements.</param>
    /// <param name="storage">Receives the parameters in storage order; <see cref="ParameterCount"/> elements.</param>
    /// <exception cref="ArgumentException">A span does not have <see cref="ParameterCount"/> elements, or the two overlap.</exception>
    public void CanonicalToStorage<T>(ReadOnlySpan<T> canonical, Span<T> storage)
    {
        CheckPair(canonical, storage, nameof(canonical), nameof(storage));
        for (int i = 0; i < ParameterCount; i++)
        {
            storage[CanonicalToStorageIndex(i)] = canonical[i];
        }
    }

    /// <summary>Maps a canonical index to the storage index of the same parameter.</summary>
    /// <param name="canonicalIndex">An index in canonical order, 0 ≤ index &lt; <see cref="ParameterCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the parameters.</exception>
    public int CanonicalToStorageIndex(int canonicalIndex)
    {
        if ((uint)canonicalIndex >= (uint)ParameterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(canonicalIndex), canonicalIndex, $"The layer has {ParameterCount} parameters.");
        }

        int inputEnd = GateRows * InputWidth;
        int recurrentEnd = inputEnd + (GateRows * StateWidth);
        (LstmBlock block, int row, int column) = canonicalIndex < inputEnd
            ? (LstmBlock.Input, canonicalIndex / InputWidth, canonicalIndex % InputWidth)
            : canonicalIndex < recurrentEnd
                ? (LstmBlock.Recurrent, (canonicalIndex - inputEnd) / StateWidth, (canonicalIndex - inputEnd) % StateWidth)
                : (LstmBlock.Bias, canonicalIndex - recurrentEnd, 0);
        return IndexOf(block, (LstmGate)(row / StateWidth), row % StateWidth, column);
    }

    /// <inheritdoc/>
    public bool Equals(LstmParameterLayout other) =>
        InputWidth == other.InputWidth && StateWidth == other.StateWidth && UnitBlock == other.UnitBlock;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LstmParameterLayout other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(InputWidth, StateWidth, UnitBlock);

    /// <inheritdoc/>
    public override string ToString() => $"LSTM {InputWidth}x{StateWidth}, unit block {UnitBlock}, {ParameterCount} parameters";

    /// <summary>Compares two layouts for equality.</summary>
    /// <param name="left">The first layout.</param>
    /// <param name="right">The second layout.</param>
    public static bool operator ==(LstmParameterLayout left, LstmParameterLayout right) => left.Equals(right);

    /// <summary>Compares two layouts for inequality.</summary>
    /// <param name="left">The first layout.</param>
    /// <param name="right">The second layout.</param>
    public static bool operator !=(LstmParameterLayout left, LstmParameterLayout right) => !left.Equals(right);

    private void CheckColumn(LstmBlock block, int column)
    {
        int columns = ColumnsOf(block);
        if ((uint)column >= (uint)columns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The {block} block has {columns} column(s).");
        }
    }

    private void CheckGateAndUnit(LstmGate gate, int unit)
    {
        if ((uint)gate > (uint)LstmGate.Output)
        {
            throw new ArgumentOutOfRangeException(nameof(gate), gate, "Unknown gate.");
        }

        if ((uint)unit >= (uint)StateWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"The layer has {StateWidth} hidden units.");
        }
    }

    private void CheckPair<T>(ReadOnlySpan<T> source, Span<T> destination, string sourceName, string destinationName)
    {
        CompilerServices.LstmGuard.Length(source.Length, ParameterCount, sourceName);
        CompilerServices.LstmGuard.Length(destination.Length, ParameterCount, destinationName);
        if (source.Overlaps(destination))
        {
            throw new ArgumentException("The source and destination must not overlap.", destinationName);
        }
    }
}
