using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LstmGen.CompilerServices;

namespace LstmGen.PerfHarness;

/// <summary>
/// A lower bound for a stream's step when many streams run together and nothing waits on latency: the multiply-adds and the
/// activations at this core's throughput. Measured here, with the widest vectors the hardware accelerates: one multiply-add
/// (the fastest of several chunks of twelve independent chains) and one vector of units' activations (gates, c and h with
/// the kernels' LstmMath code, eight streams one after another). A stream's step then needs at least
/// <c>4H·(I + H) / lanes</c> multiply-adds (the bias starts the sums) and <c>H / lanes</c> vectors of activations; loads,
/// stores and the gate buffer come on top. <c>scripts/benchmarks.sh</c> computes that per row from the printed figures. Where a target ratio lies below <c>floor / single-stream step</c>, no
/// arrangement of the kernel reaches it on this core.
/// </summary>
public sealed class ThroughputFloor
{
    private const int Chunks = 20;

    private ThroughputFloor(int lanes, double multiplyAddNs, double activationNs)
    {
        Lanes = lanes;
        MultiplyAddNs = multiplyAddNs;
        ActivationNs = activationNs;
    }

    /// <summary>Floats per vector of the measured width.</summary>
    public int Lanes { get; }

    /// <summary>Nanoseconds per vector multiply-add at full throughput.</summary>
    public double MultiplyAddNs { get; }

    /// <summary>Nanoseconds per vector of units' activations (σ(i), σ(f), tanh(g), c, o∘tanh(c)) at full throughput.</summary>
    public double ActivationNs { get; }

