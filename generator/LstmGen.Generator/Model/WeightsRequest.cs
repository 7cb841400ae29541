namespace LstmGen.Generator.Model;

/// <summary>An attribute's request to bake weights from a file: the path as written, the tensor-name prefix and the layer index.</summary>
internal sealed record WeightsRequest(string Path, string Prefix, int Layer);
