using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Tests.Layers;

namespace LstmGen.Tests.Support;

/// <summary>Every float layer the tests declare, by name, so theories can run over all of them.</summary>
public static class LayerCatalog
{
    private static readonly Dictionary<string, Func<ILstmMutableLayer<float>>> Factories = new()
    {
        [nameof(Torch3x2)] = () => new Torch3x2(),
        [nameof(Torch1x8)] = () => new Torch1x8(),
        [nameof(Torch4x16)] = () => new Torch4x16(),
        [nameof(Torch5x7)] = () => new Torch5x7(),
        [nameof(Torch8x32)] = () => new Torch8x32(),
        [nameof(Torch16x64)] = () => new Torch16x64(),
        [nameof(Blocked4x16)] = () => new Blocked4x16(),
        [nameof(Blocked8x32)] = () => new Blocked8x32(),
        [nameof(Axpy16x64)] = () => new Axpy16x64(),
        [nameof(Exact3x2)] = () => new Exact3x2(),
        [nameof(Exact1x8)] = () => new Exact1x8(),
        [nameof(Exact5x7)] = () => new Exact5x7(),
        [nameof(Exact16x64)] = () => new Exact16x64(),
        [nameof(Random1x1)] = () => new Random1x1(),
        [nameof(Random2x3)] = () => new Random2x3(),
        [nameof(Random7x5)] = () => new Random7x5(),
        [nameof(Random3x33)] = () => new Random3x33(),
        [nameof(Random13x9)] = () => new Random13x9(),
        [nameof(Random1x12)] = () => new Random1x12(),
        [nameof(Random6x20)] = () => new Random6x20(),
        [nameof(Random11x4)] = () => new Random11x4(),
        [nameof(Random9x17)] = () => new Random9x17(),
        [nameof(Random2x40)] = () => new Random2x40(),
        [nameof(Random24x24)] = () => new Random24x24(),
        [nameof(Random31x3)] = () => new Random31x3(),
        [nameof(Random5x100)] = () => new Random5x100(),
        [nameof(Random3x48Blocked)] = () => new Random3x48Blocked(),
        [nameof(Random10x20Blocked)] = () => new Random10x20Blocked(),
        [nameof(Random1x24Blocked)] = () => new Random1x24Blocked(),
        [nameof(Random64x128)] = () => new Random64x128(),
        [nameof(Struct8x16)] = () => new Struct8x16(),
        [nameof(Outer.Middle.Nested2x6)] = () => new Outer.Middle.Nested2x6(),
        [nameof(GlobalLayer4x4)] = () => new GlobalLayer4x4(),
    };

    public static IEnumerable<object[]> AllNames => Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    public static ILstmMutableLayer<float> Create(string name) => Factories[name]();

    /// <summary>Every layer whose sizes match, for the PyTorch cases.</summary>
    public static IEnumerable<string> WithSizes(int inputWidth, int stateWidth) =>
        Factories.Where(f =>
        {
            LstmParameterLayout layout = f.Value().ParameterLayout;
            return layout.InputWidth == inputWidth && layout.StateWidth == stateWidth;
        }).Select(f => f.Key).OrderBy(k => k, StringComparer.Ordinal);
}
