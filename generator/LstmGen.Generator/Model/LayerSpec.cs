namespace LstmGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one layer. Plain, equatable values only: no symbols, syntax nodes, locations
/// or compilations, so an edit that changes none of these leaves the pipeline's cached output in place.
/// </summary>
internal sealed record LayerSpec(
    TypeTarget Target,
    int InputWidth,
    int StateWidth,
    ElementKind Element,
    int MaxSteps,
    bool Adam,
    bool ExactActivations,
    LstmKernel Kernel,
    WeightsRequest? Weights,
    int Streams = 1)
{
    /// <summary>Whether the layer steps several independent sequences (streams) together.</summary>
    public bool IsStreamed => Streams > 1;

    public bool IsTraining => MaxSteps > 0;

    public bool IsBaked => Weights is not null;
}
