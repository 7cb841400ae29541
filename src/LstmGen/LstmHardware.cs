using System.Runtime.Intrinsics;

namespace LstmGen;

/// <summary>The kernel paths a generated layer carries, from the widest vectors down to plain scalars.</summary>
public enum LstmVectorPath
{
    /// <summary>No vector hardware: scalar code.</summary>
    Scalar = 0,

    /// <summary>128-bit vectors (SSE, or AdvSimd on arm64).</summary>
    Vector128 = 128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256 = 256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 512,
}

/// <summary>Reports which kernel path generated layers take on this machine and runtime configuration.</summary>
public static class LstmHardware
{
    /// <summary>
    /// Gets the widest path the hardware accelerates. A layer runs this path, or the next narrower one it carries when a
    /// wider one would emit the same code (for example a 3×2 layer has no 512-bit path).
    /// </summary>
    public static LstmVectorPath WidestPath =>
        Vector512.IsHardwareAccelerated ? LstmVectorPath.Vector512
        : Vector256.IsHardwareAccelerated ? LstmVectorPath.Vector256
        : Vector128.IsHardwareAccelerated ? LstmVectorPath.Vector128
        : LstmVectorPath.Scalar;

    /// <summary>Gets whether multiply-adds are fused on this machine (see <see cref="CompilerServices.LstmSimd.IsFused"/>).</summary>
    public static bool FusedMultiplyAdd => CompilerServices.LstmSimd.IsFused;
}
