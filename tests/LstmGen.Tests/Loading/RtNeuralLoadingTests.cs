using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Loading.Support;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>
/// RTNeural JSON models written by the tests load exactly as the Keras layout imports, give the fixtures' outputs, and every
/// broken model throws a clear exception without changing the layer.
/// </summary>
public sealed class RtNeuralLoadingTests
{
    private static readonly PyTorchCase Tutorial = PyTorchCase.Load("tutorial-size-I3-H2-T3");

    public static IEnumerable<object[]> SingleCases => ModelSubjects.PyTorchCasePairs(single: true);

    public static IEnumerable<object[]> DoubleCases => ModelSubjects.PyTorchCasePairs(single: false);

    [Theory]
    [MemberData(nameof(SingleCases))]
    public void Float_layers_load_the_lstm_of_a_model_like_the_keras_import(string caseName, string subject) =>
        LoadsLikeKeras(PyTorchCase.Load(caseName), ModelSubjects.Single(subject), 1e-6);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_layers_load_the_lstm_of_a_model_like_the_keras_import(string caseName, string subject) =>
        LoadsLikeKeras(PyTorchCase.Load(caseName), ModelSubjects.Double(subject), 1e-12);

    [Fact]
    public void Layer_zero_is_the_default_and_a_layer_without_bias_gets_zeros()
    {
        var withoutBias = new RtNeuralModelBuilder(3).Lstm(2, Tutorial.KerasKernel, Tutorial.KerasRecurrentKernel, bias: null).ToUtf8();
        var layer = new Torch3x2();
        layer.InitializeParameters(2);
        layer.Weights.LoadRtNeuralJson(withoutBias);

        var expected = new Torch3x2();
        expected.Weights.ImportKeras(Numerics.ToSingle(Tutorial.KerasKernel), Numerics.ToSingle(Tutorial.KerasRecurrentKernel), default);
        Bits.AssertEqual<float>(expected.Parameters, layer.Parameters, "layer 0 without bias");
    }

