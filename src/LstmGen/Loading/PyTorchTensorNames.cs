using System.Globalization;

namespace LstmGen.Loading;

/// <summary>
/// The state_dict names of one <c>nn.LSTM</c> layer: <c>{prefix}weight_ih_l{layer}</c> and so on. The prefix is the
/// module path with its trailing dot (<c>"encoder.lstm."</c>); the layer index selects one layer of a stacked LSTM.
/// </summary>
internal readonly struct PyTorchTensorNames
{
    public PyTorchTensorNames(string prefix, int layer)
    {
        string suffix = "_l" + layer.ToString(CultureInfo.InvariantCulture);
        WeightIh = prefix + "weight_ih" + suffix;
        WeightHh = prefix + "weight_hh" + suffix;
        BiasIh = prefix + "bias_ih" + suffix;
        BiasHh = prefix + "bias_hh" + suffix;
        Projection = prefix + "weight_hr" + suffix;
    }

    public string WeightIh { get; }

    public string WeightHh { get; }

    public string BiasIh { get; }

    public string BiasHh { get; }

    /// <summary>The projection of an <c>nn.LSTM(proj_size=…)</c>, which LstmGen layers do not have.</summary>
    public string Projection { get; }
}
