using System;
using System.Globalization;

namespace LstmGen.Testing;

/// <summary>
/// How many cases the property tests run: a few hundred by default, so CI stays quick, or as many as
/// <c>LSTMGEN_PROPERTY_ITERATIONS</c> says (for example 10000 for a long run). <c>LSTMGEN_PROPERTY_SEED</c> replays the seed
/// a failure printed. One file, linked into both test projects.
/// </summary>
internal static class PropertyRuns
{
    public static long Iterations(long byDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable("LSTMGEN_PROPERTY_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out long iterations) && iterations > 0
            ? iterations
            : byDefault;

    public static string? Seed => Environment.GetEnvironmentVariable("LSTMGEN_PROPERTY_SEED");
}
