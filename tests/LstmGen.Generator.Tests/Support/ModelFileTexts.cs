using System.Globalization;
using System.Linq;
using System.Text;

namespace LstmGen.Generator.Tests.Support;

/// <summary>Small model files written by the tests: GuitarML JSON and RTNeural JSON with deterministic values.</summary>
public static class ModelFileTexts
{
    /// <summary>A GuitarML file: nn.LSTM(I, H, layers) → nn.Linear(H, O), skip as given.</summary>
    public static byte[] GuitarMl(int inputWidth, int hiddenWidth, int outputWidth, int layers = 1, int skip = 1, string unitType = "LSTM")
    {
        var state = new StringBuilder();
        int seed = 1;
        for (int k = 0; k < layers; k++)
        {
            int i = k == 0 ? inputWidth : hiddenWidth;
            state.Append($"\"rec.weight_ih_l{k}\": {Matrix(4 * hiddenWidth, i, ref seed)}, ");
            state.Append($"\"rec.weight_hh_l{k}\": {Matrix(4 * hiddenWidth, hiddenWidth, ref seed)}, ");
            state.Append($"\"rec.bias_ih_l{k}\": {Vector(4 * hiddenWidth, ref seed)}, ");
            state.Append($"\"rec.bias_hh_l{k}\": {Vector(4 * hiddenWidth, ref seed)}, ");
        }

        state.Append($"\"lin.weight\": {Matrix(outputWidth, hiddenWidth, ref seed)}, \"lin.bias\": {Vector(outputWidth, ref seed)}");
        string text = "{\"model_data\": {\"model\": \"SimpleRNN\", \"input_size\": " + Int(inputWidth) + ", \"skip\": " + Int(skip)
            + ", \"output_size\": " + Int(outputWidth) + ", \"unit_type\": \"" + unitType + "\", \"num_layers\": " + Int(layers)
            + ", \"hidden_size\": " + Int(hiddenWidth) + ", \"bias_fl\": true}, \"state_dict\": {" + state + "}}";
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>An RTNeural JSON model; each layer is (type, activation, output width), LSTM and dense weights generated to fit.</summary>
    public static byte[] RtNeural(int inputWidth, params (string Type, string Activation, int Width)[] layers)
    {
        var entries = new StringBuilder();
        int seed = 1;
        int width = inputWidth;
        foreach ((string type, string activation, int output) in layers)
        {
            string weights = type switch
            {
                "lstm" => $"[{Matrix(width, 4 * output, ref seed)}, {Matrix(output, 4 * output, ref seed)}, {Vector(4 * output, ref seed)}]",
                "dense" => $"[{Matrix(width, output, ref seed)}, {Vector(output, ref seed)}]",
                _ => "[]",
            };
            if (entries.Length > 0)
            {
                entries.Append(", ");
            }

            entries.Append($"{{\"type\": \"{type}\", \"activation\": \"{activation}\", \"shape\": [null, null, {Int(output)}], \"weights\": {weights}}}");
            width = output;
        }

        return Encoding.UTF8.GetBytes($"{{\"in_shape\": [null, null, {Int(inputWidth)}], \"layers\": [{entries}]}}");
    }

    private static string Matrix(int rows, int columns, ref int seed)
    {
        var text = new StringBuilder("[");
        for (int r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? string.Empty : ", ").Append(Vector(columns, ref seed));
        }

        return text.Append(']').ToString();
    }

    private static string Vector(int count, ref int seed)
    {
        int start = seed;
        seed += count;
        return "[" + string.Join(", ", Enumerable.Range(start, count).Select(k => (((k * 37) % 101) - 50).ToString(CultureInfo.InvariantCulture) + "e-3")) + "]";
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
