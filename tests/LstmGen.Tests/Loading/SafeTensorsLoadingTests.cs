using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text;
using LstmGen.Tests.Loading.Support;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>
/// Loading nn.LSTM weights from safetensors files the tests write: every fixture in every dtype, a chosen prefix and layer of
/// a stacked model, models without biases, and the library's own writer.
/// </summary>
public sealed class SafeTensorsLoadingTests
{
    private const string Prefix = "encoder.lstm.";

    public static IEnumerable<object[]> SingleCases => ModelSubjects.PyTorchCasePairs(single: true);

    public static IEnumerable<object[]> DoubleCases => ModelSubjects.PyTorchCasePairs(single: false);

    [Theory]
    [MemberData(nameof(SingleCases))]
    public void Float_layers_load_every_dtype(string caseName, string subject) =>
        LoadsEveryDType(PyTorchCase.Load(caseName), ModelSubjects.Single(subject));

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_layers_load_every_dtype(string caseName, string subject) =>
        LoadsEveryDType(PyTorchCase.Load(caseName), ModelSubjects.Double(subject));

    [Fact]
    public void A_model_without_biases_loads_with_a_zero_bias()
    {
        PyTorchCase fixture = PyTorchCase.Load("I5-H7-T9-state");
        byte[] file = new SafeTensorsBuilder().AddLstm(PyTorchCaseTensors.From(fixture), string.Empty, 0, TensorDType.F32, biases: false).Build();
        ModelSubject<float> model = ModelSubjects.Single(nameof(Layers.Torch5x7));
        ILstmMutableLayer<float> layer = model.Create();
        layer.InitializeParameters(4, 0.5);

        model.Weights(layer).LoadSafeTensors(file);

        float[] expected = Bits.To<float>(fixture.WeightIh).Concat(Bits.To<float>(fixture.WeightHh)).Concat(new float[28]).ToArray();
        var canonical = new float[expected.Length];
        layer.ExportParameters(canonical);
        Bits.AssertEqual<float>(expected, canonical, "parameters of a bias=False model");
    }

    [Theory]
    [InlineData(nameof(Layers.Torch16x64))]
    [InlineData(nameof(Layers.Blocked8x32))]
    [InlineData(nameof(Layers.Torch3x2))]
    public void The_library_writer_round_trips_float_layers_exactly(string subject) => WriterRoundTrips(ModelSubjects.Single(subject));

    [Theory]
    [InlineData(nameof(Training.Double16x64))]
    [InlineData(nameof(Training.DoubleBlocked7x12))]
    public void The_library_writer_round_trips_double_layers_exactly(string subject) => WriterRoundTrips(ModelSubjects.Double(subject));

    [Fact]
    public void The_library_writer_writes_pytorch_names_dtypes_and_an_aligned_header()
    {
        var layer = new Layers.Torch3x2();
        layer.InitializeParameters(8);
        byte[] file = layer.Weights.ToSafeTensors("rnn.", 2);

        ulong headerLength = BitConverter.ToUInt64(file, 0);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"},", header, StringComparison.Ordinal);
        Assert.Contains("\"rnn.weight_ih_l2\":{\"dtype\":\"F32\",\"shape\":[8,3],\"data_offsets\":[0,96]}", header, StringComparison.Ordinal);
        Assert.Contains("\"rnn.bias_hh_l2\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[192,224]}", header, StringComparison.Ordinal);
        Assert.Equal(8 + (int)headerLength + (4 * (24 + 16 + 8 + 8)), file.Length);

