namespace LstmGen.Generator.Model;

/// <summary>Everything one generated model file depends on, with its file (if any) read.</summary>
/// <param name="Spec">The model.</param>
/// <param name="Facts">The compilation facts.</param>
/// <param name="InputWidth">The resolved input width.</param>
/// <param name="Layers">The resolved layers (activation layers folded in).</param>
/// <param name="ResidualWidth">The resolved residual width.</param>
/// <param name="Baked">For a baked model, each layer's parameters in storage order; null otherwise, or when the file failed.</param>
internal sealed record ModelEmitInput(
    ModelSpec Spec,
    CompilationFacts Facts,
    int InputWidth,
    EquatableArray<ModelLayer> Layers,
    int ResidualWidth,
    EquatableArray<BakedParameters>? Baked)
{
    public ModelStructure Structure => new(InputWidth, Layers, ResidualWidth);
}
