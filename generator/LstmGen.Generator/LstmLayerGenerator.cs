using System;
using System.Collections.Immutable;
using LstmGen.Generator.Baking;
using LstmGen.Generator.Emit;
using LstmGen.Generator.Model;
using LstmGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator;

/// <summary>
/// The LstmGen incremental generator: finds <c>[LstmLayer]</c> types, parses them into equatable specs, and emits one file per
/// layer. Diagnostics travel on their own output so that moving code around (which changes locations) never re-emits source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LstmLayerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<LayerParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LayerParser.AttributeMetadataName,
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                LayerParser.Parse)
            .WithTrackingName(TrackingNames.ParsedLayers);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) => Report(output, list));

        IncrementalValuesProvider<LayerSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.LayerSpecs);

        IncrementalValueProvider<CompilationFacts> facts = context.CompilationProvider
            .Select(static (compilation, _) => CompilationFacts.From(compilation))
            .WithTrackingName(TrackingNames.CompilationOptions);

        // Baked weights: only files some layer asks for are read, and each is read once per change of that file.
        IncrementalValueProvider<EquatableArray<string>> requests = specs
            .Where(static spec => spec.Weights is not null)
            .Select(static (spec, _) => spec.Weights!.Path)
            .Collect()
            .Select(static (paths, _) => new EquatableArray<string>(paths))
            .WithTrackingName(TrackingNames.WeightRequests);
        IncrementalValueProvider<ImmutableArray<WeightFile>> files = context.AdditionalTextsProvider
            .Combine(requests)
            .Where(static pair => WeightFileMatcher.IsRequested(pair.Left.Path, pair.Right))
            .Select(static (pair, cancellationToken) => WeightFileReader.Read(pair.Left, cancellationToken))
            .WithTrackingName(TrackingNames.WeightFiles)
            .Collect();

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> bakingDiagnostics = parsed
            .Where(static result => result.Spec?.Weights is not null)
            .Combine(files)
            .Select(static (pair, _) => BakedWeightsResolver.Diagnose(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.BakingDiagnostics);
        context.RegisterSourceOutput(bakingDiagnostics, static (output, list) => Report(output, list));

        IncrementalValuesProvider<EmitInput> inputs = specs
            .Combine(facts)
            .Combine(files)
            .Select(static (pair, _) => BakedWeightsResolver.Prepare(pair.Left.Left, pair.Left.Right, pair.Right))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(TrackingNames.EmitInputs);
        context.RegisterSourceOutput(inputs, static (output, input) => Emit(output, input));
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static void Emit(SourceProductionContext output, EmitInput input)
    {
        if (!input.Facts.HasInlineArray)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeedsNet8, Location.None, input.Spec.DisplayName));
            return;
        }

        string source;
        try
        {
            source = LayerEmitter.Emit(input.Spec, input.Facts.AllowUnsafe, input.Baked);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, input.Spec.DisplayName, exception.Message));
            return;
        }

        output.AddSource(input.Spec.HintName, source);
    }
}
