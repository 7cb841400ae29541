using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LstmGen.CompilerServices;

/// <summary>ReLU for the dense layers of generated models: <c>max(x, 0)</c>, with NaN passed through as PyTorch's <c>relu</c> does.</summary>
public static partial class LstmMath
{
    /// <summary>Returns 0 where <paramref name="x"/> is negative, else <paramref name="x"/> (NaN stays NaN).</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float x) => x < 0f ? 0f : x;

    /// <summary>Returns 0 where <paramref name="x"/> is negative, else <paramref name="x"/> (NaN stays NaN).</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double x) => x < 0d ? 0d : x;

    /// <summary>Returns 0 in the lanes where <paramref name="x"/> is negative, else <paramref name="x"/> (NaN stays NaN).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ReLU<T>(Vector128<T> x) => Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), Vector128<T>.Zero, x);

    /// <summary>Returns 0 in the lanes where <paramref name="x"/> is negative, else <paramref name="x"/> (NaN stays NaN).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ReLU<T>(Vector256<T> x) => Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256<T>.Zero, x);

    /// <summary>Returns 0 in the lanes where <paramref name="x"/> is negative, else <paramref name="x"/> (NaN stays NaN).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ReLU<T>(Vector512<T> x) => Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), Vector512<T>.Zero, x);
}
