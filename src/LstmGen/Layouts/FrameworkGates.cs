using System.Numerics;
using System.Runtime.CompilerServices;

namespace LstmGen.Layouts;

/// <summary>
/// The rules the framework layouts share: where each framework puts the four gates, and how two biases become one.
/// </summary>
internal static class FrameworkGates
{
    /// <summary>
    /// Returns the gate stored in slot <paramref name="slot"/> of an ONNX LSTM tensor. ONNX orders the gate blocks
    /// i, o, f, c; LstmGen (like PyTorch and Keras) orders them i, f, g(=c), o.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LstmGate OnnxGate(int slot) => slot switch
    {
        0 => LstmGate.Input,
        1 => LstmGate.Output,
        2 => LstmGate.Forget,
        _ => LstmGate.Cell,
    };

    /// <summary>
    /// Adds an input-side and a recurrent-side bias in <typeparamref name="T"/>. A zero addend leaves the other value as it
    /// is, sign included: exports write the second bias as zero, and plain IEEE addition would turn a −0 bias into +0,
    /// breaking the promise that export then import gives back the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SumBiases<T>(T first, T second)
        where T : IBinaryFloatingPointIeee754<T> =>
        T.IsZero(second) ? first : T.IsZero(first) ? second : first + second;
}
