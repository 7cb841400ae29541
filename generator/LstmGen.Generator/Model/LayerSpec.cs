namespace LstmGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one layer. Plain, equatable values only: no symbols, syntax nodes, locations
/// or compilations, so an edit that changes none of these leaves the pipeline's cached output in place.
/// </summary>
internal sealed record LayerSpec(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    string TypeKeyword,
    bool IsValueType,
    int InputWidth,
    int StateWidth,
    ElementKind Element,
    int MaxSteps,
    bool Adam,
    bool ExactActivations,
    KernelChoice Kernel,
    BakedWeightsRequest? Weights)
{
    public bool IsTraining => MaxSteps > 0;

    /// <summary>The type's name as written in documentation: outer types and namespace included.</summary>
    public string DisplayName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (ContainingTypeSpec outer in ContainingTypes)
            {
                name.Append(outer.Name).Append('.');
            }

            return name.Append(TypeName).ToString();
        }
    }
}
