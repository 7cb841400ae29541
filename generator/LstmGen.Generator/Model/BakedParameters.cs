namespace LstmGen.Generator.Model;

/// <summary>Parameters read from a file at build time, in storage order; the doubles hold the element type's values exactly.</summary>
internal sealed record BakedParameters(string FileName, EquatableArray<double> Values);
