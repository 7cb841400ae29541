using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Loading.Support;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>
/// PyTorch, Keras and ONNX layouts: every fixture's three weight sets give the same parameters and the fixture's outputs,
/// exports reproduce the fixture's own arrays, export then import gives back the same bits, and bad spans change nothing.
/// </summary>
public sealed class LayoutConversionTests
{
    /// <summary>Float layers against PyTorch's float64 run; the worst error measured is 1.6e-7 (c of I5-H7-T9-state).</summary>
    private const double SingleTolerance = 1e-6;

    /// <summary>Double layers against PyTorch's float64 run; the worst error measured is 4.4e-16 (c of I16-H64-T8).</summary>
    private const double DoubleTolerance = 1e-12;

    public static IEnumerable<object[]> SingleCases => ModelSubjects.PyTorchCasePairs(single: true);

    public static IEnumerable<object[]> DoubleCases => ModelSubjects.PyTorchCasePairs(single: false);

    public static IEnumerable<object[]> SingleSubjects => ModelSubjects.Singles.Select(s => new object[] { s.Name });

    public static IEnumerable<object[]> DoubleSubjects => ModelSubjects.Doubles.Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(SingleCases))]
    public void Float_layers_get_the_same_parameters_and_the_fixture_outputs_from_every_layout(string caseName, string subject) =>
        ImportsEveryLayout(PyTorchCase.Load(caseName), ModelSubjects.Single(subject), SingleTolerance);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_layers_get_the_same_parameters_and_the_fixture_outputs_from_every_layout(string caseName, string subject) =>
        ImportsEveryLayout(PyTorchCase.Load(caseName), ModelSubjects.Double(subject), DoubleTolerance);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Exports_reproduce_the_fixture_arrays(string caseName, string subject)
    {
        PyTorchCase fixture = PyTorchCase.Load(caseName);
        ModelSubject<double> model = ModelSubjects.Double(subject);
        ILstmMutableLayer<double> layer = model.Create();
        model.Weights(layer).ImportPyTorch(fixture.WeightIh, fixture.WeightHh, fixture.BiasIh, fixture.BiasHh);
        int rows = 4 * fixture.StateWidth;
        double[] bias = fixture.BiasIh.Zip(fixture.BiasHh, (a, b) => a + b).ToArray();

        var weightIh = new double[fixture.WeightIh.Length];
        var weightHh = new double[fixture.WeightHh.Length];
        var biasIh = new double[rows];
        double[] biasHh = Enumerable.Repeat(double.NaN, rows).ToArray();
        model.Weights(layer).ExportPyTorch(weightIh, weightHh, biasIh, biasHh);
        Bits.AssertEqual<double>(fixture.WeightIh, weightIh, "weight_ih");
        Bits.AssertEqual<double>(fixture.WeightHh, weightHh, "weight_hh");
        Bits.AssertEqual<double>(bias, biasIh, "bias_ih carries the whole bias");
        Bits.AssertEqual<double>(new double[rows], biasHh, "bias_hh is zero");

        var kernel = new double[fixture.KerasKernel.Length];
        var recurrentKernel = new double[fixture.KerasRecurrentKernel.Length];
        var kerasBias = new double[rows];
        model.Weights(layer).ExportKeras(kernel, recurrentKernel, kerasBias);
        Bits.AssertEqual<double>(fixture.KerasKernel, kernel, "kernel");
        Bits.AssertEqual<double>(fixture.KerasRecurrentKernel, recurrentKernel, "recurrent_kernel");
        Bits.AssertEqual<double>(fixture.KerasBias, kerasBias, "Keras bias");

        var w = new double[fixture.OnnxW.Length];
        var r = new double[fixture.OnnxR.Length];
        double[] b = Enumerable.Repeat(double.NaN, 2 * rows).ToArray();
        model.Weights(layer).ExportOnnx(w, r, b);
        Bits.AssertEqual<double>(fixture.OnnxW, w, "W");
        Bits.AssertEqual<double>(fixture.OnnxR, r, "R");
        double[] onnxBias = fixture.OnnxB.Take(rows).Zip(fixture.OnnxB.Skip(rows), (wb, rb) => wb + rb).ToArray();
        Bits.AssertEqual<double>(onnxBias, b.AsSpan(0, rows), "Wb carries the whole bias, in ONNX gate order");
        Bits.AssertEqual<double>(new double[rows], b.AsSpan(rows), "Rb is zero");
    }

    [Theory]
    [MemberData(nameof(SingleSubjects))]
    public void Float_export_then_import_is_bit_exact_in_every_layout(string subject) => RoundTrips(ModelSubjects.Single(subject));

    [Theory]
    [MemberData(nameof(DoubleSubjects))]
    public void Double_export_then_import_is_bit_exact_in_every_layout(string subject) => RoundTrips(ModelSubjects.Double(subject));

    [Fact]
    public void Missing_biases_import_as_zero()
    {
        ModelSubject<float> model = ModelSubjects.Single(nameof(Layers.Torch5x7));
        ILstmMutableLayer<float> layer = model.Create();
        LstmParameterLayout layout = layer.ParameterLayout;
        int rows = layout.GateRows;
        float[] weightIh = Numerics.ToSingle(Numerics.RandomSymmetric(rows * layout.InputWidth, 1, 1));
        float[] weightHh = Numerics.ToSingle(Numerics.RandomSymmetric(rows * layout.StateWidth, 1, 2));
        float[] bias = Numerics.ToSingle(Numerics.RandomSymmetric(rows, 1, 3));
        var exported = new float[rows];
        var zeros = new float[rows];

        layer.InitializeParameters(9, 0.5);
        model.Weights(layer).ImportPyTorch(weightIh, weightHh, default, default);
        model.Weights(layer).ExportKeras(new float[rows * layout.InputWidth], new float[rows * layout.StateWidth], exported);
        Assert.Equal(zeros, exported);

        model.Weights(layer).ImportPyTorch(weightIh, weightHh, default, bias);
        model.Weights(layer).ExportKeras(new float[rows * layout.InputWidth], new float[rows * layout.StateWidth], exported);
        Assert.Equal(bias, exported);

        layer.InitializeParameters(9, 0.5);
        model.Weights(layer).ImportKeras(Transpose(weightIh, rows), Transpose(weightHh, rows), default);
        model.Weights(layer).ExportKeras(new float[rows * layout.InputWidth], new float[rows * layout.StateWidth], exported);
        Assert.Equal(zeros, exported);

        layer.InitializeParameters(9, 0.5);
        model.Weights(layer).ImportOnnx(weightIh, weightHh, default);
        model.Weights(layer).ExportKeras(new float[rows * layout.InputWidth], new float[rows * layout.StateWidth], exported);
        Assert.Equal(zeros, exported);
    }

    private static void ImportsEveryLayout<T>(PyTorchCase fixture, ModelSubject<T> model, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ILstmMutableLayer<T> torch = model.Create();
        model.Weights(torch).ImportPyTorch(Bits.To<T>(fixture.WeightIh), Bits.To<T>(fixture.WeightHh), Bits.To<T>(fixture.BiasIh), Bits.To<T>(fixture.BiasHh));
        ILstmMutableLayer<T> keras = model.Create();
        model.Weights(keras).ImportKeras(Bits.To<T>(fixture.KerasKernel), Bits.To<T>(fixture.KerasRecurrentKernel), Bits.To<T>(fixture.KerasBias));
        ILstmMutableLayer<T> onnx = model.Create();
        model.Weights(onnx).ImportOnnx(Bits.To<T>(fixture.OnnxW), Bits.To<T>(fixture.OnnxR), Bits.To<T>(fixture.OnnxB));

        // The canonical order is PyTorch's with the biases summed in T; the fixture's weights are float32 values, so the
        // float sum and the rounded double sum (Keras' single bias) agree, and all three layouts give the same bits.
        T[] biasIh = Bits.To<T>(fixture.BiasIh);
        T[] biasHh = Bits.To<T>(fixture.BiasHh);
        T[] expected = Bits.To<T>(fixture.WeightIh).Concat(Bits.To<T>(fixture.WeightHh)).Concat(biasIh.Select((b, r) => b + biasHh[r])).ToArray();
        foreach ((string name, ILstmMutableLayer<T> layer) in new[] { ("PyTorch", torch), ("Keras", keras), ("ONNX", onnx) })
        {
            var canonical = new T[expected.Length];
            layer.ExportParameters(canonical);
            Bits.AssertEqual<T>(expected, canonical, $"{model.Name} parameters from the {name} layout");

            (double[] h, double[] c) = FixtureRun.Run(layer, fixture);
            Numerics.AssertClose(fixture.H, h, tolerance, $"{model.Name} h from the {name} layout");
            Numerics.AssertClose(fixture.C, c, tolerance, $"{model.Name} c from the {name} layout");
        }
    }

    private static void RoundTrips<T>(ModelSubject<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ILstmMutableLayer<T> source = model.Create();
        source.InitializeParameters(77, 2.0);
        LstmWeights<T> weights = model.Weights(source);
        int h = weights.Layout.StateWidth;

        // Values a careless conversion would change: both zeros (as weights and as biases), a subnormal, a NaN, extremes.
        weights[LstmBlock.Bias, LstmGate.Input, 0, 0] = T.NegativeZero;
        weights[LstmBlock.Bias, LstmGate.Output, h - 1, 0] = T.Zero;
        weights[LstmBlock.Input, LstmGate.Forget, 0, 0] = T.NegativeZero;
        weights[LstmBlock.Recurrent, LstmGate.Cell, h - 1, h - 1] = T.Epsilon;
        weights[LstmBlock.Recurrent, LstmGate.Input, 0, 0] = T.NaN;
        weights[LstmBlock.Bias, LstmGate.Cell, 0, 0] = T.CreateTruncating(3e38); // Near float's largest finite value.
        weights[LstmBlock.Bias, LstmGate.Forget, h - 1, 0] = -T.Epsilon;
        T[] original = weights.Storage.ToArray();
        LstmParameterLayout layout = weights.Layout;
        int rows = layout.GateRows;
        int i = layout.InputWidth;

        var inputWeights = new T[rows * i];
        var recurrentWeights = new T[rows * h];
        var bias = new T[rows];
        var secondBias = new T[rows];
        weights.ExportPyTorch(inputWeights, recurrentWeights, bias, secondBias);
        AssertImports(model, original, "PyTorch", w => w.ImportPyTorch(inputWeights, recurrentWeights, bias, secondBias));

        weights.ExportKeras(inputWeights, recurrentWeights, bias);
        AssertImports(model, original, "Keras", w => w.ImportKeras(inputWeights, recurrentWeights, bias));

        var onnxBias = new T[2 * rows];
        weights.ExportOnnx(inputWeights, recurrentWeights, onnxBias);
        AssertImports(model, original, "ONNX", w => w.ImportOnnx(inputWeights, recurrentWeights, onnxBias));

        // The read-only view exports the same values as the writable one.
        var fromReadOnly = new T[rows * i];
        weights.AsReadOnly().ExportKeras(fromReadOnly, new T[rows * h], new T[rows]);
        weights.ExportKeras(inputWeights, recurrentWeights, bias);
        Bits.AssertEqual<T>(inputWeights, fromReadOnly, $"{model.Name} read-only export");
    }

    private delegate void Import<T>(LstmWeights<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    private static void AssertImports<T>(ModelSubject<T> model, T[] original, string layoutName, Import<T> import)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ILstmMutableLayer<T> target = model.Create();
        target.InitializeParameters(5, 0.5);
        import(model.Weights(target));
        Bits.AssertEqual<T>(original, model.Weights(target).Storage, $"{model.Name} {layoutName} round trip");
    }

    private static float[] Transpose(float[] matrix, int rows)
    {
        int columns = matrix.Length / rows;
        var result = new float[matrix.Length];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                result[(column * rows) + row] = matrix[(row * columns) + column];
            }
        }

        return result;
    }
}
