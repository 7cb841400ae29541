using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>
/// Finds the user's names that the generated members would collide with (diagnostic LSTM007): the type's own name, its
/// members and nested types, its primary constructor's parameters (user code would bind to the generated member instead),
/// and the members it inherits.
/// </summary>
internal static class NameClashes
{
    public static IEnumerable<DiagnosticInfo> Find(INamedTypeSymbol symbol, IEnumerable<string> generated, string typeName, LocationInfo? fallback)
    {
        var taken = new Dictionary<string, (string Kind, LocationInfo? Location)>(StringComparer.Ordinal);
        void Take(string name, string kind, Location? location)
        {
            if (!taken.ContainsKey(name))
            {
                taken.Add(name, (kind, location is { IsInSource: true } ? LocationInfo.From(location) : fallback));
            }
        }

        Take(symbol.Name, "type name", symbol.Locations.FirstOrDefault());
        foreach (ISymbol member in symbol.GetMembers())
        {
            if (!member.IsImplicitlyDeclared)
            {
                Take(member.Name, member is INamedTypeSymbol ? "nested type" : "member", member.Locations.FirstOrDefault());
            }
        }

        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: { } parameters })
            {
                foreach (ParameterSyntax parameter in parameters.Parameters)
                {
                    Take(parameter.Identifier.ValueText, "primary constructor parameter", parameter.Identifier.GetLocation());
                }
            }
        }

        for (INamedTypeSymbol? baseType = symbol.BaseType; baseType is not null && baseType.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (!member.IsImplicitlyDeclared && member.DeclaredAccessibility != Accessibility.Private && member is not IMethodSymbol { MethodKind: MethodKind.Constructor })
                {
                    Take(member.Name, $"member inherited from '{baseType.Name}'", null);
                }
            }
        }

        foreach (string name in generated.Distinct().OrderBy(n => n, StringComparer.Ordinal))
        {
            if (taken.TryGetValue(name, out (string Kind, LocationInfo? Location) clash))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, clash.Location ?? fallback, typeName, clash.Kind, name);
            }
        }
    }
}
