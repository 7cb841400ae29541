using System;
using System.Collections.Generic;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the user's partial type: its documentation, the one field that holds the generated implementation, and one-line
/// members that forward to it. Code here sits in the user's namespace and type, where the user's names are in scope, so
/// every type is written with <c>global::</c>.
/// </summary>
internal static class PartialEmitter
{
    private const string UnscopedRefAttribute = "[global::System.Diagnostics.CodeAnalysis.UnscopedRef]";

    /// <summary>Opens the namespace and enclosing types, writes the type, and closes them again.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="target">The user's type.</param>
    /// <param name="interfaces">The interfaces the type implements, as type tokens; empty for none.</param>
    /// <param name="writeDocs">Writes the type's documentation comment.</param>
    /// <param name="writeBody">Writes the members.</param>
    public static void Write(SourceWriter writer, TypeTarget target, IReadOnlyList<string> interfaces, string element, Action writeDocs, Action writeBody)
    {
        var scopes = new List<SourceWriter.Block>();
        if (target.Namespace is not null)
        {
            scopes.Add(writer.OpenBlock($"namespace {target.Namespace}"));
        }

        foreach (ContainingType outer in target.ContainingTypes)
        {
            scopes.Add(writer.OpenBlock($"partial {outer.Keyword} {outer.Name}"));
        }

        writeDocs();
        if (target.NeedsAutoLayout)
        {
            writer.Line("[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Auto)]");
        }

        string bases = interfaces.Count == 0 ? string.Empty : " : " + string.Join(", ", Array.ConvertAll(new List<string>(interfaces).ToArray(), i => TypeNames.Qualified(i, element)));
        using (writer.OpenBlock($"partial {target.Keyword} {target.Name}{bases}"))
        {
            writeBody();
        }

        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            scopes[i].Dispose();
        }
    }

    /// <summary>Writes the members of an API list, forwarding instance members to <paramref name="receiver"/> and static ones to <paramref name="implType"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="members">The members, constants first.</param>
    /// <param name="element">The element type's keyword.</param>
    /// <param name="receiver">The instance that implements them: the storage field, or a view's ref field.</param>
    /// <param name="implType">The implementation type, qualified.</param>
    /// <param name="isValueType">Whether the type is a struct, whose span-returning members need <c>[UnscopedRef]</c>.</param>
    /// <param name="declaresInterfaces">Whether the type declares its interfaces (else explicit implementations are left out).</param>
    /// <param name="afterConstants">Writes what follows the constants: the storage field.</param>
    public static void WriteMembers(
        SourceWriter writer,
        IReadOnlyList<ApiMember> members,
        string element,
        string receiver,
        string implType,
        bool isValueType,
        bool declaresInterfaces,
        Action afterConstants)
    {
        bool constants = true;
        foreach (ApiMember member in members)
        {
            if (constants && member.Kind != ApiKind.Constant)
            {
                constants = false;
                afterConstants();
            }

            if (member.IsExplicit && !declaresInterfaces)
            {
                continue;
            }

            foreach (string doc in member.Docs)
            {
                writer.Line(TypeNames.QualifyCrefs(doc, element));
            }

            if (member.UnscopedRef && isValueType)
            {
                writer.Line(UnscopedRefAttribute);
            }

            if (member.Optimized)
            {
                writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
            }

            string type = TypeNames.Qualified(member.Type, element);
            string[] parameters = Array.ConvertAll(new List<ApiParameter>(member.Parameters).ToArray(), p =>
                $"{TypeNames.Qualified(p.Type, element)} {p.Name}{(p.Default is null ? string.Empty : " = " + p.Default)}");
            switch (member.Kind)
            {
                case ApiKind.Constant:
                    writer.Line($"public const {type} {member.Name} = {member.Value};");
                    break;
                case ApiKind.StaticProperty:
                    writer.Line($"public static {type} {member.Name} => {member.Value ?? implType + "." + member.Name};");
                    break;
                case ApiKind.Property:
                    writer.Line($"public {type} {member.Name} => {member.Value ?? receiver + "." + member.Name};");
                    break;
                case ApiKind.StaticMethod:
                    writer.List($"public static {type} {member.Name}", parameters, $" => {implType}.{member.Name}({member.Arguments});");
                    break;
                case ApiKind.Method:
                    writer.List($"public {type} {member.Name}", parameters, $" => {receiver}.{member.Name}({member.Arguments});");
                    break;
                case ApiKind.InterfaceMethod:
                    writer.List($"{type} {TypeNames.Qualified(member.Interface!, element)}.{member.Name}", parameters, string.Empty);
                    using (writer.OpenBlock())
                    {
                        foreach (string statement in member.Value!.Split('\n'))
                        {
                            writer.Line(statement);
                        }
                    }

                    break;
                default:
                    writer.Line($"{type} {TypeNames.Qualified(member.Interface!, element)}.{member.Name} => {member.Value};");
                    break;
            }

            writer.Line();
        }

        if (constants)
        {
            afterConstants();
        }
    }
}
