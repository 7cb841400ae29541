namespace LstmGen;

/// <summary>
/// The size limits the generator enforces (diagnostic LSTM003), shared as source with the generator so the two cannot
/// disagree. <see cref="LstmLayerAttribute"/> publishes them.
/// </summary>
internal static class LstmLimits
{
    /// <summary>The largest input, state or dense width: it bounds the size of the unrolled kernels.</summary>
    public const int MaxWidth = 1024;

    /// <summary>
    /// The most bytes of buffers one generated type holds. The CLR refuses to load a type whose instance fields take 128 MiB or
    /// more (measured under the JIT on .NET 10: 134,214,114 bytes load, 134,218,208 do not; NativeAOT has no such limit), so
    /// the limit stays well below that line: 120 MiB.
    /// </summary>
    public const long MaxStorageBytes = 120L * 1024 * 1024;

    /// <summary>The largest tape, in steps.</summary>
    public const int MaxTapeSteps = 65536;

    /// <summary>
    /// The most streams one layer steps together. Each stream keeps its own h and c; the stream kernels unroll only a
    /// register-sized group of streams, so the bound is on the state's size and the caller's spans, not on the code.
    /// </summary>
    public const int MaxStreams = 4096;

    /// <summary>The most parameters baked into source at build time: each becomes a literal of about 16 bytes.</summary>
    public const int MaxBakedParameterCount = 1024 * 1024;
}
