using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LstmGen.PerfHarness;

namespace LstmGen.Benchmarks;

/// <summary>
/// A streamed layer's Step of all N streams against N Step calls of a single-stream layer (the baseline), ns per stream
/// step: N = 8 at the yardstick's sizes, N = 2 (stereo) at 1×16 and 1×40, and a stereo amp model against two ordinary amp
/// models at 1×40. Both run the same N sequences of the yardstick's
/// inputs from the same state for <see cref="Steps"/> steps, so each stream computes the bits of its single-stream run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamBenchmarks
{
    /// <summary>Time steps per invocation.</summary>
    public const int Steps = 64;

    private readonly Run<Perf1x16, PerfStreams1x16x8> _s1x16x8 = new(1, 16, 8);
    private readonly Run<Perf4x16, PerfStreams4x16x8> _s4x16x8 = new(4, 16, 8);
    private readonly Run<Perf8x32, PerfStreams8x32x8> _s8x32x8 = new(8, 32, 8);
    private readonly Run<Perf16x64, PerfStreams16x64x8> _s16x64x8 = new(16, 64, 8);
    private readonly Run<Perf64x128, PerfStreams64x128x8> _s64x128x8 = new(64, 128, 8);
    private readonly Run<Perf1x16, PerfStreams1x16x2> _s1x16x2 = new(1, 16, 2);
    private readonly Run<Perf1x40, PerfStreams1x40x2> _s1x40x2 = new(1, 40, 2);

    [Benchmark(OperationsPerInvoke = Steps * 8, Baseline = true), BenchmarkCategory("1x16x8")]
    public float Single_1x16x8() => _s1x16x8.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 8), BenchmarkCategory("1x16x8")]
    public float Streams_1x16x8() => _s1x16x8.RunStreams();

    [Benchmark(OperationsPerInvoke = Steps * 8, Baseline = true), BenchmarkCategory("4x16x8")]
    public float Single_4x16x8() => _s4x16x8.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 8), BenchmarkCategory("4x16x8")]
    public float Streams_4x16x8() => _s4x16x8.RunStreams();

    [Benchmark(OperationsPerInvoke = Steps * 8, Baseline = true), BenchmarkCategory("8x32x8")]
    public float Single_8x32x8() => _s8x32x8.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 8), BenchmarkCategory("8x32x8")]
    public float Streams_8x32x8() => _s8x32x8.RunStreams();

    [Benchmark(OperationsPerInvoke = Steps * 8, Baseline = true), BenchmarkCategory("16x64x8")]
    public float Single_16x64x8() => _s16x64x8.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 8), BenchmarkCategory("16x64x8")]
    public float Streams_16x64x8() => _s16x64x8.RunStreams();

    [Benchmark(OperationsPerInvoke = Steps * 8, Baseline = true), BenchmarkCategory("64x128x8")]
    public float Single_64x128x8() => _s64x128x8.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 8), BenchmarkCategory("64x128x8")]
    public float Streams_64x128x8() => _s64x128x8.RunStreams();

    [Benchmark(OperationsPerInvoke = Steps * 2, Baseline = true), BenchmarkCategory("1x16x2")]
    public float Single_1x16x2() => _s1x16x2.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 2), BenchmarkCategory("1x16x2")]
    public float Streams_1x16x2() => _s1x16x2.RunStreams();

    [Benchmark(OperationsPerInvoke = Steps * 2, Baseline = true), BenchmarkCategory("1x40x2")]
    public float Single_1x40x2() => _s1x40x2.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 2), BenchmarkCategory("1x40x2")]
    public float Streams_1x40x2() => _s1x40x2.RunStreams();

    private readonly AmpRun<PerfAmp1x40, PerfStereoAmp1x40> _amp1x40x2 = new(40);

    [Benchmark(OperationsPerInvoke = Steps * 2, Baseline = true), BenchmarkCategory("amp1x40x2")]
    public float Single_amp1x40x2() => _amp1x40x2.RunSingles();

    [Benchmark(OperationsPerInvoke = Steps * 2), BenchmarkCategory("amp1x40x2")]
    public float Streams_amp1x40x2() => _amp1x40x2.RunStreams();

    private readonly MiniBatch _miniBatch = new();

    [Benchmark(OperationsPerInvoke = 8, Baseline = true), BenchmarkCategory("train8x32x8")]
    public float SingleTraining_train8x32x8() => _miniBatch.TrainOneByOne();

    [Benchmark(OperationsPerInvoke = 8), BenchmarkCategory("train8x32x8")]
    public float MiniBatch_train8x32x8() => _miniBatch.TrainTogether();

    /// <summary>
    /// A mini-batch of 8 sequences of 32 steps at 8×32: one training iteration (forward with the tape, BPTT, SGD) per
    /// sequence through a single-stream training layer, or one iteration of a streamed training layer for all 8, per
    /// sequence. Both take an SGD step from the gradients summed over the 8 sequences, so they return the same parameter up
    /// to the rounding of that sum's order. Each invocation starts from the same parameters, copied back in storage order.
    /// </summary>
    internal sealed class MiniBatch
    {
        private const int T = 32, N = 8, I = 8, H = 32;
        private readonly float[] _xs;
        private readonly float[] _dLossDh;
        private readonly float[] _hs = new float[T * N * H];
        private readonly float[] _x = new float[T * I];
        private readonly float[] _dh = new float[T * H];
        private readonly float[] _h = new float[T * H];
        private readonly float[] _storedSingle;
        private readonly float[] _storedStreams;
        private PerfTrain8x32 _single = default;
        private PerfTrainStreams8x32x8 _streams = default;

        public MiniBatch()
        {
            var data = new PerfRefData(I, H);
            float[] canonical = data.Canonical();
            _xs = data.Inputs.AsSpan(0, T * N * I).ToArray();
            _dLossDh = new float[T * N * H];
            new LstmRandom(5).FillSymmetric(_dLossDh, 1.0);
            _single.ImportParameters(canonical);
            _streams.ImportParameters(canonical);
            _storedSingle = _single.Parameters.ToArray();
            _storedStreams = _streams.Parameters.ToArray();
        }

        public float TrainOneByOne()
        {
            // Back to the same parameters in storage order: a plain copy (a canonical import costs as much as the iteration).
            _storedSingle.CopyTo(_single.Parameters);
            _single.ZeroGradients();
            for (int s = 0; s < N; s++)
            {
                for (int t = 0; t < T; t++)
                {
                    _xs.AsSpan(((t * N) + s) * I, I).CopyTo(_x.AsSpan(t * I));
                    _dLossDh.AsSpan(((t * N) + s) * H, H).CopyTo(_dh.AsSpan(t * H));
                }

                _single.Reset();
                _single.Forward(_x, _h);
                _single.Backward(_dh, default, default, default, default, default);
            }

            _single.ApplySgd(1e-3f);
            return _single.Parameters[0];
        }

        public float TrainTogether()
        {
            _storedStreams.CopyTo(_streams.Parameters);
            _streams.ZeroGradients();
            _streams.Reset();
            _streams.Forward(_xs, _hs);
            _streams.Backward(_dLossDh, default, default, default, default, default);
            _streams.ApplySgd(1e-3f);
            return _streams.Parameters[0];
        }
    }

    /// <summary>
    /// Stereo through an amp capture's shape, LSTM(1→H) → Dense(H→1) + x[0]: a streamed model with two channels against two
    /// ordinary models, on the step table's amp weights; one output per channel and step.
    /// </summary>
    internal sealed class AmpRun<TSingle, TStreams>
        where TSingle : struct, ILstmMutableModel<float>
        where TStreams : struct, IStreamedStepper
    {
        private const int N = 2;
        private readonly StrongBox<TSingle>[] _singles = new StrongBox<TSingle>[N];
        private readonly float[] _xs;
        private readonly float[] _y = new float[N];
        private TStreams _model = default;

        public AmpRun(int stateWidth)
        {
            var data = new PerfRefData(1, stateWidth);
            for (int s = 0; s < N; s++)
            {
                _singles[s] = new StrongBox<TSingle>(default);
                _singles[s].Value.ImportParameters(data.AmpCanonical());
            }

            _model.ImportParameters(data.AmpCanonical());
            _xs = data.Inputs.AsSpan(0, Steps * N).ToArray();
        }

        public float RunSingles()
        {
            float sum = 0;
            _singles[0].Value.Reset();
            _singles[1].Value.Reset();
            for (int t = 0; t < Steps; t++)
            {
                for (int s = 0; s < N; s++)
                {
                    _singles[s].Value.Step(_xs.AsSpan((t * N) + s, 1), _y.AsSpan(s, 1));
                    sum += _y[s];
                }
            }

            return sum;
        }

        public float RunStreams()
        {
            float sum = 0;
            _model.Reset();
            for (int t = 0; t < Steps; t++)
            {
                _model.Step(_xs.AsSpan(t * N, N), _y);
                sum += _y[0];
                sum += _y[1];
            }

            return sum;
        }
    }

    /// <summary>
    /// N sequences of the yardstick's inputs (stream s reads step t at ring position t·N + s), through one single-stream layer
    /// per stream or one streamed layer; each run starts from a zero state and returns the sum of every stream's h[0].
    /// </summary>
    internal sealed class Run<TSingle, TStreams>
        where TSingle : struct, ILstmMutableLayer<float>
        where TStreams : struct, IStreamedStepper
    {
        // Boxed: the CLR makes no array of a struct over 64 KiB, such as a 16×64 layer with its weights.
        private readonly StrongBox<TSingle>[] _singles;
        private readonly float[] _xs;
        private readonly float[] _h;
        private readonly int _inputWidth;
        private readonly int _stateWidth;
        private readonly int _streams;
        private TStreams _layer = default;

        public Run(int inputWidth, int stateWidth, int streams)
        {
            var data = new PerfRefData(inputWidth, stateWidth);
            _singles = new StrongBox<TSingle>[streams];
            for (int s = 0; s < streams; s++)
            {
                _singles[s] = new StrongBox<TSingle>(default);
                _singles[s].Value.ImportParameters(data.Canonical());
            }

            _layer.ImportParameters(data.Canonical());
            _xs = data.Inputs.AsSpan(0, Steps * streams * inputWidth).ToArray();
            _h = new float[streams * stateWidth];
            _inputWidth = inputWidth;
            _stateWidth = stateWidth;
            _streams = streams;
        }

        public float RunSingles()
        {
            int i = _inputWidth, h = _stateWidth, n = _streams;
            float sum = 0;
            for (int s = 0; s < n; s++)
            {
                _singles[s].Value.Reset();
            }

            for (int t = 0; t < Steps; t++)
            {
                for (int s = 0; s < n; s++)
                {
                    _singles[s].Value.Step(_xs.AsSpan(((t * n) + s) * i, i), _h.AsSpan(s * h, h));
                    sum += _h[s * h];
                }
            }

            return sum;
        }

        public float RunStreams()
        {
            int i = _inputWidth, h = _stateWidth, n = _streams;
            float sum = 0;
            _layer.Reset();
            for (int t = 0; t < Steps; t++)
            {
                _layer.Step(_xs.AsSpan(t * n * i, n * i), _h);
                for (int s = 0; s < n; s++)
                {
                    sum += _h[s * h];
                }
            }

            return sum;
        }
    }
}
