using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Loading.Support;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Loading;

/// <summary>
/// Every way a safetensors file can be wrong gives an <see cref="InvalidDataException"/> that says what is wrong, and leaves
/// the layer's parameters exactly as they were.
/// </summary>
public sealed class SafeTensorsErrorTests
{
    private static readonly PyTorchCaseTensors Tutorial = PyTorchCaseTensors.From(PyTorchCase.Load("tutorial-size-I3-H2-T3"));

    /// <summary>Each case: the file, the prefix and layer to load, and fragments the message must contain.</summary>
    private static readonly Dictionary<string, Func<(byte[] File, string Prefix, int Layer, string[] Message)>> Cases = new()
    {
        ["shorter than the length field"] = () => (Good()[..5], "", 0, ["has 5 bytes", "truncated"]),
        ["header longer than the file"] = () => (Good()[..100], "", 0, ["header claims", "only 92 follow", "truncated"]),
        ["data truncated"] = () => (Good()[..^4], "", 0, ["'bias_hh_l0' ends at byte 224 of the data section, which has 220", "truncated"]),
        ["header not JSON"] = () => (SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\": {\"dtype\": ", new byte[8]), "", 0, ["header is not valid JSON at byte 32 (in weight_ih_l0[\"dtype\"])"]),
        ["header not UTF-8"] = () => (Utf8Broken(), "", 0, ["header is not valid JSON at byte 2: the text is not valid UTF-8"]),
        ["header an array"] = () => (SafeTensorsBuilder.WithHeader("[1, 2]", []), "", 0, ["header does not start with '{'"]),
        ["header null"] = () => (SafeTensorsBuilder.WithHeader("null", []), "", 0, ["header does not start with '{'"]),
        ["entry without dtype"] = () => (SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\":{\"shape\":[8,3],\"data_offsets\":[0,96]}}", new byte[96]), "", 0, ["'weight_ih_l0'", "needs \"dtype\", \"shape\" and \"data_offsets\""]),
        ["entry not an object"] = () => (SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\":42}", []), "", 0, ["'weight_ih_l0' is the number 42, not a tensor description"]),
        ["shape with a fraction"] = () => (SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[8,2.5],\"data_offsets\":[0,80]}}", new byte[80]), "", 0, ["'weight_ih_l0' has shape[1] = the number 2.5", "without a fraction or exponent"]),
        ["three data offsets"] = () => (SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[8,3],\"data_offsets\":[0,96,96]}}", new byte[96]), "", 0, ["has a data_offsets that is an array of 3; it must be an array of 2 integers"]),
        ["negative extent"] = () => (SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[-8,3],\"data_offsets\":[0,96]}}", new byte[96]), "", 0, ["'weight_ih_l0' has shape[0] = the number -8; it must be a non-negative integer"]),
        ["bytes not matching the shape"] = () => (new SafeTensorsBuilder().AddRaw("weight_ih_l0", "F32", [8, 3], new byte[92]).Build(), "", 0, ["'weight_ih_l0' spans bytes 0–92 of the data section, but its shape [8, 3] of F32 needs 96 bytes"]),
        ["missing tensor under the prefix"] = () => (Good(), "lstm.", 0, ["no tensor 'lstm.weight_ih_l0'", "It has: weight_ih_l0 (F32 [8, 3]), weight_hh_l0 (F32 [8, 2]), bias_ih_l0 (F32 [8]), bias_hh_l0 (F32 [8])"]),
        ["missing layer"] = () => (Good(), "", 1, ["no tensor 'weight_ih_l1'"]),
        ["input weights of another size"] = () => (new SafeTensorsBuilder().AddLstm(PyTorchCaseTensors.Random(4, 2, 1), "", 0, TensorDType.F32).Build(), "", 0, ["'weight_ih_l0' has shape [8, 4] but the layer needs [8, 3] (4H × I)"]),
        ["recurrent weights of another size"] = () => (Mixed(recurrentShape: [2, 8]), "", 0, ["'weight_hh_l0' has shape [2, 8] but the layer needs [8, 2] (4H × H)"]),
        ["a bias of another size"] = () => (Mixed(biasLength: 6), "", 0, ["'bias_ih_l0' has shape [6] but the layer needs [8] (4H)"]),
        ["missing tensor in a big checkpoint"] = () => (BigCheckpoint(), "", 0, ["no tensor 'weight_ih_l0'", "It has: block00.weight (F32 [1]), block01.weight", "block31.weight (F32 [1]) and 8 more."]),
        ["unsupported dtype"] = () => (new SafeTensorsBuilder().AddRaw("weight_ih_l0", "I64", [8, 3], new byte[192]).Build(), "", 0, ["'weight_ih_l0' has dtype I64", "only F32, F64, F16 and BF16"]),
        ["projections"] = () => (new SafeTensorsBuilder().AddLstm(Tutorial, "", 0, TensorDType.F32).Add("weight_hr_l0", TensorDType.F32, [2, 2], new double[4]).Build(), "", 0, ["'weight_hr_l0'", "projections (proj_size)"]),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_bad_file_throws_and_changes_nothing(string caseName)
    {
        (byte[] file, string prefix, int layerIndex, string[] message) = Cases[caseName]();
        var layer = new Torch3x2();
        layer.InitializeParameters(6);
        float[] before = layer.Parameters.ToArray();

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => layer.Weights.LoadSafeTensors(file, prefix, layerIndex));
        Assert.All(message, fragment => Assert.True(exception.Message.Contains(fragment, StringComparison.Ordinal), $"The message is: {exception.Message}"));
        Bits.AssertEqual<float>(before, layer.Parameters, caseName);
    }

    [Fact]
    public void The_good_file_the_cases_start_from_loads()
    {
        var layer = new Torch3x2();
        layer.Weights.LoadSafeTensors(Good());
        Assert.Equal(Tutorial.WeightIh[0], layer.Weights[LstmBlock.Input, LstmGate.Input, 0, 0], 7);
    }

    [Fact]
    public void Bad_arguments_throw_and_change_nothing()
    {
        var layer = new Torch3x2();
        layer.InitializeParameters(6);
        float[] before = layer.Parameters.ToArray();

        Assert.Throws<ArgumentNullException>("prefix", () => layer.Weights.LoadSafeTensors(Good(), null!));
        Assert.Throws<ArgumentOutOfRangeException>("layer", () => layer.Weights.LoadSafeTensors(Good(), "", -1));
        Assert.Throws<ArgumentException>("file", () => layer.Weights.Load(MemoryMarshal.AsBytes(layer.Parameters)));
        Assert.Equal(before, layer.Parameters.ToArray());
    }

    /// <summary>The tutorial fixture as F32, no prefix, layer 0: 8 + 88 header bytes, then 224 data bytes.</summary>
    private static byte[] Good() => new SafeTensorsBuilder().AddLstm(Tutorial, "", 0, TensorDType.F32).Build();

    /// <summary>A file whose first tensor is right but a later one is not, so a loader that wrote as it went would be caught.</summary>
    private static byte[] Mixed(long[]? recurrentShape = null, int biasLength = 8) =>
        new SafeTensorsBuilder()
            .Add("weight_ih_l0", TensorDType.F32, [8, 3], Tutorial.WeightIh)
            .Add("weight_hh_l0", TensorDType.F32, recurrentShape ?? [8, 2], Tutorial.WeightHh)
            .Add("bias_ih_l0", TensorDType.F32, [biasLength], Tutorial.BiasIh.Take(biasLength).ToArray())
            .Add("bias_hh_l0", TensorDType.F32, [8], Tutorial.BiasHh)
            .Build();

    private static byte[] BigCheckpoint()
    {
        var builder = new SafeTensorsBuilder();
        for (int block = 0; block < 40; block++)
        {
            builder.Add($"block{block:D2}.weight", TensorDType.F32, [1], [1.0]);
        }

        return builder.Build();
    }

    private static byte[] Utf8Broken()
    {
        byte[] file = SafeTensorsBuilder.WithHeader("{\"weight_ih_l0\":{}}", []);
        file[10] = 0xFF;
        return file;
    }
}
