using System;

namespace LstmGen;

/// <content>Saving as a safetensors file.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>Returns the values as a safetensors file (see <see cref="LstmReadOnlyWeights{T}.ToSafeTensors"/>).</summary>
    /// <param name="prefix">The module path to put before the names, with its trailing dot; empty for a bare <c>nn.LSTM</c>.</param>
    /// <param name="layer">The layer index to put in the names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    public byte[] ToSafeTensors(string prefix = "", int layer = 0) => AsReadOnly().ToSafeTensors(prefix, layer);
}
