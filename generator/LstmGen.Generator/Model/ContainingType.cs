namespace LstmGen.Generator.Model;

/// <summary>A type that encloses the generated one, as its partial declaration is repeated: keyword and escaped name.</summary>
/// <param name="Keyword">class, struct, record or record struct.</param>
/// <param name="Name">The name as C# source writes it, with <c>@</c> where it is a keyword.</param>
internal sealed record ContainingType(string Keyword, string Name);
