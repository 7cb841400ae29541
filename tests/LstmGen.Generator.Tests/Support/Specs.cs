using LstmGen.Generator.Model;

namespace LstmGen.Generator.Tests.Support;

/// <summary>Builds the parser's model of a layer declaration directly, for tests of the planner.</summary>
public static class Specs
{
    internal static LayerSpec Layer(int inputWidth, int stateWidth, ElementKind element = ElementKind.Single, bool exact = false, KernelChoice kernel = KernelChoice.Auto) =>
        new("Layer.g.cs", null, EquatableArray<ContainingTypeSpec>.Empty, "Layer", "class", false,
            inputWidth, stateWidth, element, 0, false, exact, kernel, null);
}
