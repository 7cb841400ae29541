namespace LstmGen.Generator.Model;

/// <summary>The element type of a generated layer.</summary>
internal enum ElementKind
{
    Single,
    Double,
}
