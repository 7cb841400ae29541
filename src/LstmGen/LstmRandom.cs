using System;

namespace LstmGen;

/// <summary>
/// A small deterministic random generator (SplitMix64) used to initialise layers: the same seed gives the same numbers
/// on every platform and runtime.
/// </summary>
public struct LstmRandom
{
    private ulong _state;

    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">Any 64-bit value.</param>
    public LstmRandom(ulong seed) => _state = seed;

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Returns a uniformly distributed double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a uniformly distributed double in [−<paramref name="range"/>, <paramref name="range"/>).</summary>
    /// <param name="range">The half-width of the interval.</param>
    public double NextSymmetric(double range) => ((NextDouble() * 2.0) - 1.0) * range;

    /// <summary>Fills a span with values uniformly distributed in [−<paramref name="range"/>, <paramref name="range"/>).</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="range">The half-width of the interval.</param>
    public void FillSymmetric(Span<float> destination, double range)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)NextSymmetric(range);
        }
    }

    /// <summary>Fills a span with values uniformly distributed in [−<paramref name="range"/>, <paramref name="range"/>).</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="range">The half-width of the interval.</param>
    public void FillSymmetric(Span<double> destination, double range)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextSymmetric(range);
        }
    }
}
