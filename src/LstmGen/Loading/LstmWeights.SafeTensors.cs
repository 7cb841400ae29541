using System;
using System.Collections.Generic;

namespace LstmGen;

/// <content>Saving as a safetensors file.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>Returns the values as a safetensors file (see <see cref="LstmReadOnlyWeights{T}.ToSafeTensors"/>).</summary>
    /// <param name="prefix">The module path to put before the names, with its trailing dot; empty for a bare <c>nn.LSTM</c>.</param>
    /// <param name="layer">The layer index to put in the names.</param>
    /// <param name="metadata">More <c>__metadata__</c> entries; none by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null, or a metadata entry has a null key or value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="metadata"/> has a key twice, or the key <c>format</c>.</exception>
    public byte[] ToSafeTensors(string prefix = "", int layer = 0, IReadOnlyList<KeyValuePair<string, string>>? metadata = null) =>
        AsReadOnly().ToSafeTensors(prefix, layer, metadata);
}
