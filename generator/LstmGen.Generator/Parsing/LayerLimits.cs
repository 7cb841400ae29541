namespace LstmGen.Generator.Parsing;

/// <summary>
/// Size limits, identical to the constants on <c>LstmGen.LstmLayerAttribute</c> (a test keeps the two in step).
/// They keep fixed buffers to sizes the runtime loads and a stack or heap holds comfortably.
/// </summary>
internal static class LayerLimits
{
    public const int MaxWidth = 1024;
    public const int MaxParameterCount = 4 * 1024 * 1024;

    /// <summary>Baked weights become source literals (about 16 bytes each); beyond this the file would slow every build.</summary>
    public const int MaxBakedParameterCount = 1024 * 1024;
    public const int MaxTapeSteps = 65536;
    public const long MaxTapeElements = 16L * 1024 * 1024;
}
