namespace LstmGen.Generator.Baking;

/// <summary>
/// Forms a layer's single bias from PyTorch's two exactly as the runtime's <c>LoadSafeTensors</c> does, so a baked layer
/// and the same file loaded at run time hold the same bits: the sum is taken in the layer's element type, and a zero
/// addend leaves the other value as it is (sign of zero included).
/// </summary>
internal static class BiasSum
{
    public static double Of(double first, double second, bool single)
    {
        if (single)
        {
            float a = (float)first;
            float b = (float)second;
            return b == 0 ? a : a == 0 ? b : (float)(a + b); // The cast pins the sum to float precision.
        }

        return second == 0 ? first : first == 0 ? second : first + second;
    }
}
