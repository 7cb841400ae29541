using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LstmGen.Loading;

/// <summary>
/// Compile-time JSON metadata for the loaders' documents, so that parsing needs no reflection and stays clean under
/// trimming and NativeAOT.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(SafeTensorsHeaderEntry))]
[JsonSerializable(typeof(RtNeuralModel))]
internal sealed partial class LoadingJsonContext : JsonSerializerContext;