    /// <summary>Measures both with the widest accelerated vectors.</summary>
    public static ThroughputFloor Measure()
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return new ThroughputFloor(16, Fastest(() => MultiplyAdds512(1 << 16), 12 << 16), Fastest(() => Activations512(1 << 12), 8 << 12));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return new ThroughputFloor(8, Fastest(() => MultiplyAdds256(1 << 16), 12 << 16), Fastest(() => Activations256(1 << 12), 8 << 12));
        }

        return new ThroughputFloor(4, Fastest(() => MultiplyAdds128(1 << 16), 12 << 16), Fastest(() => Activations128(1 << 12), 8 << 12));
    }

    private static double Fastest(Func<float> run, int operations)
    {
        float sink = run();
        double best = double.MaxValue;
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            long start = Stopwatch.GetTimestamp();
            sink += run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / operations);
        }

        return float.IsNaN(sink) ? double.NaN : best;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float MultiplyAdds512(int count)
    {
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector512<float> m = Vector512.Create(0.999f), k = Vector512.Create(0.001f);
        for (int i = 0; i < count; i++)
        {
            a0 = LstmSimd.MultiplyAdd(a0, m, k); a1 = LstmSimd.MultiplyAdd(a1, m, k); a2 = LstmSimd.MultiplyAdd(a2, m, k); a3 = LstmSimd.MultiplyAdd(a3, m, k);
            a4 = LstmSimd.MultiplyAdd(a4, m, k); a5 = LstmSimd.MultiplyAdd(a5, m, k); a6 = LstmSimd.MultiplyAdd(a6, m, k); a7 = LstmSimd.MultiplyAdd(a7, m, k);
            a8 = LstmSimd.MultiplyAdd(a8, m, k); a9 = LstmSimd.MultiplyAdd(a9, m, k); a10 = LstmSimd.MultiplyAdd(a10, m, k); a11 = LstmSimd.MultiplyAdd(a11, m, k);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float MultiplyAdds256(int count)
    {
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector256<float> m = Vector256.Create(0.999f), k = Vector256.Create(0.001f);
        for (int i = 0; i < count; i++)
        {
            a0 = LstmSimd.MultiplyAdd(a0, m, k); a1 = LstmSimd.MultiplyAdd(a1, m, k); a2 = LstmSimd.MultiplyAdd(a2, m, k); a3 = LstmSimd.MultiplyAdd(a3, m, k);
            a4 = LstmSimd.MultiplyAdd(a4, m, k); a5 = LstmSimd.MultiplyAdd(a5, m, k); a6 = LstmSimd.MultiplyAdd(a6, m, k); a7 = LstmSimd.MultiplyAdd(a7, m, k);
            a8 = LstmSimd.MultiplyAdd(a8, m, k); a9 = LstmSimd.MultiplyAdd(a9, m, k); a10 = LstmSimd.MultiplyAdd(a10, m, k); a11 = LstmSimd.MultiplyAdd(a11, m, k);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float MultiplyAdds128(int count)
    {
        Vector128<float> a0 = Vector128.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector128<float> m = Vector128.Create(0.999f), k = Vector128.Create(0.001f);
        for (int i = 0; i < count; i++)
        {
            a0 = LstmSimd.MultiplyAdd(a0, m, k); a1 = LstmSimd.MultiplyAdd(a1, m, k); a2 = LstmSimd.MultiplyAdd(a2, m, k); a3 = LstmSimd.MultiplyAdd(a3, m, k);
            a4 = LstmSimd.MultiplyAdd(a4, m, k); a5 = LstmSimd.MultiplyAdd(a5, m, k); a6 = LstmSimd.MultiplyAdd(a6, m, k); a7 = LstmSimd.MultiplyAdd(a7, m, k);
            a8 = LstmSimd.MultiplyAdd(a8, m, k); a9 = LstmSimd.MultiplyAdd(a9, m, k); a10 = LstmSimd.MultiplyAdd(a10, m, k); a11 = LstmSimd.MultiplyAdd(a11, m, k);
        }

        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    // The activations: eight streams' gate rows (one vector of units each) in a buffer the loop reads, as the stream
    // kernels read their gate buffer; c stays bounded because f < 1 and |i∘g| < 1.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Activations512(int count)
    {
        Span<float> gates = stackalloc float[8 * 4 * 16];
        Span<float> state = stackalloc float[8 * 2 * 16];
        Fill(gates);
        state.Clear();
        ref float g = ref gates[0];
        ref float s = ref state[0];
        for (int i = 0; i < count; i++)
        {
            for (int stream = 0; stream < 8; stream++)
            {
                ref float row = ref Unsafe.Add(ref g, stream * 64);
                ref float cell = ref Unsafe.Add(ref s, stream * 32);
                Vector512<float> ig = LstmMath.Sigmoid(Vector512.LoadUnsafe(ref row));
                Vector512<float> fg = LstmMath.Sigmoid(Vector512.LoadUnsafe(ref row, 16));
                Vector512<float> gg = LstmMath.Tanh(Vector512.LoadUnsafe(ref row, 32));
                Vector512<float> oDivisor = LstmMath.SigmoidDivisor(Vector512.LoadUnsafe(ref row, 48));
                Vector512<float> c = LstmSimd.MultiplyAdd(fg, Vector512.LoadUnsafe(ref cell), ig * gg);
                LstmMath.TanhDividedBy(c, oDivisor).StoreUnsafe(ref cell, 16);
                c.StoreUnsafe(ref cell);
            }
        }

        return state[16];
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Activations256(int count)
    {
        Span<float> gates = stackalloc float[8 * 4 * 8];
        Span<float> state = stackalloc float[8 * 2 * 8];
        Fill(gates);
        state.Clear();
        ref float g = ref gates[0];
        ref float s = ref state[0];
        for (int i = 0; i < count; i++)
        {
            for (int stream = 0; stream < 8; stream++)
            {
                ref float row = ref Unsafe.Add(ref g, stream * 32);
                ref float cell = ref Unsafe.Add(ref s, stream * 16);
                Vector256<float> ig = LstmMath.Sigmoid(Vector256.LoadUnsafe(ref row));
                Vector256<float> fg = LstmMath.Sigmoid(Vector256.LoadUnsafe(ref row, 8));
                Vector256<float> gg = LstmMath.Tanh(Vector256.LoadUnsafe(ref row, 16));
                Vector256<float> oDivisor = LstmMath.SigmoidDivisor(Vector256.LoadUnsafe(ref row, 24));
                Vector256<float> c = LstmSimd.MultiplyAdd(fg, Vector256.LoadUnsafe(ref cell), ig * gg);
                LstmMath.TanhDividedBy(c, oDivisor).StoreUnsafe(ref cell, 8);
                c.StoreUnsafe(ref cell);
            }
        }

        return state[8];
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Activations128(int count)
    {
        Span<float> gates = stackalloc float[8 * 4 * 4];
        Span<float> state = stackalloc float[8 * 2 * 4];
        Fill(gates);
        state.Clear();
        ref float g = ref gates[0];
        ref float s = ref state[0];
        for (int i = 0; i < count; i++)
        {
            for (int stream = 0; stream < 8; stream++)
            {
                ref float row = ref Unsafe.Add(ref g, stream * 16);
                ref float cell = ref Unsafe.Add(ref s, stream * 8);
                Vector128<float> ig = LstmMath.Sigmoid(Vector128.LoadUnsafe(ref row));
                Vector128<float> fg = LstmMath.Sigmoid(Vector128.LoadUnsafe(ref row, 4));
                Vector128<float> gg = LstmMath.Tanh(Vector128.LoadUnsafe(ref row, 8));
                Vector128<float> oDivisor = LstmMath.SigmoidDivisor(Vector128.LoadUnsafe(ref row, 12));
                Vector128<float> c = LstmSimd.MultiplyAdd(fg, Vector128.LoadUnsafe(ref cell), ig * gg);
                LstmMath.TanhDividedBy(c, oDivisor).StoreUnsafe(ref cell, 4);
                c.StoreUnsafe(ref cell);
            }
        }

        return state[4];
    }

    /// <summary>Pre-activations spread over [−3, 3), as trained gates give.</summary>
    private static void Fill(Span<float> gates)
    {
        for (int k = 0; k < gates.Length; k++)
        {
            gates[k] = ((k * 37 % 61) / 10f) - 3f;
        }
    }
}