        var doubles = new Training.Double3x2();
        doubles.InitializeParameters(8);
        Assert.Contains("\"weight_hh_l0\":{\"dtype\":\"F64\",\"shape\":[8,2]", Encoding.UTF8.GetString(doubles.Weights.ToSafeTensors()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_committed_model_holds_the_fixture_I1_H8_T16_exactly()
    {
        PyTorchCase fixture = PyTorchCase.Load("I1-H8-T16");
        byte[] file = System.IO.File.ReadAllBytes(CommittedModel.CommittedModelPath);
        var layer = new Baked.RuntimeDouble1x8();
        layer.Weights.LoadSafeTensors(file, CommittedModel.CommittedModelPrefix);

        // F32 holds the fixture's float32 values exactly, so a double layer sees them unrounded.
        var canonical = new double[Baked.RuntimeDouble1x8.ParameterCount];
        layer.ExportParameters(canonical);
        Bits.AssertEqual<double>(fixture.CanonicalParameters(), canonical, "committed model");

        // What make_lstm_model.py promises: F32 tensors named lstm.*_l0, sorted by name, with PyTorch's metadata.
        ulong headerLength = BitConverter.ToUInt64(file, 0);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.Equal(0UL, headerLength % 8);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"},\"lstm.bias_hh_l0\":{\"dtype\":\"F32\",\"shape\":[32],\"data_offsets\":[0,128]}", header, StringComparison.Ordinal);
        string[] order = ["lstm.bias_hh_l0", "lstm.bias_ih_l0", "lstm.weight_hh_l0", "lstm.weight_ih_l0"];
        int[] positions = order.Select(name => header.IndexOf($"\"{name}\"", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.OrderBy(p => p), positions);
    }

    private static void LoadsEveryDType<T>(PyTorchCase fixture, ModelSubject<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        PyTorchCaseTensors tensors = PyTorchCaseTensors.From(fixture);
        foreach (TensorDType dtype in Enum.GetValues<TensorDType>())
        {
            // A stacked model: layer 0 is another LSTM (H → H would be real; any sizes do for a decoy), layer 1 the fixture,
            // plus a decoy under another prefix with the fixture's names.
            byte[] file = new SafeTensorsBuilder()
                .AddLstm(PyTorchCaseTensors.Random(3, fixture.StateWidth, 11), Prefix, 0, dtype)
                .AddLstm(tensors, Prefix, 1, dtype)
                .AddLstm(PyTorchCaseTensors.Random(fixture.InputWidth, fixture.StateWidth, 12), "decoder.lstm.", 1, dtype)
                .Build();
            ILstmMutableLayer<T> layer = model.Create();
            layer.InitializeParameters(4, 0.5);
            model.Weights(layer).LoadSafeTensors(file, Prefix, 1);

            T[] expected = Quantized<T>(fixture.WeightIh, dtype)
                .Concat(Quantized<T>(fixture.WeightHh, dtype))
                .Concat(Quantized<T>(fixture.BiasIh, dtype).Zip(Quantized<T>(fixture.BiasHh, dtype), (a, b) => a + b))
                .ToArray();
            var canonical = new T[expected.Length];
            layer.ExportParameters(canonical);
            Bits.AssertEqual<T>(expected, canonical, $"{model.Name} from {dtype}");

            // F32 and F64 hold the fixture's weights exactly, so the outputs are the fixture's (to the layer's precision).
            if (dtype is TensorDType.F32 or TensorDType.F64)
            {
                double tolerance = typeof(T) == typeof(float) ? 1e-6 : 1e-12;
                (double[] h, double[] c) = FixtureRun.Run(layer, fixture);
                Numerics.AssertClose(fixture.H, h, tolerance, $"{model.Name} h from {dtype}");
                Numerics.AssertClose(fixture.C, c, tolerance, $"{model.Name} c from {dtype}");
            }
        }
    }

    private static T[] Quantized<T>(double[] values, TensorDType dtype)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Bits.To<T>(values.Select(v => TensorDTypes.Quantize(v, dtype)).ToArray());

    private static void WriterRoundTrips<T>(ModelSubject<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ILstmMutableLayer<T> source = model.Create();
        source.InitializeParameters(21, 3.0);
        model.Weights(source)[LstmBlock.Bias, LstmGate.Forget, 0, 0] = T.NegativeZero;
        byte[] file = model.Weights(source).ToSafeTensors("lstm.", 3);

        ILstmMutableLayer<T> target = model.Create();
        model.Weights(target).LoadSafeTensors(file, "lstm.", 3);
        Bits.AssertEqual<T>(model.Weights(source).Storage, model.Weights(target).Storage, $"{model.Name} safetensors round trip");
    }
}
