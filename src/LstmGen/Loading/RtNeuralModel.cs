using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LstmGen.Loading;

/// <summary>The root of an RTNeural JSON model: the model's input shape and its layers.</summary>
internal sealed class RtNeuralModel
{
    /// <summary>The model's input shape, for example <c>[null, null, 1]</c>; its last entry is the first layer's input width.</summary>
    [JsonPropertyName("in_shape")]
    public JsonElement InShape { get; set; }

    [JsonPropertyName("layers")]
    public List<RtNeuralLayer>? Layers { get; set; }
}
