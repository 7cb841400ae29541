using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LstmGen.CompilerServices;

/// <summary>
/// The activation functions of generated float layers: a Cephes-style <c>exp</c>, the logistic sigmoid built on it, a
/// rational <c>tanh</c>, and <see cref="TanhDividedBy(float, float)"/>, which gives an LSTM's <c>σ(o)·tanh(c)</c> with one
/// division; each as a scalar and as 128-, 256- and 512-bit vector functions that round identically.
/// </summary>
/// <remarks>
/// <para>
/// All inputs are clamped first, so every finite input (±1000 included) gives a finite result: <see cref="Sigmoid(float)"/>
/// stays within [0, 1] and <see cref="Tanh(float)"/> within [−1, 1]. The maximum errors, measured against double-precision
/// <see cref="Math.Exp(double)"/> and <see cref="Math.Tanh(double)"/> by a sweep in the test suite, are
/// <see cref="SigmoidMaxAbsoluteError"/>, <see cref="TanhMaxAbsoluteError"/> and (for <c>σ(o)·tanh(c)</c>)
/// <see cref="SigmoidTanhMaxAbsoluteError"/> in absolute terms, and
/// <see cref="ExpMaxRelativeError"/> relative for <see cref="Exp(float)"/> over [−87, 88].
/// </para>
/// <para>The <c>…Exact</c> functions use <see cref="MathF"/> and serve layers declared with <c>ExactActivations = true</c>.</para>
/// <para>For use by generated code: hidden from IntelliSense, and not an API to build on.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LstmMath
{
    /// <summary>The bound on the absolute error of <see cref="Sigmoid(float)"/> asserted by the test suite.</summary>
    public const float SigmoidMaxAbsoluteError = 1e-7f;

    /// <summary>The bound on the absolute error of <see cref="Tanh(float)"/> asserted by the test suite.</summary>
    public const float TanhMaxAbsoluteError = 3e-7f;

    /// <summary>The bound on the relative error of <see cref="Exp(float)"/> on [−87, 88] asserted by the test suite.</summary>
    public const float ExpMaxRelativeError = 1e-7f;

    // exp(x) = 2^n · exp(r), n = round(x·log2 e), r = x − n·ln 2 (ln 2 split in two for exactness), exp(r) ≈ 1 + r + r²·P(r)
    // with Cephes' degree-5 P. Polynomials use fused multiply-adds in Estrin's order: a shorter dependency chain than
    // Horner's, which matters because every step of an LSTM waits on these activations.
    private const float ExpLow = -87f;
    private const float ExpHigh = 88f;
    private const float Log2E = 1.44269504088896341f;
    private const float RoundMagic = 12582912f; // 1.5·2^23: adding and subtracting it rounds to the nearest integer.
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float ExpP0 = 1.9875691500e-4f;
    private const float ExpP1 = 1.3981999507e-3f;
    private const float ExpP2 = 8.3334519073e-3f;
    private const float ExpP3 = 4.1665795894e-2f;
    private const float ExpP4 = 1.6666665459e-1f;
    private const float ExpP5 = 5.0000001201e-1f;

    // tanh(x) ≈ x·P(x²)/Q(x²) on [−7.9988, 7.9988] (beyond, tanh rounds to ±1); tiny |x| returns x itself.
    // P has degree 6 and Q degree 3 in x², both evaluated in Estrin's order.
    private const float TanhClamp = 7.99881172180175781f;
    private const float TanhTiny = 0.0004f;
    private const float TanhA1 = 4.89352455891786e-03f;
    private const float TanhA3 = 6.37261928875436e-04f;
    private const float TanhA5 = 1.48572235717979e-05f;
    private const float TanhA7 = 5.12229709037114e-08f;
    private const float TanhA9 = -8.60467152213735e-11f;
    private const float TanhA11 = 2.00018790482477e-13f;
    private const float TanhA13 = -2.76076847742355e-16f;
    private const float TanhB0 = 4.89352518554385e-03f;
    private const float TanhB2 = 2.26843463243900e-03f;
    private const float TanhB4 = 1.18534705686654e-04f;
    private const float TanhB6 = 1.19825839466702e-06f;

    /// <summary>Returns <c>eˣ</c> for <c>x</c> clamped to [−87, 88].</summary>
    /// <param name="x">The exponent.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = Clamp(x, ExpLow, ExpHigh);
        float n = LstmSimd.MultiplyAdd(x, Log2E, RoundMagic) - RoundMagic;
        float r = LstmSimd.MultiplyAdd(n, -Ln2High, x);
        r = LstmSimd.MultiplyAdd(n, -Ln2Low, r);
        float r2 = r * r;
        float high = LstmSimd.MultiplyAdd(ExpP0, r, ExpP1);
        float middle = LstmSimd.MultiplyAdd(ExpP2, r, ExpP3);
        float low = LstmSimd.MultiplyAdd(ExpP4, r, ExpP5);
        float p = LstmSimd.MultiplyAdd(high, r2 * r2, LstmSimd.MultiplyAdd(middle, r2, low));
        p = LstmSimd.MultiplyAdd(p, r2, r) + 1f;
        return p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }

    /// <summary>Returns the logistic sigmoid <c>1 / (1 + e⁻ˣ)</c>.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / SigmoidDivisor(x);

    /// <summary>Returns the hyperbolic tangent, by a rational approximation.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        float v = Clamp(x, -TanhClamp, TanhClamp);
        float z = v * v;
        float z2 = z * z;
        return Math.Abs(x) < TanhTiny ? x : TanhNumerator(v, z, z2) / TanhDenominator(z, z2);
    }

    /// <summary>Returns <c>eˣ</c> lane by lane (see <see cref="Exp(float)"/>).</summary>
    /// <param name="x">The exponents.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        x = Clamp(x, Vector128.Create(ExpLow), Vector128.Create(ExpHigh));
        Vector128<float> n = LstmSimd.MultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(RoundMagic)) - Vector128.Create(RoundMagic);
        Vector128<float> r = LstmSimd.MultiplyAdd(n, Vector128.Create(-Ln2High), x);
        r = LstmSimd.MultiplyAdd(n, Vector128.Create(-Ln2Low), r);
        Vector128<float> r2 = r * r;
        Vector128<float> high = LstmSimd.MultiplyAdd(Vector128.Create(ExpP0), r, Vector128.Create(ExpP1));
        Vector128<float> middle = LstmSimd.MultiplyAdd(Vector128.Create(ExpP2), r, Vector128.Create(ExpP3));
        Vector128<float> low = LstmSimd.MultiplyAdd(Vector128.Create(ExpP4), r, Vector128.Create(ExpP5));
        Vector128<float> p = LstmSimd.MultiplyAdd(high, r2 * r2, LstmSimd.MultiplyAdd(middle, r2, low));
        p = LstmSimd.MultiplyAdd(p, r2, r) + Vector128<float>.One;
        return p * Vector128.ShiftLeft(ToInt32(n) + Vector128.Create(127), 23).AsSingle();
    }

    /// <summary>Returns the logistic sigmoid lane by lane (see <see cref="Sigmoid(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / SigmoidDivisor(x);

    /// <summary>Returns the hyperbolic tangent lane by lane (see <see cref="Tanh(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> v = Clamp(x, Vector128.Create(-TanhClamp), Vector128.Create(TanhClamp));
        Vector128<float> z = v * v;
        Vector128<float> z2 = z * z;
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(TanhTiny)), x, TanhNumerator(v, z, z2) / TanhDenominator(z, z2));
    }

    /// <summary>Returns <c>eˣ</c> lane by lane (see <see cref="Exp(float)"/>).</summary>
    /// <param name="x">The exponents.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Clamp(x, Vector256.Create(ExpLow), Vector256.Create(ExpHigh));
        Vector256<float> n = LstmSimd.MultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundMagic)) - Vector256.Create(RoundMagic);
        Vector256<float> r = LstmSimd.MultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = LstmSimd.MultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> r2 = r * r;
        Vector256<float> high = LstmSimd.MultiplyAdd(Vector256.Create(ExpP0), r, Vector256.Create(ExpP1));
        Vector256<float> middle = LstmSimd.MultiplyAdd(Vector256.Create(ExpP2), r, Vector256.Create(ExpP3));
        Vector256<float> low = LstmSimd.MultiplyAdd(Vector256.Create(ExpP4), r, Vector256.Create(ExpP5));
        Vector256<float> p = LstmSimd.MultiplyAdd(high, r2 * r2, LstmSimd.MultiplyAdd(middle, r2, low));
        p = LstmSimd.MultiplyAdd(p, r2, r) + Vector256<float>.One;
        return p * Vector256.ShiftLeft(ToInt32(n) + Vector256.Create(127), 23).AsSingle();
    }

    /// <summary>Returns the logistic sigmoid lane by lane (see <see cref="Sigmoid(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / SigmoidDivisor(x);

    /// <summary>Returns the hyperbolic tangent lane by lane (see <see cref="Tanh(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> v = Clamp(x, Vector256.Create(-TanhClamp), Vector256.Create(TanhClamp));
        Vector256<float> z = v * v;
        Vector256<float> z2 = z * z;
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(TanhTiny)), x, TanhNumerator(v, z, z2) / TanhDenominator(z, z2));
    }

    /// <summary>Returns <c>eˣ</c> lane by lane (see <see cref="Exp(float)"/>).</summary>
    /// <param name="x">The exponents.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Clamp(x, Vector512.Create(ExpLow), Vector512.Create(ExpHigh));
        Vector512<float> n = LstmSimd.MultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundMagic)) - Vector512.Create(RoundMagic);
        Vector512<float> r = LstmSimd.MultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = LstmSimd.MultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        Vector512<float> r2 = r * r;
        Vector512<float> high = LstmSimd.MultiplyAdd(Vector512.Create(ExpP0), r, Vector512.Create(ExpP1));
        Vector512<float> middle = LstmSimd.MultiplyAdd(Vector512.Create(ExpP2), r, Vector512.Create(ExpP3));
        Vector512<float> low = LstmSimd.MultiplyAdd(Vector512.Create(ExpP4), r, Vector512.Create(ExpP5));
        Vector512<float> p = LstmSimd.MultiplyAdd(high, r2 * r2, LstmSimd.MultiplyAdd(middle, r2, low));
        p = LstmSimd.MultiplyAdd(p, r2, r) + Vector512<float>.One;
        return p * Vector512.ShiftLeft(ToInt32(n) + Vector512.Create(127), 23).AsSingle();
    }

    /// <summary>Returns the logistic sigmoid lane by lane (see <see cref="Sigmoid(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / SigmoidDivisor(x);

    /// <summary>Returns the hyperbolic tangent lane by lane (see <see cref="Tanh(float)"/>).</summary>
    /// <param name="x">The inputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> v = Clamp(x, Vector512.Create(-TanhClamp), Vector512.Create(TanhClamp));
        Vector512<float> z = v * v;
        Vector512<float> z2 = z * z;
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(TanhTiny)), x, TanhNumerator(v, z, z2) / TanhDenominator(z, z2));
    }

    /// <summary>Returns the logistic sigmoid computed with <see cref="MathF.Exp(float)"/>.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidExact(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>Returns <see cref="MathF.Tanh(float)"/>.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhExact(float x) => MathF.Tanh(x);

    /// <summary>Returns the logistic sigmoid computed with <see cref="Math.Exp(double)"/>; used by double layers.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidExact(double x) => 1d / (1d + Math.Exp(-x));

    /// <summary>Returns <see cref="Math.Tanh(double)"/>; used by double layers.</summary>
    /// <param name="x">The input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TanhExact(double x) => Math.Tanh(x);

    // tanh's rational form split in two, so TanhDividedBy can fold its divisor into the denominator: v is the clamped
    // input, z = v², z2 = z². The numerator is v·P(z), the denominator Q(z).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TanhNumerator(float v, float z, float z2)
    {
        float p01 = LstmSimd.MultiplyAdd(TanhA3, z, TanhA1);
        float p23 = LstmSimd.MultiplyAdd(TanhA7, z, TanhA5);
        float p45 = LstmSimd.MultiplyAdd(TanhA11, z, TanhA9);
        return LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(TanhA13, z2, p45), z2 * z2, LstmSimd.MultiplyAdd(p23, z2, p01)) * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TanhDenominator(float z, float z2) =>
        LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(TanhB6, z, TanhB4), z2, LstmSimd.MultiplyAdd(TanhB2, z, TanhB0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> TanhNumerator(Vector128<float> v, Vector128<float> z, Vector128<float> z2)
    {
        Vector128<float> p01 = LstmSimd.MultiplyAdd(Vector128.Create(TanhA3), z, Vector128.Create(TanhA1));
        Vector128<float> p23 = LstmSimd.MultiplyAdd(Vector128.Create(TanhA7), z, Vector128.Create(TanhA5));
        Vector128<float> p45 = LstmSimd.MultiplyAdd(Vector128.Create(TanhA11), z, Vector128.Create(TanhA9));
        return LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(Vector128.Create(TanhA13), z2, p45), z2 * z2, LstmSimd.MultiplyAdd(p23, z2, p01)) * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> TanhDenominator(Vector128<float> z, Vector128<float> z2) =>
        LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(Vector128.Create(TanhB6), z, Vector128.Create(TanhB4)), z2, LstmSimd.MultiplyAdd(Vector128.Create(TanhB2), z, Vector128.Create(TanhB0)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TanhNumerator(Vector256<float> v, Vector256<float> z, Vector256<float> z2)
    {
        Vector256<float> p01 = LstmSimd.MultiplyAdd(Vector256.Create(TanhA3), z, Vector256.Create(TanhA1));
        Vector256<float> p23 = LstmSimd.MultiplyAdd(Vector256.Create(TanhA7), z, Vector256.Create(TanhA5));
        Vector256<float> p45 = LstmSimd.MultiplyAdd(Vector256.Create(TanhA11), z, Vector256.Create(TanhA9));
        return LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(Vector256.Create(TanhA13), z2, p45), z2 * z2, LstmSimd.MultiplyAdd(p23, z2, p01)) * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TanhDenominator(Vector256<float> z, Vector256<float> z2) =>
        LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(Vector256.Create(TanhB6), z, Vector256.Create(TanhB4)), z2, LstmSimd.MultiplyAdd(Vector256.Create(TanhB2), z, Vector256.Create(TanhB0)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhNumerator(Vector512<float> v, Vector512<float> z, Vector512<float> z2)
    {
        Vector512<float> p01 = LstmSimd.MultiplyAdd(Vector512.Create(TanhA3), z, Vector512.Create(TanhA1));
        Vector512<float> p23 = LstmSimd.MultiplyAdd(Vector512.Create(TanhA7), z, Vector512.Create(TanhA5));
        Vector512<float> p45 = LstmSimd.MultiplyAdd(Vector512.Create(TanhA11), z, Vector512.Create(TanhA9));
        return LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(Vector512.Create(TanhA13), z2, p45), z2 * z2, LstmSimd.MultiplyAdd(p23, z2, p01)) * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhDenominator(Vector512<float> z, Vector512<float> z2) =>
        LstmSimd.MultiplyAdd(LstmSimd.MultiplyAdd(Vector512.Create(TanhB6), z, Vector512.Create(TanhB4)), z2, LstmSimd.MultiplyAdd(Vector512.Create(TanhB2), z, Vector512.Create(TanhB0)));

    // Clamping and conversion use the plain instructions: .NET 9 made Min, Max and ConvertToInt32 handle NaN and
    // saturation in software, which the clamped, integral inputs here never need.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Clamp(float x, float low, float high) => x < low ? low : (x > high ? high : x);

#if NET9_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Clamp(Vector128<float> x, Vector128<float> low, Vector128<float> high) => Vector128.MinNative(Vector128.MaxNative(x, low), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Clamp(Vector256<float> x, Vector256<float> low, Vector256<float> high) => Vector256.MinNative(Vector256.MaxNative(x, low), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp(Vector512<float> x, Vector512<float> low, Vector512<float> high) => Vector512.MinNative(Vector512.MaxNative(x, low), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ToInt32(Vector128<float> x) => Vector128.ConvertToInt32Native(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ToInt32(Vector256<float> x) => Vector256.ConvertToInt32Native(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> ToInt32(Vector512<float> x) => Vector512.ConvertToInt32Native(x);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Clamp(Vector128<float> x, Vector128<float> low, Vector128<float> high) => Vector128.Min(Vector128.Max(x, low), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Clamp(Vector256<float> x, Vector256<float> low, Vector256<float> high) => Vector256.Min(Vector256.Max(x, low), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp(Vector512<float> x, Vector512<float> low, Vector512<float> high) => Vector512.Min(Vector512.Max(x, low), high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ToInt32(Vector128<float> x) => Vector128.ConvertToInt32(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ToInt32(Vector256<float> x) => Vector256.ConvertToInt32(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> ToInt32(Vector512<float> x) => Vector512.ConvertToInt32(x);
#endif
}
