using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LstmGen.PerfHarness;

namespace LstmGen.Benchmarks;

/// <summary>
/// One training iteration of T = 32 steps (forward with the tape, BPTT, SGD) against the forward pass alone over the same
/// 32 steps, at 8×32 and 16×64. The target: the iteration costs at most 4× the forward-only time.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TrainingBenchmarks
{
    private const int Steps = 32;
    private readonly Iteration<Perf8x32, PerfTrain8x32> _small = new(8, 32);
    private readonly Iteration<Perf16x64, PerfTrain16x64> _large = new(16, 64);

    [Benchmark(Baseline = true), BenchmarkCategory("8x32")]
    public float ForwardOnly_8x32() => _small.ForwardOnly();

    [Benchmark, BenchmarkCategory("8x32")]
    public float TrainingIteration_8x32() => _small.Train();

    [Benchmark(Baseline = true), BenchmarkCategory("16x64")]
    public float ForwardOnly_16x64() => _large.ForwardOnly();

    [Benchmark, BenchmarkCategory("16x64")]
    public float TrainingIteration_16x64() => _large.Train();

    /// <summary>An inference layer and a training layer with the same weights and a 32-step sequence.</summary>
    internal sealed class Iteration<TInference, TTraining>
        where TInference : struct, ILstmMutableLayer<float>
        where TTraining : struct, ILstmTrainingLayer<float>
    {
        private readonly float[] _xs;
        private readonly float[] _hs;
        private readonly float[] _dLossDh;
        private readonly float[] _dLossDx;
        private TInference _inference = default;
        private TTraining _training = default;

        public Iteration(int inputWidth, int stateWidth)
        {
            var data = new PerfRefData(inputWidth, stateWidth);
            _inference.ImportParameters(data.Canonical());
            _training.ImportParameters(data.Canonical());
            _xs = data.Inputs.AsSpan(0, Steps * inputWidth).ToArray();
            _hs = new float[Steps * stateWidth];
            _dLossDh = new float[Steps * stateWidth];
            new LstmRandom(5).FillSymmetric(_dLossDh, 1.0);
            _dLossDx = new float[Steps * inputWidth];
        }

        public float ForwardOnly()
        {
            _inference.Reset();
            _inference.Forward(_xs, _hs);
            return _hs[^1];
        }

        public float Train()
        {
            _training.Reset();
            _training.ZeroGradients();
            _training.Forward(_xs, _hs);
            _training.Backward(_dLossDh, default, default, _dLossDx, default, default);
            _training.ApplySgd(1e-6f);
            return _hs[^1];
        }
    }
}
