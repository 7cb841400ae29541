using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LstmGen.CompilerServices;

/// <summary>
/// Small <see cref="Vector{T}"/> helpers for the size-generic training and optimizer loops: unaligned loads and stores
/// through references, and a fused multiply-add that works on .NET 8 (where <c>Vector.FusedMultiplyAdd</c> does not exist).
/// </summary>
internal static class LstmVectors
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(ref T source, int offset) => Unsafe.ReadUnaligned<Vector<T>>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector<T> value, ref T destination, int offset) => Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)), value);

    /// <summary>Returns <c>a·b + c</c>, fused where <see cref="LstmSimd"/> fuses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (Vector<byte>.Count == 32)
        {
            if (typeof(T) == typeof(float))
            {
                return LstmSimd.MultiplyAdd(a.AsVector256().As<T, float>(), b.AsVector256().As<T, float>(), c.AsVector256().As<T, float>()).As<float, T>().AsVector();
            }

            if (typeof(T) == typeof(double))
            {
                return LstmSimd.MultiplyAdd(a.AsVector256().As<T, double>(), b.AsVector256().As<T, double>(), c.AsVector256().As<T, double>()).As<double, T>().AsVector();
            }
        }
        else if (Vector<byte>.Count == 16)
        {
            if (typeof(T) == typeof(float))
            {
                return LstmSimd.MultiplyAdd(a.AsVector128().As<T, float>(), b.AsVector128().As<T, float>(), c.AsVector128().As<T, float>()).As<float, T>().AsVector();
            }

            if (typeof(T) == typeof(double))
            {
                return LstmSimd.MultiplyAdd(a.AsVector128().As<T, double>(), b.AsVector128().As<T, double>(), c.AsVector128().As<T, double>()).As<double, T>().AsVector();
            }
        }

        return (a * b) + c;
    }

    /// <summary>Returns <c>a·b + c</c> for scalars, fused where <see cref="LstmSimd"/> fuses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c)
        where T : IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            float result = LstmSimd.MultiplyAdd(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
            return Unsafe.As<float, T>(ref result);
        }

        if (typeof(T) == typeof(double))
        {
            double result = LstmSimd.MultiplyAdd(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
            return Unsafe.As<double, T>(ref result);
        }

        return (a * b) + c;
    }
}
