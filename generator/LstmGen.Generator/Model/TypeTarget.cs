namespace LstmGen.Generator.Model;

/// <summary>
/// The user's type that receives generated members, with every spelling the emitter needs. Plain strings only, so the
/// model stays equatable and free of symbols.
/// </summary>
/// <param name="Namespace">The namespace as C# source writes it (keywords escaped with <c>@</c>), or null for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="Name">The type's name as C# source writes it.</param>
/// <param name="Keyword">class, struct, record or record struct.</param>
/// <param name="IsValueType">Whether the type is a struct.</param>
/// <param name="NeedsAutoLayout">
/// Whether the generated part must carry <c>[StructLayout(LayoutKind.Auto)]</c>: a struct whose own declarations hold instance
/// fields would otherwise get CS0282, since field order across partial declarations is undefined.
/// </param>
/// <param name="DisplayName">The full name for documentation and messages: <c>Demo.Outer.Detector</c>.</param>
/// <param name="Cref">The type as a <c>cref</c>: <c>global::Demo.Outer.Detector</c>, escaped.</param>
/// <param name="HintName">The generated file's name, unique for every distinct type even compared without case.</param>
/// <param name="ImplName">The implementation type's name in <c>LstmGen.Generated</c>, unique for every distinct type.</param>
/// <param name="DeclaresInterfaces">
/// Whether the type declares LstmGen's interfaces: always for a class; for a struct from C# 13, which lets its
/// <c>[UnscopedRef]</c> members implement the interfaces' (earlier versions cannot).
/// </param>
internal sealed record TypeTarget(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string Keyword,
    bool IsValueType,
    bool NeedsAutoLayout,
    string DisplayName,
    string Cref,
    string HintName,
    string ImplName,
    bool DeclaresInterfaces);
