using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LstmGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>
/// Checks that a declaration can receive generated members, whatever it is to become (layer or model), and records how to
/// write it: namespace, enclosing types, keyword, escaped names, file names.
/// </summary>
internal static class TypeTargetParser
{
    public const string LayerAttribute = "LstmGen.LstmLayerAttribute";
    public const string ModelAttribute = "LstmGen.LstmModelAttribute";

    /// <summary>The lowest C# version whose features the generated code uses (file-local types, ref fields).</summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp11;

    /// <summary>C# 13's <see cref="LanguageVersion"/> value, which Roslyn 4.11 (the version the generator builds against) does not name yet.</summary>
    private const int CSharp13 = 1300;

    /// <summary>
    /// Returns the target, or null after adding the diagnostics that forbid generating for it. Checks: partial, kind of type,
    /// generic, file-local, enclosing types partial, C# version, struct layout, base type.
    /// </summary>
    public static TypeTarget? Parse(
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        string attributeName,
        string implSuffix,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        string typeName = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        LocationInfo? typeLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, typeLocation, typeName, attributeName));
        }

        string? unsupported = symbol.IsStatic ? "static"
            : symbol.IsRefLikeType ? "a ref struct"
            : symbol.IsReadOnly ? "a readonly struct"
            : symbol.IsRecord ? "a record: its compiler-written equality and ToString would read every buffer"
            : symbol.TypeKind is not (TypeKind.Class or TypeKind.Struct) ? "not a class or struct"
            : null;
        if (unsupported is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTypeKind, typeLocation, typeName, unsupported));
        }

        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, typeLocation, typeName, attributeName));
                break;
            }
        }

        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                string what = SymbolEqualityComparer.Default.Equals(type, symbol) ? "file-local" : $"nested in the file-local type '{type.Name}'";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, typeLocation, typeName, what));
                break;
            }
        }

        var containingTypes = new List<ContainingType>();
        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax outer; parent = parent.Parent)
        {
            if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial,
                    LocationInfo.From(outer.Identifier.GetLocation()),
                    outer.Identifier.ValueText,
                    typeName));
            }

            containingTypes.Insert(0, new ContainingType(KeywordOf(outer), Identifiers.Escape(outer.Identifier.ValueText)));
        }

        LanguageVersion version = ((CSharpParseOptions)declaration.SyntaxTree.Options).LanguageVersion;
        if (version < MinimumLanguageVersion)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, attributeLocation, typeName, version.ToDisplayString()));
        }

        for (INamedTypeSymbol? baseType = symbol.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.GetAttributes().Any(IsGeneratorAttribute))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DerivesFromGenerated, typeLocation, typeName, baseType.ToDisplayString()));
                break;
            }
        }

        bool needsAutoLayout = CheckLayout(symbol, typeLocation, typeName, diagnostics);
        if (diagnostics.Count > before)
        {
            return null;
        }

        var namespaceParts = new List<string>();
        for (INamespaceSymbol? space = symbol.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            namespaceParts.Insert(0, space.Name);
        }

        var typeNames = new List<string>();
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            typeNames.Insert(0, type.Name);
        }

        string? escapedNamespace = namespaceParts.Count == 0 ? null : string.Join(".", namespaceParts.Select(Identifiers.Escape));
        string displayName = string.Join(".", namespaceParts.Concat(typeNames));
        string cref = "global::" + string.Join(".", namespaceParts.Concat(typeNames).Select(Identifiers.Escape));
        return new TypeTarget(
            escapedNamespace,
            new EquatableArray<ContainingType>(containingTypes),
            Identifiers.Escape(symbol.Name),
            KeywordOf(declaration),
            symbol.IsValueType,
            needsAutoLayout,
            displayName,
            cref,
            Identifiers.HintName(namespaceParts, typeNames, implSuffix == "Layer" ? "Lstm" : "LstmModel"),
            Identifiers.ImplName(namespaceParts, typeNames, implSuffix),
            !symbol.IsValueType || (int)version >= CSharp13);
    }

    /// <summary>Whether an attribute is one that makes the generator write a type: [LstmLayer] or [LstmModel].</summary>
    public static bool IsGeneratorAttribute(AttributeData attribute)
    {
        string? name = attribute.AttributeClass?.ToDisplayString();
        return name is LayerAttribute or ModelAttribute;
    }

    /// <summary>
    /// Returns whether the generated part must say <c>[StructLayout(LayoutKind.Auto)]</c>, and reports a layout that the
    /// generated buffers cannot live with. A struct's field order across partial declarations is undefined, so where the
    /// user's declarations hold instance fields (or may: properties, events, a primary constructor), the compiler warns
    /// (CS0282) unless the layout is Auto.
    /// </summary>
    private static bool CheckLayout(INamedTypeSymbol symbol, LocationInfo? location, string typeName, List<DiagnosticInfo> diagnostics)
    {
        bool ownFields = symbol.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).OfType<TypeDeclarationSyntax>().Any(HoldsInstanceState);
        AttributeData? layout = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute");
        if (layout is null)
        {
            return symbol.IsValueType && ownFields;
        }

        object? kind = layout.ConstructorArguments.Length == 1 ? layout.ConstructorArguments[0].Value : null;
        int value = kind is int number ? number : kind is short shortNumber ? shortNumber : -1;
        const int Sequential = 0;
        const int Explicit = 2;
        if (value == Explicit || (value == Sequential && symbol.IsValueType && ownFields))
        {
            string name = value == Explicit ? "Explicit" : "Sequential";
            string why = value == Explicit ? string.Empty : " and fields of its own, whose order across partial declarations is undefined";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StructLayoutConflict, location, typeName, name, why));
        }

        return false;
    }

    private static bool HoldsInstanceState(TypeDeclarationSyntax declaration)
    {
        if (declaration.ParameterList is { Parameters.Count: > 0 })
        {
            return true;
        }

        foreach (MemberDeclarationSyntax member in declaration.Members)
        {
            bool isStatic = member.Modifiers.Any(SyntaxKind.StaticKeyword) || member.Modifiers.Any(SyntaxKind.ConstKeyword);
            if (!isStatic && member is FieldDeclarationSyntax or EventFieldDeclarationSyntax or PropertyDeclarationSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static string KeywordOf(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
