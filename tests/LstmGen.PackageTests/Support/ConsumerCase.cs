namespace LstmGen.PackageTests.Support;

/// <summary>The same layer the consumer declares, built here from the repository's projects.</summary>
[LstmLayer(ConsumerCase.InputWidth, ConsumerCase.StateWidth)]
public partial class ConsumerShape;

/// <summary>
/// The consumer's computation, done in-process: the sizes, seeds and inputs it uses, its expected outputs, and the
/// safetensors file its baked layer compiles in.
/// </summary>
internal static class ConsumerCase
{
    public const int InputWidth = 3;
    public const int StateWidth = 5;
    public const int Steps = 7;
    public const ulong InputSeed = 99;
    public const ulong PlainSeed = 11;
    public const ulong BakedSeed = 12;

    /// <summary>Returns the inputs: T·I values from U(−1, 1).</summary>
    public static float[] Inputs()
    {
        float[] xs = new float[Steps * InputWidth];
        new LstmRandom(InputSeed).FillSymmetric(xs, 1.0);
        return xs;
    }

    /// <summary>Returns the hidden states a layer initialised from <paramref name="seed"/> produces over the inputs.</summary>
    /// <param name="seed">The initialisation seed.</param>
    public static float[] Outputs(ulong seed)
    {
        var layer = new ConsumerShape();
        layer.InitializeParameters(seed);
        float[] hs = new float[Steps * StateWidth];
        layer.Forward(Inputs(), hs);
        return hs;
    }

    /// <summary>Returns the baked layer's weights: a layer initialised from <see cref="BakedSeed"/>, as PyTorch would save it.</summary>
    public static byte[] BakedWeights()
    {
        var layer = new ConsumerShape();
        layer.InitializeParameters(BakedSeed);
        return layer.Weights.ToSafeTensors();
    }
}
