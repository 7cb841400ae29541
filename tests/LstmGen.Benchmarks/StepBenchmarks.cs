using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LstmGen.PerfHarness;

namespace LstmGen.Benchmarks;

/// <summary>
/// One LSTM time step (ns per step) at the yardstick's sizes: the generated layer against the tutorial-style port, on the
/// yardstick's weights and input ring. Each invocation streams <see cref="StepsPerInvoke"/> steps so that the harness's
/// call overhead does not count, and every step depends on the previous one, as in real streaming.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StepBenchmarks
{
    /// <summary>Steps run per benchmark invocation.</summary>
    public const int StepsPerInvoke = 1024;

    private readonly Workload<Perf1x8> _w1x8 = new(1, 8);
    private readonly Workload<Perf1x16> _w1x16 = new(1, 16);
    private readonly Workload<Perf4x16> _w4x16 = new(4, 16);
    private readonly Workload<Perf1x32> _w1x32 = new(1, 32);
    private readonly Workload<Perf8x32> _w8x32 = new(8, 32);
    private readonly Workload<Perf16x64> _w16x64 = new(16, 64);
    private readonly Workload<Perf64x128> _w64x128 = new(64, 128);

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("1x8")]
    public float LstmGen_1x8() => _w1x8.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("1x8")]
    public float Tutorial_1x8() => _w1x8.RunTutorial();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("1x16")]
    public float LstmGen_1x16() => _w1x16.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("1x16")]
    public float Tutorial_1x16() => _w1x16.RunTutorial();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("4x16")]
    public float LstmGen_4x16() => _w4x16.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("4x16")]
    public float Tutorial_4x16() => _w4x16.RunTutorial();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("1x32")]
    public float LstmGen_1x32() => _w1x32.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("1x32")]
    public float Tutorial_1x32() => _w1x32.RunTutorial();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("8x32")]
    public float LstmGen_8x32() => _w8x32.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("8x32")]
    public float Tutorial_8x32() => _w8x32.RunTutorial();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("16x64")]
    public float LstmGen_16x64() => _w16x64.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("16x64")]
    public float Tutorial_16x64() => _w16x64.RunTutorial();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke), BenchmarkCategory("64x128")]
    public float LstmGen_64x128() => _w64x128.RunLayer();

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true), BenchmarkCategory("64x128")]
    public float Tutorial_64x128() => _w64x128.RunTutorial();

    /// <summary>A layer of one size with its tutorial-port twin, fed from the yardstick's input ring.</summary>
    internal sealed class Workload<TLayer>
        where TLayer : struct, ILstmMutableLayer<float>
    {
        private readonly PerfRefData _data;
        private readonly TutorialLstm _tutorial;
        private readonly float[] _h;
        private TLayer _layer = default;
        private int _layerPosition;
        private int _tutorialPosition;

        public Workload(int inputWidth, int stateWidth)
        {
            _data = new PerfRefData(inputWidth, stateWidth);
            _layer.ImportParameters(_data.Canonical());
            _tutorial = new TutorialLstm(_data);
            _h = new float[stateWidth];
        }

        public float RunLayer()
        {
            int i = _data.InputWidth;
            float[] inputs = _data.Inputs;
            float sum = 0;
            for (int t = 0; t < StepsPerInvoke; t++)
            {
                _layer.Step(inputs.AsSpan(_layerPosition * i, i), _h);
                _layerPosition = (_layerPosition + 1) & (PerfRefData.InputSteps - 1);
                sum += _h[0];
            }

            return sum;
        }

        public float RunTutorial()
        {
            float sum = 0;
            for (int t = 0; t < StepsPerInvoke; t++)
            {
                _tutorial.Step(_data.Inputs, _tutorialPosition * _data.InputWidth);
                _tutorialPosition = (_tutorialPosition + 1) & (PerfRefData.InputSteps - 1);
                sum += _tutorial.H[0];
            }

            return sum;
        }
    }
}
