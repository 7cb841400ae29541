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
/// stores and the gate buffer come on top. <c>scripts/benchmarks.sh</c> computes that per row from the printed figures.
/// Where a target ratio lies below <c>floor / single-stream step</c>, no arrangement of the kernel reaches it on this core.
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
    public static ThroughputFloor Measure() =>
        Vector512.IsHardwareAccelerated ? Measure<Vector512<float>, Wide>()
        : Vector256.IsHardwareAccelerated ? Measure<Vector256<float>, Middle>()
        : Measure<Vector128<float>, Narrow>();

    private static ThroughputFloor Measure<TVector, TOps>()
        where TOps : IVectors<TVector> =>
        new(TOps.Lanes, Fastest(() => MultiplyAdds<TVector, TOps>(1 << 16), 12 << 16), Fastest(() => Activations<TVector, TOps>(1 << 12), 8 << 12));

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
    private static float MultiplyAdds<TVector, TOps>(int count)
        where TOps : IVectors<TVector>
    {
        TVector a0 = TOps.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        TVector m = TOps.Create(0.999f), k = TOps.Create(0.001f);
        for (int i = 0; i < count; i++)
        {
            a0 = TOps.MultiplyAdd(a0, m, k); a1 = TOps.MultiplyAdd(a1, m, k); a2 = TOps.MultiplyAdd(a2, m, k); a3 = TOps.MultiplyAdd(a3, m, k);
            a4 = TOps.MultiplyAdd(a4, m, k); a5 = TOps.MultiplyAdd(a5, m, k); a6 = TOps.MultiplyAdd(a6, m, k); a7 = TOps.MultiplyAdd(a7, m, k);
            a8 = TOps.MultiplyAdd(a8, m, k); a9 = TOps.MultiplyAdd(a9, m, k); a10 = TOps.MultiplyAdd(a10, m, k); a11 = TOps.MultiplyAdd(a11, m, k);
        }

        return TOps.First(a0) + TOps.First(a1) + TOps.First(a2) + TOps.First(a3) + TOps.First(a4) + TOps.First(a5)
            + TOps.First(a6) + TOps.First(a7) + TOps.First(a8) + TOps.First(a9) + TOps.First(a10) + TOps.First(a11);
    }

    // The activations: eight streams' gate rows (one vector of units each) in a buffer the loop reads, as the stream
    // kernels read their gate buffer; c stays bounded because f < 1 and |i∘g| < 1.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Activations<TVector, TOps>(int count)
        where TOps : IVectors<TVector>
    {
        int lanes = TOps.Lanes;
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
                ref float row = ref Unsafe.Add(ref g, stream * 4 * lanes);
                ref float cell = ref Unsafe.Add(ref s, stream * 2 * lanes);
                TVector ig = TOps.Sigmoid(TOps.Load(ref row, 0));
                TVector fg = TOps.Sigmoid(TOps.Load(ref row, lanes));
                TVector gg = TOps.Tanh(TOps.Load(ref row, 2 * lanes));
                TVector oDivisor = TOps.SigmoidDivisor(TOps.Load(ref row, 3 * lanes));
                TVector c = TOps.MultiplyAdd(fg, TOps.Load(ref cell, 0), TOps.Multiply(ig, gg));
                TOps.Store(TOps.TanhDividedBy(c, oDivisor), ref cell, lanes);
                TOps.Store(c, ref cell, 0);
            }
        }

        return state[lanes];
    }

    /// <summary>Pre-activations spread over [−3, 3), as trained gates give.</summary>
    private static void Fill(Span<float> gates)
    {
        for (int k = 0; k < gates.Length; k++)
        {
            gates[k] = ((k * 37 % 61) / 10f) - 3f;
        }
    }

    /// <summary>One vector width's operations: the kernels' LstmMath and LstmSimd overloads for it.</summary>
    private interface IVectors<TVector>
    {
        static abstract int Lanes { get; }

        static abstract TVector Create(float value);

        static abstract TVector Load(ref float source, int offset);

        static abstract void Store(TVector value, ref float destination, int offset);

        static abstract TVector Multiply(TVector a, TVector b);

        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

        static abstract TVector Sigmoid(TVector x);

        static abstract TVector Tanh(TVector x);

        static abstract TVector SigmoidDivisor(TVector x);

        static abstract TVector TanhDividedBy(TVector x, TVector divisor);

        static abstract float First(TVector value);
    }

    private readonly struct Wide : IVectors<Vector512<float>>
    {
        public static int Lanes => 16;

        public static Vector512<float> Create(float value) => Vector512.Create(value);

        public static Vector512<float> Load(ref float source, int offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

        public static void Store(Vector512<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);

        public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => LstmSimd.MultiplyAdd(a, b, c);

        public static Vector512<float> Sigmoid(Vector512<float> x) => LstmMath.Sigmoid(x);

        public static Vector512<float> Tanh(Vector512<float> x) => LstmMath.Tanh(x);

        public static Vector512<float> SigmoidDivisor(Vector512<float> x) => LstmMath.SigmoidDivisor(x);

        public static Vector512<float> TanhDividedBy(Vector512<float> x, Vector512<float> divisor) => LstmMath.TanhDividedBy(x, divisor);

        public static float First(Vector512<float> value) => value.ToScalar();
    }

    private readonly struct Middle : IVectors<Vector256<float>>
    {
        public static int Lanes => 8;

        public static Vector256<float> Create(float value) => Vector256.Create(value);

        public static Vector256<float> Load(ref float source, int offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

        public static void Store(Vector256<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);

        public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => LstmSimd.MultiplyAdd(a, b, c);

        public static Vector256<float> Sigmoid(Vector256<float> x) => LstmMath.Sigmoid(x);

        public static Vector256<float> Tanh(Vector256<float> x) => LstmMath.Tanh(x);

        public static Vector256<float> SigmoidDivisor(Vector256<float> x) => LstmMath.SigmoidDivisor(x);

        public static Vector256<float> TanhDividedBy(Vector256<float> x, Vector256<float> divisor) => LstmMath.TanhDividedBy(x, divisor);

        public static float First(Vector256<float> value) => value.ToScalar();
    }

    private readonly struct Narrow : IVectors<Vector128<float>>
    {
        public static int Lanes => 4;

        public static Vector128<float> Create(float value) => Vector128.Create(value);

        public static Vector128<float> Load(ref float source, int offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

        public static void Store(Vector128<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);

        public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

        public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => LstmSimd.MultiplyAdd(a, b, c);

        public static Vector128<float> Sigmoid(Vector128<float> x) => LstmMath.Sigmoid(x);

        public static Vector128<float> Tanh(Vector128<float> x) => LstmMath.Tanh(x);

        public static Vector128<float> SigmoidDivisor(Vector128<float> x) => LstmMath.SigmoidDivisor(x);

        public static Vector128<float> TanhDividedBy(Vector128<float> x, Vector128<float> divisor) => LstmMath.TanhDividedBy(x, divisor);

        public static float First(Vector128<float> value) => value.ToScalar();
    }
}
