using LstmGen.Generator.Model;

namespace LstmGen.Generator.Tests.Support;

/// <summary>Builds the parser's model of a layer declaration directly, for tests of the planner.</summary>
public static class Specs
{
    internal static readonly TypeTarget Target = new(null, EquatableArray<ContainingType>.Empty, "Layer", "class", false, false, "Layer", "global::Layer", "Layer.Lstm.g.cs", "Layer_Layer", true);

    internal static LayerSpec Layer(int inputWidth, int stateWidth, ElementKind element = ElementKind.Single, bool exact = false, LstmKernel kernel = LstmKernel.Auto, int maxSteps = 0) =>
        new(Target, inputWidth, stateWidth, element, maxSteps, false, exact, kernel, null);
}
