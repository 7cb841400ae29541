namespace LstmGen.Generator.Model;

/// <summary>An AdditionalFiles entry some attribute asks for, read at build time: its path and bytes, or why it could not be read.</summary>
internal sealed record WeightFile(string Path, EquatableArray<byte> Bytes, string? Error);
