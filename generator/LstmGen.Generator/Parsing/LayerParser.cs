using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LstmGen.Generator.Emit;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>Turns one <c>[LstmLayer]</c> declaration into a <see cref="LayerSpec"/> and the diagnostics it deserves.</summary>
internal static class LayerParser
{
    private const string AttributeName = "LstmLayer";

    public static ParseResult<LayerSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        LocationInfo? attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        try
        {
            return ParseCore(symbol, (TypeDeclarationSyntax)context.TargetNode, context.Attributes, attributeLocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, attributeLocation, symbol.Name, exception.Message);
            return new ParseResult<LayerSpec>(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), attributeLocation);
        }
    }

    private static ParseResult<LayerSpec> ParseCore(
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        System.Collections.Immutable.ImmutableArray<AttributeData> attributesHere,
        LocationInfo? attributeLocation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ParseResult<LayerSpec> Fail() => new(null, new EquatableArray<DiagnosticInfo>(diagnostics), attributeLocation);
        string typeName = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        if (Duplicates.Report(symbol, declaration, diagnostics, typeName, cancellationToken))
        {
            return Fail();
        }

        TypeTarget? target = TypeTargetParser.Parse(symbol, declaration, AttributeName, "Layer", attributeLocation, diagnostics);
        AttributeData attribute = attributesHere[0];
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 2)
        {
            // The compiler already reports the malformed attribute; generating would only add noise.
            return Fail();
        }

        var arguments = new AttributeArguments(attribute, attributeLocation, cancellationToken);
        int inputWidth = (int)(attribute.ConstructorArguments[0].Value ?? 0);
        int stateWidth = (int)(attribute.ConstructorArguments[1].Value ?? 0);
        Widths.Check(inputWidth, "input width", arguments.Location("inputWidth", 0), typeName, diagnostics);
        Widths.Check(stateWidth, "state width", arguments.Location("stateWidth", 1), typeName, diagnostics);

        var options = AttributeOptions.Read(attribute);
        foreach ((string argument, string problem) in options.Problems)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, arguments.Location(argument, -1), typeName, problem));
        }

        if (options.Kernel == LstmKernel.RowBlocked && stateWidth % 4 != 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOption,
                arguments.Location("Kernel", -1),
                typeName,
                $"Kernel = RowBlocked needs a state width that is a multiple of 4, but it is {stateWidth}"));
        }

        if (diagnostics.Count > 0 || target is null)
        {
            return Fail();
        }

        var spec = new LayerSpec(target, inputWidth, stateWidth, options.Element, options.MaxSteps, options.Adam, options.ExactActivations, options.Kernel, options.Weights, options.Streams);
        LayerPlan plan = KernelPlanner.Plan(spec);
        if (plan.StorageBytes > LstmLimits.MaxStorageBytes)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooLarge,
                spec.IsTraining ? arguments.Location("MaxSteps", -1) : spec.IsStreamed ? arguments.Location("Streams", -1) : arguments.Location("stateWidth", 1),
                typeName,
                $"its buffers take {plan.StorageBytes:N0} bytes, more than the limit of {LstmLimits.MaxStorageBytes:N0} ({LstmLimits.MaxStorageBytes / (1024 * 1024)} MiB; the runtime loads no type of 128 MiB or more)"));
        }

        if (spec.IsBaked && plan.ParameterCount > LstmLimits.MaxBakedParameterCount)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooLarge,
                arguments.Location("Weights", -1),
                typeName,
                $"baking {plan.ParameterCount:N0} parameters would write about {plan.ParameterCount * 16L / (1024 * 1024)} MB of source; the limit for baked parameters is {LstmLimits.MaxBakedParameterCount:N0}, so load larger models at run time"));
        }

        diagnostics.AddRange(NameClashes.Find(symbol, LayerApi.Names(spec), typeName, LocationInfo.From(declaration.Identifier.GetLocation())));
        return diagnostics.Count > 0 ? Fail() : new ParseResult<LayerSpec>(spec, EquatableArray<DiagnosticInfo>.Empty, attributeLocation);
    }
}
