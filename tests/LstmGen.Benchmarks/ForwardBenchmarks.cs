using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LstmGen.PerfHarness;

namespace LstmGen.Benchmarks;

/// <summary>
/// <c>Forward</c> over a sequence of <see cref="SequenceLength"/> steps against the same steps as <c>Step</c> calls (the
/// baseline), ns per step. Row-blocked layers (16×64, 64×128) project b + Wx·x for runs of steps in <c>Forward</c>; 4×16 and
/// 8×32 keep their weights in L1 and step one at a time either way. Both start each invocation from a zero state on the
/// yardstick's weights and input ring, so they compute the same bits.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ForwardBenchmarks
{
    /// <summary>Steps per sequence: a block of audio or a training sequence.</summary>
    public const int SequenceLength = 256;

    private readonly Sequence<Perf4x16> _s4x16 = new(4, 16);
    private readonly Sequence<Perf8x32> _s8x32 = new(8, 32);
    private readonly Sequence<Perf16x64> _s16x64 = new(16, 64);
    private readonly Sequence<Perf64x128> _s64x128 = new(64, 128);

    [Benchmark(OperationsPerInvoke = SequenceLength, Baseline = true), BenchmarkCategory("4x16")]
    public float Steps_4x16() => _s4x16.RunSteps();

    [Benchmark(OperationsPerInvoke = SequenceLength), BenchmarkCategory("4x16")]
    public float Forward_4x16() => _s4x16.RunForward();

    [Benchmark(OperationsPerInvoke = SequenceLength, Baseline = true), BenchmarkCategory("8x32")]
    public float Steps_8x32() => _s8x32.RunSteps();

    [Benchmark(OperationsPerInvoke = SequenceLength), BenchmarkCategory("8x32")]
    public float Forward_8x32() => _s8x32.RunForward();

    [Benchmark(OperationsPerInvoke = SequenceLength, Baseline = true), BenchmarkCategory("16x64")]
    public float Steps_16x64() => _s16x64.RunSteps();

    [Benchmark(OperationsPerInvoke = SequenceLength), BenchmarkCategory("16x64")]
    public float Forward_16x64() => _s16x64.RunForward();

    [Benchmark(OperationsPerInvoke = SequenceLength, Baseline = true), BenchmarkCategory("64x128")]
    public float Steps_64x128() => _s64x128.RunSteps();

    [Benchmark(OperationsPerInvoke = SequenceLength), BenchmarkCategory("64x128")]
    public float Forward_64x128() => _s64x128.RunForward();

    /// <summary>One layer and one sequence of the yardstick's inputs; each run starts from a zero state and returns the sum of every step's h[0].</summary>
    internal sealed class Sequence<TLayer>
        where TLayer : struct, ILstmMutableLayer<float>
    {
        private readonly float[] _xs;
        private readonly float[] _hs;
        private readonly int _inputWidth;
        private readonly int _stateWidth;
        private TLayer _layer = default;

        public Sequence(int inputWidth, int stateWidth)
        {
            var data = new PerfRefData(inputWidth, stateWidth);
            _layer.ImportParameters(data.Canonical());
            _xs = data.Inputs.AsSpan(0, SequenceLength * inputWidth).ToArray();
            _hs = new float[SequenceLength * stateWidth];
            _inputWidth = inputWidth;
            _stateWidth = stateWidth;
        }

        public float RunSteps()
        {
            _layer.Reset();
            int i = _inputWidth, h = _stateWidth;
            for (int t = 0; t < SequenceLength; t++)
            {
                _layer.Step(_xs.AsSpan(t * i, i), _hs.AsSpan(t * h, h));
            }

            return SumOfFirstUnits();
        }

        public float RunForward()
        {
            _layer.Reset();
            _layer.Forward(_xs, _hs);
            return SumOfFirstUnits();
        }

        private float SumOfFirstUnits()
        {
            float sum = 0;
            for (int t = 0; t < SequenceLength; t++)
            {
                sum += _hs[t * _stateWidth];
            }

            return sum;
        }
    }
}
