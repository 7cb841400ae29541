using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LstmGen.Tests.Support;

namespace LstmGen.Tests.Loading.Support;

/// <summary>
/// Writes RTNeural JSON models the way RTNeural's <c>python/model_utils.py</c> <c>save_model</c> writes a Keras model:
/// <c>{"in_shape": [null, null, I], "layers": [{"type", "activation", "shape", "weights"}, …]}</c>, where an LSTM's weights
/// are Keras' <c>get_weights()</c> as nested lists. The tree stays editable so tests can break it on purpose.
/// </summary>
public sealed class RtNeuralModelBuilder
{
    public RtNeuralModelBuilder(int inputWidth) =>
        Root = new JsonObject { ["in_shape"] = Shape(inputWidth), ["layers"] = new JsonArray() };

    public JsonObject Root { get; }

    public JsonArray Layers => Root["layers"]!.AsArray();

    /// <summary>A time-distributed dense layer (kernel I × units, bias units), as in RTNeural's own LSTM example.</summary>
    public RtNeuralModelBuilder Dense(int inputWidth, int units, string type = "time-distributed-dense")
    {
        double[] kernel = Numerics.RandomSymmetric(inputWidth * units, 1, 99);
        Layers.Add(new JsonObject
        {
            ["type"] = type,
            ["activation"] = "tanh",
            ["shape"] = Shape(units),
            ["weights"] = new JsonArray(Matrix(kernel, units), Vector(new double[units])),
        });
        return this;
    }

    /// <summary>An LSTM layer with Keras-layout weights (kernel I × 4H and recurrent kernel H × 4H row-major, bias 4H).</summary>
    public RtNeuralModelBuilder Lstm(int stateWidth, double[] kernel, double[] recurrentKernel, double[]? bias)
    {
        var weights = new JsonArray(Matrix(kernel, 4 * stateWidth), Matrix(recurrentKernel, 4 * stateWidth));
        if (bias is not null)
        {
            weights.Add(Vector(bias));
        }

        Layers.Add(new JsonObject { ["type"] = "lstm", ["activation"] = "tanh", ["shape"] = Shape(stateWidth), ["weights"] = weights });
        return this;
    }

    public RtNeuralModelBuilder Lstm(PyTorchCase fixture) =>
        Lstm(fixture.StateWidth, fixture.KerasKernel, fixture.KerasRecurrentKernel, fixture.KerasBias);

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>A Keras output shape for a sequence model: <c>[null, null, width]</c>.</summary>
    public static JsonArray Shape(int width) => new(null, null, width);

    public static JsonArray Vector(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    public static JsonArray Matrix(double[] values, int columns) =>
        new(Enumerable.Range(0, values.Length / columns).Select(row => (JsonNode?)Vector(values.Skip(row * columns).Take(columns))).ToArray());
}
