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
/// The LstmGen incremental generator: finds <c>[LstmLayer]</c> and <c>[LstmModel]</c> types, parses them into equatable
/// specs, reads the model files they name, and writes one file per layer or model. Diagnostics travel on their own outputs so that moving code around (which changes locations) never re-emits
/// source. Everything runs under the invariant culture, so numbers in code and messages never depend on the machine.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LstmGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult<LayerSpec>> layers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeTargetParser.LayerAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (syntax, cancellationToken) => Invariant.Run(() => LayerParser.Parse(syntax, cancellationToken)))
            .WithTrackingName(TrackingNames.ParsedLayers);

        context.RegisterSourceOutput(
            layers.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.LayerDiagnostics),
            static (output, list) => Report(output, list));

        IncrementalValuesProvider<LayerSpec> layerSpecs = layers
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.LayerSpecs);

        IncrementalValueProvider<CompilationFacts> facts = context.CompilationProvider
            .Select(static (compilation, _) => CompilationFacts.From(compilation))
            .WithTrackingName(TrackingNames.CompilationFacts);

        IncrementalValuesProvider<ParseResult<ModelSpec>> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeTargetParser.ModelAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (syntax, cancellationToken) => Invariant.Run(() => ModelParser.Parse(syntax, cancellationToken)))
            .WithTrackingName(TrackingNames.ParsedModels);

        context.RegisterSourceOutput(
            models.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.ModelDiagnostics),
            static (output, list) => Report(output, list));

        IncrementalValuesProvider<ModelSpec> modelSpecs = models
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.ModelSpecs);

        // Weight files: only files some attribute may name are read, and each is read once per change of that file.
        IncrementalValueProvider<EquatableArray<string>> requests = layerSpecs
            .Where(static spec => spec.Weights is not null)
            .Select(static (spec, _) => spec.Weights!.Path)
            .Collect()
            .Combine(modelSpecs.Where(static spec => spec.File is not null).Select(static (spec, _) => spec.File!).Collect())
            .Select(static (paths, _) => new EquatableArray<string>(paths.Left.AddRange(paths.Right)))
            .WithTrackingName(TrackingNames.WeightRequests);
        IncrementalValueProvider<ImmutableArray<WeightFile>> files = context.AdditionalTextsProvider
            .Combine(requests)
            .Where(static pair => WeightFileMatcher.IsCandidate(pair.Left.Path, pair.Right))
            .Select(static (pair, cancellationToken) => WeightFileReader.Read(pair.Left, cancellationToken))
            .WithTrackingName(TrackingNames.WeightFiles)
            .Collect();

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> bakingDiagnostics = layers
            .Where(static result => result.Spec?.Weights is not null)
            .Combine(files)
            .Select(static (pair, _) => Invariant.Run(() => BakedWeightsResolver.Diagnose(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.BakingDiagnostics);
        context.RegisterSourceOutput(bakingDiagnostics, static (output, list) => Report(output, list));

        IncrementalValuesProvider<LayerEmitInput> layerInputs = layerSpecs
            .Combine(facts)
            .Combine(files)
            .Select(static (pair, _) => Invariant.Run(() => BakedWeightsResolver.Prepare(pair.Left.Left, pair.Left.Right, pair.Right)))
            .WithTrackingName(TrackingNames.LayerEmitInputs);
        context.RegisterSourceOutput(layerInputs, static (output, input) => Emit(output, input.Facts, input.Spec.Target, () => LayerEmitter.Emit(input)));

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> modelFileDiagnostics = models
            .Where(static result => result.Spec?.File is not null)
            .Combine(files)
            .Select(static (pair, _) => Invariant.Run(() => ModelResolver.Diagnose(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.ModelFileDiagnostics);
        context.RegisterSourceOutput(modelFileDiagnostics, static (output, list) => Report(output, list));

        IncrementalValuesProvider<ModelEmitInput> modelInputs = modelSpecs
            .Combine(facts)
            .Combine(files)
            .Select(static (pair, _) => Invariant.Run(() => ModelResolver.Prepare(pair.Left.Left, pair.Left.Right, pair.Right)))
            .WithTrackingName(TrackingNames.ModelEmitInputs);
        context.RegisterSourceOutput(modelInputs, static (output, input) => Emit(output, input.Facts, input.Spec.Target, () => ModelEmitter.Emit(input)));
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static void Emit(SourceProductionContext output, CompilationFacts facts, TypeTarget target, Func<string> write)
    {
        if (!facts.HasInlineArray)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeedsNet8, Location.None, target.DisplayName));
            return;
        }

        string source;
        try
        {
            source = Invariant.Run(write);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, target.DisplayName, exception.Message));
            return;
        }

        output.AddSource(target.HintName, source);
    }
}
