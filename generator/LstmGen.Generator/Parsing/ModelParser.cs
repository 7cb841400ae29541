using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LstmGen.Generator.Emit;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>
/// Turns one <c>[LstmModel]</c> declaration into a <see cref="ModelSpec"/> and the diagnostics it deserves. The layers come
/// from the constructor (<c>inputWidth, hiddenWidths, outputWidth</c>), from <c>[Lstm]</c>, <c>[Dense]</c> and
/// <c>[Activation]</c> attributes on the same declaration in source order, or, with neither, from the file at build time.
/// </summary>
internal static class ModelParser
{
    public const string LstmAttribute = "LstmGen.LstmAttribute";
    public const string DenseAttribute = "LstmGen.DenseAttribute";
    public const string ActivationAttribute = "LstmGen.ActivationAttribute";

    private const string AttributeName = "LstmModel";

    public static ParseResult<ModelSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        LocationInfo? attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        try
        {
            return ParseCore(symbol, (TypeDeclarationSyntax)context.TargetNode, attribute, attributeLocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, attributeLocation, symbol.Name, exception.Message);
            return new ParseResult<ModelSpec>(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), attributeLocation);
        }
    }

    /// <summary>Whether an attribute declares one layer of a model.</summary>
    public static bool IsLayerAttribute(AttributeData attribute) =>
        attribute.AttributeClass?.ToDisplayString() is LstmAttribute or DenseAttribute or ActivationAttribute;

    private static ParseResult<ModelSpec> ParseCore(
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        AttributeData attribute,
        LocationInfo? attributeLocation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ParseResult<ModelSpec> Fail() => new(null, new EquatableArray<DiagnosticInfo>(diagnostics), attributeLocation);
        string typeName = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (Duplicates.Report(symbol, declaration, diagnostics, typeName, cancellationToken))
        {
            return Fail();
        }

        TypeTarget? target = TypeTargetParser.Parse(symbol, declaration, AttributeName, "Model", attributeLocation, diagnostics);
        int positional = attribute.ConstructorArguments.Length;
        if (attribute.AttributeConstructor is null || positional is not (0 or 1 or 3))
        {
            // The compiler already reports the malformed attribute; generating would only add noise.
            return Fail();
        }

        var arguments = new AttributeArguments(attribute, attributeLocation, cancellationToken);
        var options = AttributeOptions.Read(attribute);
        foreach ((string argument, string problem) in options.Problems)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, arguments.Location(argument, -1), typeName, problem));
        }

        List<AttributeData> layerAttributes = LayerAttributes(symbol, declaration, diagnostics, typeName, cancellationToken);
        DeclaredModel? declared = positional switch
        {
            0 => FromFileOnly(options, layerAttributes, attributeLocation, diagnostics, typeName, cancellationToken),
            1 => FromLayerAttributes(attribute, arguments, layerAttributes, attributeLocation, diagnostics, typeName, cancellationToken),
            _ => FromStackForm(attribute, arguments, layerAttributes, diagnostics, typeName, cancellationToken),
        };

        if (declared is not null && diagnostics.Count == 0)
        {
            string? problem = ModelStructure.Check(declared.InputWidth, declared.Layers, options.Residual == true ? 1 : 0);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, attributeLocation, typeName, problem.TrimEnd('.')));
            }
        }

        if (diagnostics.Count > 0 || target is null)
        {
            return Fail();
        }

        var spec = new ModelSpec(
            target,
            declared,
            options.Residual,
            options.Element,
            options.MaxSteps,
            options.Adam,
            options.ExactActivations,
            options.Weights?.Path,
            options.LayersFrom,
            new EquatableArray<string>(TakenNames(symbol)),
            options.Streams);
        if (declared is not null)
        {
            var plan = new ModelPlan(spec, new ModelStructure(declared.InputWidth, declared.Layers, options.Residual == true ? 1 : 0));
            if (ModelLimits.Check(plan) is string tooLarge)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, arguments.Location(spec.IsTraining ? "MaxSteps" : spec.IsStreamed ? "Streams" : string.Empty, -1), typeName, tooLarge));
            }

            diagnostics.AddRange(NameClashes.Find(symbol, ModelApi.Names(plan), typeName, LocationInfo.From(declaration.Identifier.GetLocation())));
        }
        else
        {
            diagnostics.AddRange(NameClashes.Find(symbol, ModelApi.FixedNames(spec), typeName, LocationInfo.From(declaration.Identifier.GetLocation())));
        }

        return diagnostics.Count > 0 ? Fail() : new ParseResult<ModelSpec>(spec, EquatableArray<DiagnosticInfo>.Empty, attributeLocation);
    }

    /// <summary>
    /// The layer attributes in source order. They must sit on the declaration that carries [LstmModel]: the order of
    /// attributes across partial declarations is not defined, and a model's layers have an order.
    /// </summary>
    private static List<AttributeData> LayerAttributes(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics, string typeName, CancellationToken cancellationToken)
    {
        var here = new List<(int Position, AttributeData Attribute)>();
        foreach (AttributeData layer in symbol.GetAttributes().Where(IsLayerAttribute))
        {
            SyntaxReference? reference = layer.ApplicationSyntaxReference;
            if (reference is not null && reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span))
            {
                here.Add((reference.Span.Start, layer));
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidOption,
                    LocationInfo.From(reference?.GetSyntax(cancellationToken)),
                    typeName,
                    "layer attributes must sit on the declaration that carries [LstmModel], in order: across partial declarations their order is not defined"));
            }
        }

        return here.OrderBy(item => item.Position).Select(item => item.Attribute).ToList();
    }

    private static DeclaredModel? FromFileOnly(
        AttributeOptions options,
        List<AttributeData> layerAttributes,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> diagnostics,
        string typeName,
        CancellationToken cancellationToken)
    {
        if (layerAttributes.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOption,
                LocationInfo.From(layerAttributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                typeName,
                "layer attributes need the model's input width first: write [LstmModel(inputWidth)] before them"));
        }
        else if (options.Weights is null && options.LayersFrom is null && !options.Problems.Any(p => p.Argument is "Weights" or "LayersFrom"))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOption,
                attributeLocation,
                typeName,
                "[LstmModel] with no sizes reads its layers from a file: set Weights (baked) or LayersFrom (writable), or state the sizes"));
        }

        return null;
    }

    private static DeclaredModel? FromLayerAttributes(
        AttributeData attribute,
        AttributeArguments arguments,
        List<AttributeData> layerAttributes,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> diagnostics,
        string typeName,
        CancellationToken cancellationToken)
    {
        int inputWidth = attribute.ConstructorArguments[0].Value is int value ? value : 0;
        Widths.Check(inputWidth, "input width", arguments.Location("inputWidth", 0), typeName, diagnostics);
        if (layerAttributes.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOption,
                attributeLocation,
                typeName,
                "[LstmModel(inputWidth)] declares no layers; follow it with [Lstm], [Dense] and [Activation] attributes in order, or use [LstmModel(inputWidth, hiddenWidths, outputWidth)]"));
            return null;
        }

        var layers = new List<ModelLayer>();
        int width = inputWidth;
        for (int k = 0; k < layerAttributes.Count; k++)
        {
            AttributeData layer = layerAttributes[k];
            LocationInfo? location = LocationInfo.From(layer.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
            ImmutableArray<TypedConstant> values = layer.ConstructorArguments;
            if (layer.AttributeConstructor is null || values.Length == 0)
            {
                return null;
            }

            int first = values[0].Value is int number ? number : 0;
            switch (layer.AttributeClass!.ToDisplayString())
            {
                case LstmAttribute:
                    Widths.Check(first, $"hidden width of layer {k}", location, typeName, diagnostics);
                    layers.Add(new ModelLayer(ModelLayerKind.Lstm, width, first));
                    width = first;
                    break;
                case DenseAttribute:
                    Widths.Check(first, $"output width of layer {k}", location, typeName, diagnostics);
                    ActivationKind activation = Activation(values.Length > 1 ? values[1].Value : 0, k, location, diagnostics, typeName);
                    layers.Add(new ModelLayer(ModelLayerKind.Dense, width, first, activation));
                    width = first;
                    break;
                default:
                    layers.Add(new ModelLayer(ModelLayerKind.Activation, width, width, Activation(values[0].Value, k, location, diagnostics, typeName)));
                    break;
            }
        }

        return new DeclaredModel(inputWidth, new EquatableArray<ModelLayer>(ModelStructure.Fold(layers)));
    }

    private static DeclaredModel? FromStackForm(
        AttributeData attribute,
        AttributeArguments arguments,
        List<AttributeData> layerAttributes,
        List<DiagnosticInfo> diagnostics,
        string typeName,
        CancellationToken cancellationToken)
    {
        if (layerAttributes.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOption,
                LocationInfo.From(layerAttributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                typeName,
                "[LstmModel(inputWidth, hiddenWidths, outputWidth)] already declares every layer; use [LstmModel(inputWidth)] to declare them as attributes instead"));
            return null;
        }

        int inputWidth = attribute.ConstructorArguments[0].Value is int i ? i : 0;
        int outputWidth = attribute.ConstructorArguments[2].Value is int o ? o : 0;
        TypedConstant hidden = attribute.ConstructorArguments[1];
        Widths.Check(inputWidth, "input width", arguments.Location("inputWidth", 0), typeName, diagnostics);
        Widths.Check(outputWidth, "output width", arguments.Location("outputWidth", 2), typeName, diagnostics);
        LocationInfo? hiddenLocation = arguments.Location("hiddenWidths", 1);
        if (hidden.Kind != TypedConstantKind.Array || hidden.IsNull || hidden.Values.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, hiddenLocation, typeName, "hiddenWidths must list at least one LSTM layer's width, as in new[] { 40 }"));
            return null;
        }

        var layers = new List<ModelLayer>();
        int width = inputWidth;
        for (int k = 0; k < hidden.Values.Length; k++)
        {
            int h = hidden.Values[k].Value is int value ? value : 0;
            Widths.Check(h, $"hidden width of layer {k}", hiddenLocation, typeName, diagnostics);
            layers.Add(new ModelLayer(ModelLayerKind.Lstm, width, h));
            width = h;
        }

        layers.Add(new ModelLayer(ModelLayerKind.Dense, width, outputWidth));
        return new DeclaredModel(inputWidth, new EquatableArray<ModelLayer>(layers));
    }

    private static ActivationKind Activation(object? value, int k, LocationInfo? location, List<DiagnosticInfo> diagnostics, string typeName)
    {
        if (value is int number && Enum.IsDefined(typeof(ActivationKind), number))
        {
            return (ActivationKind)number;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, location, typeName, $"layer {k}'s activation {value} is not a known ActivationKind"));
        return ActivationKind.Identity;
    }

    /// <summary>The user's own names that a file-given model's layer members could take (Lstm0, Dense1Layer, …), checked once the file is read.</summary>
    private static IEnumerable<string> TakenNames(INamedTypeSymbol symbol) =>
        symbol.GetMembers().Where(member => !member.IsImplicitlyDeclared && ModelApi.IsLayerMemberName(member.Name)).Select(member => member.Name).Distinct().OrderBy(name => name, StringComparer.Ordinal);
}
