namespace LstmGen.Generator.Model;

/// <summary>Everything one generated layer file depends on.</summary>
/// <param name="Spec">The layer.</param>
/// <param name="Facts">The compilation facts.</param>
/// <param name="Baked">The baked parameters, or null for a writable layer and for a baked one whose file failed.</param>
internal sealed record LayerEmitInput(LayerSpec Spec, CompilationFacts Facts, BakedParameters? Baked);
