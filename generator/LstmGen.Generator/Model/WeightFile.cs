namespace LstmGen.Generator.Model;

/// <summary>A weights file as read at build time: its path and either its tensors or the reason it could not be read.</summary>
internal sealed record WeightFile(string Path, EquatableArray<RawTensor> Tensors, string? Error);
