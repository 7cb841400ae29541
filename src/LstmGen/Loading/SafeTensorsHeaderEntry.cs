using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LstmGen.Loading;

/// <summary>One tensor's entry in a safetensors header, as JSON has it: <c>{"dtype": "F32", "shape": [32, 1], "data_offsets": [0, 128]}</c>.</summary>
internal sealed class SafeTensorsHeaderEntry
{
    [JsonPropertyName("dtype")]
    public string? DType { get; set; }

    [JsonPropertyName("shape")]
    public List<long>? Shape { get; set; }

    [JsonPropertyName("data_offsets")]
    public List<long>? DataOffsets { get; set; }
}
