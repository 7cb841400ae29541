namespace LstmGen.Generator;

/// <summary>
/// Names of the pipeline's tracked steps. The tests find them by reflection and assert that each stays cached across
/// unrelated edits, so a step added here cannot go unchecked.
/// </summary>
internal static class TrackingNames
{
    public const string ParsedLayers = nameof(ParsedLayers);
    public const string LayerSpecs = nameof(LayerSpecs);
    public const string LayerDiagnostics = nameof(LayerDiagnostics);
    public const string CompilationFacts = nameof(CompilationFacts);
    public const string WeightRequests = nameof(WeightRequests);
    public const string WeightFiles = nameof(WeightFiles);
    public const string LayerEmitInputs = nameof(LayerEmitInputs);
    public const string BakingDiagnostics = nameof(BakingDiagnostics);
    public const string ParsedModels = nameof(ParsedModels);
    public const string ModelSpecs = nameof(ModelSpecs);
    public const string ModelDiagnostics = nameof(ModelDiagnostics);
    public const string ModelFileDiagnostics = nameof(ModelFileDiagnostics);
    public const string ModelEmitInputs = nameof(ModelEmitInputs);
}
