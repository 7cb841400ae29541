namespace LstmGen.Generator.Model;

/// <summary>Weights read from a file at build time, already in the layer's storage order; doubles hold float values exactly.</summary>
internal sealed record BakedWeights(string FileName, EquatableArray<double> Values);
