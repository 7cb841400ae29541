namespace LstmGen.Generator.Model;

/// <summary>The attribute's request to bake weights from a file: the path as written, the tensor-name prefix and the layer index.</summary>
internal sealed record BakedWeightsRequest(string Path, string Prefix, int Layer);