    /// <summary>Each case breaks a good model (dense at 0, the tutorial LSTM at 1, dense at 2) and says what the message must contain.</summary>
    private static readonly Dictionary<string, (Func<byte[]> File, int Index, Type Exception, string[] Message)> Cases = new()
    {
        ["not JSON"] = (() => "{\"layers\": [ {\"type\": \"lstm\""u8.ToArray(), 0, typeof(InvalidDataException), ["not valid JSON"]),
        ["no layers"] = (() => "{\"in_shape\": [null, 3]}"u8.ToArray(), 0, typeof(InvalidDataException), ["has no 'layers' array"]),
        ["layers not an array"] = (() => Edited(m => m.Root["layers"] = 5), 1, typeof(InvalidDataException), ["'layers' is the number 5; it must be an array of layers"]),
        ["type not a string"] = (() => Edited(m => m.Layers[0]!["type"] = 7), 1, typeof(InvalidDataException), ["layers[0] has a \"type\" that is the number 7, not a string"]),
        ["index past the end"] = (() => Good(), 3, typeof(ArgumentOutOfRangeException), ["the model has 3 layers", "its lstm layers are at 1"]),
        ["index of a dense layer"] = (() => Good(), 0, typeof(ArgumentOutOfRangeException), ["layers[0] is Dense(3→3, tanh)", "its lstm layers are at 1"]),
        ["no lstm layer"] = (() => new RtNeuralModelBuilder(3).Dense(3, 2, "dense").ToUtf8(), 0, typeof(ArgumentOutOfRangeException), ["the model has no lstm layer"]),
        ["no weights"] = (() => Edited(m => m.Layers[1]!.AsObject().Remove("weights")), 1, typeof(InvalidDataException), ["layers[1] (lstm) needs 'weights' [kernel, recurrent_kernel, bias] or the first two, but it has none"]),
        ["one weight"] = (() => Edited(m => { m.Layers[1]!["weights"]!.AsArray().RemoveAt(2); m.Layers[1]!["weights"]!.AsArray().RemoveAt(1); }), 1, typeof(InvalidDataException), ["but it has 1 entry."]),
        ["four weights"] = (() => Edited(m => m.Layers[1]!["weights"]!.AsArray().Add(1)), 1, typeof(InvalidDataException), ["it has 4 entries"]),
        ["kernel of another size"] = (() => Edited(m => m.Layers[1]!["weights"]![0] = RtNeuralModelBuilder.Matrix(new double[48], 16)), 1, typeof(InvalidDataException), ["layers[1] (lstm) weights[0] (kernel)' has shape [3, 16] but the layer needs [3, 8] (I × 4H)"]),
        ["recurrent kernel transposed"] = (() => Edited(m => m.Layers[1]!["weights"]![1] = RtNeuralModelBuilder.Matrix(new double[16], 2)), 1, typeof(InvalidDataException), ["weights[1] (recurrent_kernel)' has shape [8, 2]; an LSTM's recurrent_kernel is H × 4H"]),
        ["ragged recurrent kernel"] = (() => Edited(m => m.Layers[1]!["weights"]![1]![1]!.AsArray().RemoveAt(0)), 1, typeof(InvalidDataException), ["weights[1] (recurrent_kernel)' is not a rectangular array", "layers[1][\"weights\"][1][1] is an array of 7 where an array of 8 belongs"]),
        ["bias too short"] = (() => Edited(m => m.Layers[1]!["weights"]![2]!.AsArray().RemoveAt(0)), 1, typeof(InvalidDataException), ["weights[2] (bias)' has shape [7] but its layer needs [8]"]),
        ["a string in the bias"] = (() => Edited(m => m.Layers[1]!["weights"]![2]![5] = "0.5"), 1, typeof(InvalidDataException), ["weights[2] (bias)' holds a string at layers[1][\"weights\"][2][5], where a number belongs"]),
        ["a number too large for double"] = (() => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Good()).Replace(Tutorial.KerasBias[3].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "1e400", StringComparison.Ordinal)), 1, typeof(InvalidDataException), ["weights[2] (bias)' holds 1e400 at [3], which is beyond the range of double"]),
        ["shape of another width"] = (() => Edited(m => m.Layers[1]!["shape"] = RtNeuralModelBuilder.Shape(4)), 1, typeof(InvalidDataException), ["layers[1] (lstm) has shape ending in 4, but its weights give 2"]),
        ["previous layer of another width"] = (() => Edited(m => m.Layers[0]!["shape"] = RtNeuralModelBuilder.Shape(5)), 1, typeof(InvalidDataException), ["layers[0] (time-distributed-dense) has shape ending in 5, but its weights give 3"]),
        ["model input of another width"] = (() => Edited(m => m.Layers.RemoveAt(0), inputWidth: 4), 0, typeof(InvalidDataException), ["weights[0] (kernel)' has shape [3, 8] but the layer needs [4, 8] (I × 4H), since the model's in_shape gives 4 inputs"]),
        ["negative index"] = (() => Good(), -1, typeof(ArgumentOutOfRangeException), ["layerIndex"]),
        ["a null layer"] = (() => "{\"layers\":[null]}"u8.ToArray(), 0, typeof(InvalidDataException), ["layers[0] is null; each layer must be an object"]),
        ["a duplicate key"] = (() => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Good()).Replace("\"type\": \"lstm\"", "\"type\": \"dense\", \"type\": \"lstm\"", StringComparison.Ordinal)), 1, typeof(InvalidDataException), ["the key \"type\" appears twice in one object"]),
        ["NaN written as Python writes it"] = (() => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Good()).Replace(Tutorial.KerasBias[3].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "NaN", StringComparison.Ordinal)), 1, typeof(InvalidDataException), ["NaN and Infinity are not JSON", "in layers[1][\"weights\"][2][3]"]),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_bad_model_throws_and_changes_nothing(string caseName)
    {
        (Func<byte[]> file, int index, Type exceptionType, string[] message) = Cases[caseName];
        byte[] json = file();
        var layer = new Torch3x2();
        layer.InitializeParameters(6);
        float[] before = layer.Parameters.ToArray();

        Exception exception = Assert.Throws(exceptionType, () => layer.Weights.LoadRtNeuralJson(json, index));
        Assert.All(message, fragment => Assert.True(exception.Message.Contains(fragment, StringComparison.Ordinal), $"The message is: {exception.Message}"));
        Bits.AssertEqual<float>(before, layer.Parameters, caseName);
    }

    [Fact]
    public void The_good_model_the_cases_start_from_loads()
    {
        var layer = new Torch3x2();
        layer.Weights.LoadRtNeuralJson(Good(), 1);
        (double[] h, _) = FixtureRun.Run(layer, Tutorial);
        Numerics.AssertClose(Tutorial.H, h, 1e-6, "h");
    }

    private static void LoadsLikeKeras<T>(PyTorchCase fixture, ModelSubject<T> model, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        byte[] json = new RtNeuralModelBuilder(fixture.InputWidth)
            .Dense(fixture.InputWidth, fixture.InputWidth)
            .Lstm(fixture)
            .Dense(fixture.StateWidth, 1, "dense")
            .ToUtf8();
        ILstmMutableLayer<T> loaded = model.Create();
        loaded.InitializeParameters(3, 0.5);
        model.Weights(loaded).LoadRtNeuralJson(json, layerIndex: 1);

        ILstmMutableLayer<T> imported = model.Create();
        model.Weights(imported).ImportKeras(Bits.To<T>(fixture.KerasKernel), Bits.To<T>(fixture.KerasRecurrentKernel), Bits.To<T>(fixture.KerasBias));
        Bits.AssertEqual<T>(model.Weights(imported).Storage, model.Weights(loaded).Storage, $"{model.Name} RTNeural vs Keras import");

        (double[] h, double[] c) = FixtureRun.Run(loaded, fixture);
        Numerics.AssertClose(fixture.H, h, tolerance, $"{model.Name} h");
        Numerics.AssertClose(fixture.C, c, tolerance, $"{model.Name} c");
    }

    private static byte[] Good() => Model(3).ToUtf8();

    private static RtNeuralModelBuilder Model(int inputWidth) =>
        new RtNeuralModelBuilder(inputWidth).Dense(inputWidth, 3).Lstm(Tutorial).Dense(2, 1, "dense");

    private static byte[] Edited(Action<RtNeuralModelBuilder> edit, int inputWidth = 3)
    {
        RtNeuralModelBuilder model = Model(inputWidth);
        edit(model);
        return model.ToUtf8();
    }
}
