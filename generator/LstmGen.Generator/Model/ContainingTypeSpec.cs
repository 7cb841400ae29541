namespace LstmGen.Generator.Model;

/// <summary>A type that encloses the layer, as its partial declaration must be repeated: keyword (class, struct, record, record struct) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
