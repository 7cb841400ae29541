namespace LstmGen.Generator;

/// <summary>Names of the pipeline's tracked steps; tests assert that each stays cached across unrelated edits.</summary>
internal static class TrackingNames
{
    public const string ParsedLayers = nameof(ParsedLayers);
    public const string LayerSpecs = nameof(LayerSpecs);
    public const string Diagnostics = nameof(Diagnostics);
    public const string CompilationOptions = nameof(CompilationOptions);
    public const string WeightRequests = nameof(WeightRequests);
    public const string WeightFiles = nameof(WeightFiles);
    public const string EmitInputs = nameof(EmitInputs);
    public const string BakingDiagnostics = nameof(BakingDiagnostics);
}
