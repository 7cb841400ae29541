namespace LstmGen;

/// <summary>The shape of the matrix-vector kernel the generator emits for a layer.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
enum LstmKernel
{
    /// <summary>The generator chooses by size: <see cref="ColumnAxpy"/> while all weights fit in L1, otherwise <see cref="RowBlocked"/>.</summary>
    Auto = 0,

    /// <summary>
    /// One block holding all 4H gate rows: each input element is broadcast and multiplied into every gate row.
    /// Columns are unrolled completely when the layer is small.
    /// </summary>
    ColumnAxpy = 1,

    /// <summary>
    /// Hidden units are split into blocks; each block stores its four gates' rows together and runs its activations as soon
    /// as its rows are done, streaming the weights through memory once per step.
    /// </summary>
    RowBlocked = 2,
}
