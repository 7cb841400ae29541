namespace LstmGen.Generator.Model;

/// <summary>Everything one generated file depends on: the layer, the compilation facts and, for baked layers, the weights.</summary>
internal sealed record EmitInput(LayerSpec Spec, CompilationFacts Facts, BakedWeights? Baked);
