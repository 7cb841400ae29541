using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LstmGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>One type holds one layer or one model: reports every [LstmLayer] or [LstmModel] after the first (LSTM006).</summary>
internal static class Duplicates
{
    /// <summary>
    /// Returns whether the type carries more than one generator attribute, across all its partial declarations. Each extra
    /// attribute is reported once, by the pipeline run for the declaration that carries it; both attributes' pipelines see a
    /// type with one of each, so only the [LstmLayer] pipeline reports that case.
    /// </summary>
    public static bool Report(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics, string typeName, CancellationToken cancellationToken)
    {
        AttributeData[] all = symbol.GetAttributes().Where(TypeTargetParser.IsGeneratorAttribute).ToArray();
        if (all.Length <= 1)
        {
            return false;
        }

        bool mixed = all.Any(a => a.AttributeClass?.ToDisplayString() == TypeTargetParser.LayerAttribute)
            && all.Any(a => a.AttributeClass?.ToDisplayString() == TypeTargetParser.ModelAttribute);
        string what = mixed ? "both [LstmLayer] and [LstmModel]" : $"{all.Length} of [{Short(all[0])}]";
        foreach (AttributeData extra in all.Skip(1))
        {
            bool here = extra.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span);
            bool reporter = !mixed || symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TypeTargetParser.LayerAttribute && a.ApplicationSyntaxReference?.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(a.ApplicationSyntaxReference.Span));
            if (here && reporter)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, LocationInfo.From(extra.ApplicationSyntaxReference?.GetSyntax(cancellationToken)), typeName, what));
            }
        }

        return true;
    }

    private static string Short(AttributeData attribute) => attribute.AttributeClass?.Name.Replace("Attribute", string.Empty) ?? "?";
}
