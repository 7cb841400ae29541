namespace LstmGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one model, before its file (if any) is read: the declared layers, or null when a
/// file gives them, and the options. Plain, equatable values only.
/// </summary>
/// <param name="Target">The user's type.</param>
/// <param name="Declared">The layers as the declaration states them (activation layers folded in), or null when a file gives them.</param>
/// <param name="Residual">Whether the declaration sets Residual: true, false, or null when it leaves it to the file.</param>
/// <param name="Element">The element type.</param>
/// <param name="MaxSteps">The training tape's length; 0 for inference only.</param>
/// <param name="Adam">Whether a training model also gets Adam.</param>
/// <param name="ExactActivations">Whether float activations use the runtime library's exact functions.</param>
/// <param name="Weights">The file whose weights are baked (and whose layers are taken when none are declared), or null.</param>
/// <param name="LayersFrom">The file whose layers are taken while the weights stay writable, or null.</param>
/// <param name="TakenNames">The user's member names that a layer's generated members could clash with, for models whose layers come from the file.</param>
/// <param name="Streams">The number of independent sequences the model runs together; 1 for an ordinary model.</param>
internal sealed record ModelSpec(
    TypeTarget Target,
    DeclaredModel? Declared,
    bool? Residual,
    ElementKind Element,
    int MaxSteps,
    bool Adam,
    bool ExactActivations,
    string? Weights,
    string? LayersFrom,
    EquatableArray<string> TakenNames,
    int Streams = 1)
{
    public bool IsTraining => MaxSteps > 0;

    /// <summary>Whether the model steps several independent sequences (streams) together.</summary>
    public bool IsStreamed => Streams > 1;

    public bool IsBaked => Weights is not null;

    /// <summary>The file the model reads at build time, if any.</summary>
    public string? File => Weights ?? LayersFrom;
}

/// <summary>A model's layers as its declaration states them.</summary>
/// <param name="InputWidth">The model's input width.</param>
/// <param name="Layers">The layers, as declared (activation layers are folded when the structure is built).</param>
internal sealed record DeclaredModel(int InputWidth, EquatableArray<ModelLayer> Layers);
