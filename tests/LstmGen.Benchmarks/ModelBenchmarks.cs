using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LstmGen.PerfHarness;
using LstmGen.Training;

namespace LstmGen.Benchmarks;

/// <summary>
/// Whole models: the amp-capture model's step (LSTM → Dense(H→1) + x[0]) against the bare layer at the hidden sizes real
/// captures use, and one training iteration (T = 32: forward, MSE, back-propagation through every layer, SGD) of a two-layer
/// stack with a linear read-out against the sum of its LSTM layers' own iterations. The target for the second: the
/// model's iteration costs at most 1.2× its parts'.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ModelBenchmarks
{
    private const int Steps = 32;
    private readonly AmpWorkload<Perf1x20, PerfAmp1x20> _amp1x20 = new(1, 20);
    private readonly AmpWorkload<Perf1x32, PerfAmp1x32> _amp1x32 = new(1, 32);
    private readonly AmpWorkload<Perf1x40, PerfAmp1x40> _amp1x40 = new(1, 40);
    private readonly AmpWorkload<Perf2x20, PerfAmp2x20> _amp2x20 = new(2, 20);
    private readonly StackTraining _stack = new();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke, Baseline = true), BenchmarkCategory("amp 1x20")]
    public float Layer_1x20() => _amp1x20.RunLayer();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke), BenchmarkCategory("amp 1x20")]
    public float AmpModel_1x20() => _amp1x20.RunModel();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke, Baseline = true), BenchmarkCategory("amp 1x32")]
    public float Layer_1x32() => _amp1x32.RunLayer();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke), BenchmarkCategory("amp 1x32")]
    public float AmpModel_1x32() => _amp1x32.RunModel();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke, Baseline = true), BenchmarkCategory("amp 1x40")]
    public float Layer_1x40() => _amp1x40.RunLayer();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke), BenchmarkCategory("amp 1x40")]
    public float AmpModel_1x40() => _amp1x40.RunModel();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke, Baseline = true), BenchmarkCategory("amp 2x20")]
    public float Layer_2x20() => _amp2x20.RunLayer();

    [Benchmark(OperationsPerInvoke = StepBenchmarks.StepsPerInvoke), BenchmarkCategory("amp 2x20")]
    public float AmpModel_2x20() => _amp2x20.RunModel();

    [Benchmark(Baseline = true), BenchmarkCategory("train stack")]
    public float PartsTrainingIterations() => _stack.TrainParts();

    [Benchmark, BenchmarkCategory("train stack")]
    public float ModelTrainingIteration() => _stack.TrainModel();

    /// <summary>The bare layer and the amp model on the yardstick's weights and input ring.</summary>
    internal sealed class AmpWorkload<TLayer, TModel>
        where TLayer : struct, ILstmMutableLayer<float>
        where TModel : struct, ILstmMutableModel<float>
    {
        private readonly PerfRefData _data;
        private readonly float[] _h;
        private readonly float[] _y = new float[1];
        private TLayer _layer = default;
        private TModel _model = default;
        private int _position;

        public AmpWorkload(int inputWidth, int stateWidth)
        {
            _data = new PerfRefData(inputWidth, stateWidth);
            _layer.ImportParameters(_data.Canonical());
            _model.ImportParameters(_data.AmpCanonical());
            _h = new float[stateWidth];
        }

        public float RunLayer()
        {
            int i = _data.InputWidth;
            float sum = 0;
            for (int t = 0; t < StepBenchmarks.StepsPerInvoke; t++)
            {
                _layer.Step(_data.Inputs.AsSpan(((_position + t) & (PerfRefData.InputSteps - 1)) * i, i), _h);
                sum += _h[0];
            }

            _position += StepBenchmarks.StepsPerInvoke;
            return sum;
        }

        public float RunModel()
        {
            int i = _data.InputWidth;
            float sum = 0;
            for (int t = 0; t < StepBenchmarks.StepsPerInvoke; t++)
            {
                _model.Step(_data.Inputs.AsSpan(((_position + t) & (PerfRefData.InputSteps - 1)) * i, i), _y);
                sum += _y[0];
            }

            _position += StepBenchmarks.StepsPerInvoke;
            return sum;
        }
    }

    /// <summary>nn.LSTM(8, 32, num_layers=2) → nn.Linear(32, 1) as a model, and its two LSTM layers as training layers.</summary>
    internal sealed class StackTraining
    {
        private readonly float[] _xs;
        private readonly float[] _targets;
        private readonly float[] _ys = new float[Steps];
        private readonly float[] _dLossDy = new float[Steps];
        private readonly float[] _hidden0 = new float[Steps * 32];
        private readonly float[] _hidden1 = new float[Steps * 32];
        private readonly float[] _dLossDh = new float[Steps * 32];
        private readonly float[] _dLossDx = new float[Steps * 32];
        private PerfTrainStack _model = default;
        private PerfTrain8x32 _bottom = default;
        private PerfTrain32x32 _top = default;

        public StackTraining()
        {
            _model.InitializeParameters(1);
            _bottom.InitializeParameters(1);
            _top.InitializeParameters(2);
            var data = new PerfRefData(8, 32);
            _xs = data.Inputs.AsSpan(0, Steps * 8).ToArray();
            _targets = new float[Steps];
            new LstmRandom(3).FillSymmetric(_targets, 1.0);
            new LstmRandom(5).FillSymmetric(_dLossDh, 1.0);
        }

        public float TrainModel()
        {
            _model.Reset();
            _model.ZeroGradients();
            _model.Forward(_xs, _ys);
            Losses.MeanSquaredError<float>(_ys, _targets, _dLossDy);
            _model.Backward(_dLossDy, default);
            _model.ApplySgd(1e-6f);
            return _ys[^1];
        }

        /// <summary>Each LSTM layer's own iteration: the bottom one with dLoss/dx unused, the top one passing dLoss/dx down.</summary>
        public float TrainParts()
        {
            _bottom.Reset();
            _bottom.ZeroGradients();
            _bottom.Forward(_xs, _hidden0);
            _bottom.Backward(_dLossDh, default);
            _bottom.ApplySgd(1e-6f);
            _top.Reset();
            _top.ZeroGradients();
            _top.Forward(_hidden0, _hidden1);
            _top.Backward(_dLossDh, _dLossDx);
            _top.ApplySgd(1e-6f);
            return _hidden1[^1];
        }
    }
}
