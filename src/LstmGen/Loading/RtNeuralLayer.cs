using System.Text.Json;
using System.Text.Json.Serialization;

namespace LstmGen.Loading;

/// <summary>
/// One entry of an RTNeural model's <c>layers</c>. Shape and weights stay raw JSON because their structure depends on the
/// layer type, and only the selected layer's are read.
/// </summary>
internal sealed class RtNeuralLayer
{
    /// <summary>The layer type: <c>"lstm"</c>, <c>"dense"</c>, <c>"gru"</c>…</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The layer's output shape, for example <c>[null, null, 8]</c>; its last entry is the number of units.</summary>
    [JsonPropertyName("shape")]
    public JsonElement Shape { get; set; }

    /// <summary>The layer's weights as Keras' <c>get_weights()</c> returns them.</summary>
    [JsonPropertyName("weights")]
    public JsonElement Weights { get; set; }
}
