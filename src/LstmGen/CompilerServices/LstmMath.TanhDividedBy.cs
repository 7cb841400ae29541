using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LstmGen.CompilerServices;

// An LSTM's output h = σ(o)·tanh(c) = tanh(c) / (1 + e⁻ᵒ). Computed in that form it needs one division where σ(o) times
// tanh(c) needs two, and 1 + e⁻ᵒ can be ready long before c is: generated float layers take SigmoidDivisor of the output
// gate with the other gates, then divide tanh(c)'s rational numerator by its denominator times that divisor.
public static partial class LstmMath
{
    /// <summary>
    /// The bound on the absolute error of <see cref="TanhDividedBy(float, float)"/> with <see cref="SigmoidDivisor(float)"/>,
    /// as an approximation of <c>σ(o)·tanh(c)</c>, asserted by the test suite.
    /// </summary>
    public const float SigmoidTanhMaxAbsoluteError = 4e-7f;

    /// <summary>Returns <c>1 + e⁻ˣ</c>, the divisor of the logistic sigmoid: <see cref="Sigmoid(float)"/> is <c>1</c> over it.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidDivisor(float x) => 1f + Exp(-x);

    /// <summary>
    /// Returns <c>tanh(x) / divisor</c> with one division: the rational <see cref="Tanh(float)"/>'s numerator over its
    /// denominator times <paramref name="divisor"/>. With <c>divisor = </c><see cref="SigmoidDivisor(float)"/><c>(o)</c> it is
    /// an LSTM's <c>σ(o)·tanh(x)</c>, rounded differently from that product by a few units in the last place. Unlike
    /// <see cref="Tanh(float)"/>, which returns tiny inputs (|x| &lt; 4e−4) as they are, it keeps the rational form there
    /// too, where its relative error stays within 4e−7.
    /// </summary>
    /// <param name="x">The input of tanh.</param>
    /// <param name="divisor">A divisor of at least 1, such as <see cref="SigmoidDivisor(float)"/>'s result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhDividedBy(float x, float divisor)
    {
        float v = Clamp(x, -TanhClamp, TanhClamp);
        float z = v * v;
        float z2 = z * z;
        return TanhNumerator(v, z, z2) / (TanhDenominator(z, z2) * divisor);
    }

    /// <summary>Returns <c>1 + e⁻ˣ</c> lane by lane (see <see cref="SigmoidDivisor(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidDivisor(Vector128<float> x) => Vector128<float>.One + Exp(-x);

    /// <summary>Returns <c>tanh(x) / divisor</c> lane by lane with one division (see <see cref="TanhDividedBy(float, float)"/>).</summary>
    /// <param name="x">The inputs of tanh.</param>
    /// <param name="divisor">Divisors of at least 1, such as <see cref="SigmoidDivisor(Vector128{float})"/>'s result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TanhDividedBy(Vector128<float> x, Vector128<float> divisor)
    {
        Vector128<float> v = Clamp(x, Vector128.Create(-TanhClamp), Vector128.Create(TanhClamp));
        Vector128<float> z = v * v;
        Vector128<float> z2 = z * z;
        return TanhNumerator(v, z, z2) / (TanhDenominator(z, z2) * divisor);
    }

    /// <summary>Returns <c>1 + e⁻ˣ</c> lane by lane (see <see cref="SigmoidDivisor(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidDivisor(Vector256<float> x) => Vector256<float>.One + Exp(-x);

    /// <summary>Returns <c>tanh(x) / divisor</c> lane by lane with one division (see <see cref="TanhDividedBy(float, float)"/>).</summary>
    /// <param name="x">The inputs of tanh.</param>
    /// <param name="divisor">Divisors of at least 1, such as <see cref="SigmoidDivisor(Vector256{float})"/>'s result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhDividedBy(Vector256<float> x, Vector256<float> divisor)
    {
        Vector256<float> v = Clamp(x, Vector256.Create(-TanhClamp), Vector256.Create(TanhClamp));
        Vector256<float> z = v * v;
        Vector256<float> z2 = z * z;
        return TanhNumerator(v, z, z2) / (TanhDenominator(z, z2) * divisor);
    }

    /// <summary>Returns <c>1 + e⁻ˣ</c> lane by lane (see <see cref="SigmoidDivisor(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidDivisor(Vector512<float> x) => Vector512<float>.One + Exp(-x);

    /// <summary>Returns <c>tanh(x) / divisor</c> lane by lane with one division (see <see cref="TanhDividedBy(float, float)"/>).</summary>
    /// <param name="x">The inputs of tanh.</param>
    /// <param name="divisor">Divisors of at least 1, such as <see cref="SigmoidDivisor(Vector512{float})"/>'s result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TanhDividedBy(Vector512<float> x, Vector512<float> divisor)
    {
        Vector512<float> v = Clamp(x, Vector512.Create(-TanhClamp), Vector512.Create(TanhClamp));
        Vector512<float> z = v * v;
        Vector512<float> z2 = z * z;
        return TanhNumerator(v, z, z2) / (TanhDenominator(z, z2) * divisor);
    }
}
