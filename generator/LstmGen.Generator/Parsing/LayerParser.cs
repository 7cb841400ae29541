using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LstmGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>Turns one <c>[LstmLayer]</c> declaration into a <see cref="LayerSpec"/> and the diagnostics it deserves.</summary>
internal static class LayerParser
{
    public const string AttributeMetadataName = "LstmGen.LstmLayerAttribute";

    public static LayerParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        AttributeData attribute = context.Attributes[0];
        LocationInfo? attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        try
        {
            return ParseCore(symbol, declaration, context.Attributes, attributeLocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, attributeLocation, symbol.Name, exception.Message);
            return new LayerParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), attributeLocation);
        }
    }

    private static LayerParseResult ParseCore(
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        System.Collections.Immutable.ImmutableArray<AttributeData> attributesHere,
        LocationInfo? attributeLocation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        LayerParseResult Fail() => new(null, new EquatableArray<DiagnosticInfo>(diagnostics), attributeLocation);

        string typeName = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        LocationInfo? typeLocation = LocationInfo.From(declaration.Identifier.GetLocation());

        // One layer per type: every attribute after the first (across all partial declarations) is an error.
        AttributeData[] allAttributes = symbol.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName)
            .ToArray();
        if (allAttributes.Length > 1)
        {
            // Report each extra attribute once: from the declaration that carries it.
            foreach (AttributeData extra in allAttributes.Skip(1))
            {
                if (extra.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.DuplicateAttribute,
                        LocationInfo.From(extra.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                        typeName));
                }
            }

            return Fail();
        }

        AttributeData attribute = attributesHere[0];
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, typeLocation, typeName));
        }

        string? unsupported = symbol.IsStatic ? "static"
            : symbol.IsRefLikeType ? "a ref struct"
            : symbol.IsReadOnly ? "a readonly struct"
            : symbol.TypeKind is not (TypeKind.Class or TypeKind.Struct) ? "not a class or struct"
            : null;
        if (unsupported is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTypeKind, typeLocation, typeName, unsupported));
        }

        bool generic = false;
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            generic |= type.TypeParameters.Length > 0;
        }

        if (generic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, typeLocation, typeName));
        }

        var containingTypes = new List<ContainingTypeSpec>();
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

            containingTypes.Insert(0, new ContainingTypeSpec(KeywordOf(outer), outer.Identifier.ValueText));
        }

        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 2)
        {
            // The compiler already reports the malformed attribute; generating would only add noise.
            return Fail();
        }

        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        int inputWidth = (int)(attribute.ConstructorArguments[0].Value ?? 0);
        int stateWidth = (int)(attribute.ConstructorArguments[1].Value ?? 0);
        CheckWidth(inputWidth, "input width", 0, "inputWidth");
        CheckWidth(stateWidth, "state width", 1, "stateWidth");

        var options = AttributeOptions.Read(attribute);
        foreach ((string argument, string problem) in options.Problems)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, ArgumentLocation(argument, -1), typeName, problem));
        }

        if (diagnostics.Count > 0)
        {
            return Fail();
        }

        long parameterCount = 4L * stateWidth * (1L + inputWidth + stateWidth);
        if (parameterCount > LayerLimits.MaxParameterCount)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooLarge,
                attributeLocation,
                typeName,
                $"4H·(1+I+H) = {parameterCount} parameters exceed the limit of {LayerLimits.MaxParameterCount}"));
        }

        if (options.Weights is not null && parameterCount > LayerLimits.MaxBakedParameterCount)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooLarge,
                ArgumentLocation("Weights", -1),
                typeName,
                $"baking {parameterCount} parameters would emit about {parameterCount * 16 / (1024 * 1024)} MB of source; the limit for baked layers is {LayerLimits.MaxBakedParameterCount} parameters, so load larger models at run time"));
        }

        long tapeElements = (long)options.MaxSteps * (inputWidth + (7L * stateWidth));
        if (tapeElements > LayerLimits.MaxTapeElements)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooLarge,
                ArgumentLocation("MaxSteps", -1),
                typeName,
                $"the training tape of MaxSteps·(I+7H) = {tapeElements} elements exceeds the limit of {LayerLimits.MaxTapeElements}"));
        }

        if (options.Kernel == KernelChoice.RowBlocked && stateWidth % 4 != 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOption,
                ArgumentLocation("Kernel", -1),
                typeName,
                $"Kernel = RowBlocked needs a state width that is a multiple of 4, but it is {stateWidth}"));
        }

        var spec = new LayerSpec(
            HintName: HintNameOf(symbol),
            Namespace: symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
            ContainingTypes: new EquatableArray<ContainingTypeSpec>(containingTypes),
            TypeName: symbol.Name,
            TypeKeyword: KeywordOf(declaration),
            IsValueType: symbol.IsValueType,
            InputWidth: inputWidth,
            StateWidth: stateWidth,
            Element: options.Element,
            MaxSteps: options.MaxSteps,
            Adam: options.Adam,
            ExactActivations: options.ExactActivations,
            Kernel: options.Kernel,
            Weights: options.Weights);

        foreach (string clash in NameClashes(symbol, spec))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, ClashLocation(symbol, clash) ?? typeLocation, typeName, clash));
        }

        return diagnostics.Count > 0 ? Fail() : new LayerParseResult(spec, EquatableArray<DiagnosticInfo>.Empty, attributeLocation);

        void CheckWidth(int value, string what, int position, string parameterName)
        {
            if (value < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WidthNotPositive, ArgumentLocation(parameterName, position), what, typeName, value));
            }
            else if (value > LayerLimits.MaxWidth)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.TooLarge,
                    ArgumentLocation(parameterName, position),
                    typeName,
                    $"the {what} {value} exceeds the limit of {LayerLimits.MaxWidth}"));
            }
        }

        LocationInfo? ArgumentLocation(string name, int position)
        {
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attributeSyntax?.ArgumentList?.Arguments ?? default;
            foreach (AttributeArgumentSyntax argument in arguments)
            {
                string? written = argument.NameColon?.Name.Identifier.ValueText ?? argument.NameEquals?.Name.Identifier.ValueText;
                if (written == name)
                {
                    return LocationInfo.From(argument);
                }
            }

            if (position >= 0 && position < arguments.Count && arguments[position].NameColon is null && arguments[position].NameEquals is null)
            {
                return LocationInfo.From(arguments[position]);
            }

            return attributeLocation;
        }
    }

    private static IEnumerable<string> NameClashes(INamedTypeSymbol symbol, LayerSpec spec)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { symbol.Name };
        foreach (ISymbol member in symbol.GetMembers())
        {
            if (!member.IsImplicitlyDeclared)
            {
                taken.Add(member.Name);
            }
        }

        foreach (INamedTypeSymbol nested in symbol.GetTypeMembers())
        {
            taken.Add(nested.Name);
        }

        for (INamedTypeSymbol? baseType = symbol.BaseType; baseType is not null && baseType.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (!member.IsImplicitlyDeclared && member.DeclaredAccessibility != Accessibility.Private && member is not IMethodSymbol { MethodKind: MethodKind.Constructor })
                {
                    taken.Add(member.Name);
                }
            }
        }

        return GeneratedNames.For(spec).Where(taken.Contains).Distinct().OrderBy(n => n, StringComparer.Ordinal);
    }

    private static LocationInfo? ClashLocation(INamedTypeSymbol symbol, string name)
    {
        ISymbol? own = symbol.GetMembers(name).FirstOrDefault(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource));
        return own is null ? null : LocationInfo.From(own.Locations.First(l => l.IsInSource));
    }

    private static string KeywordOf(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };

    private static string HintNameOf(INamedTypeSymbol symbol)
    {
        string name = symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
        var safe = new System.Text.StringBuilder(name.Length);
        foreach (char character in name)
        {
            safe.Append(char.IsLetterOrDigit(character) || character == '_' || character == '.' ? character : '_');
        }

        return safe.Append(".Lstm.g.cs").ToString();
    }
}
