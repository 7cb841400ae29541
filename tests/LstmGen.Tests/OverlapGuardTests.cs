using System;
using LstmGen.CompilerServices;
using Xunit;

namespace LstmGen.Tests;

/// <summary><see cref="LstmGuard.NoOverlap{T}"/> writes the overlap test out; it must agree with <see cref="MemoryExtensions.Overlaps{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
public sealed class OverlapGuardTests
{
    [Fact]
    public void No_overlap_agrees_with_the_library_for_every_pair_of_sub_spans()
    {
        var shared = new float[12];
        var elsewhere = new float[12];
        int checkedPairs = 0;
        for (int inputStart = 0; inputStart <= shared.Length; inputStart++)
        {
            for (int inputLength = 0; inputStart + inputLength <= shared.Length; inputLength++)
            {
                for (int outputStart = 0; outputStart <= shared.Length; outputStart++)
                {
                    for (int outputLength = 0; outputStart + outputLength <= shared.Length; outputLength++)
                    {
                        Check(shared.AsSpan(inputStart, inputLength), shared.AsSpan(outputStart, outputLength));
                        Check(shared.AsSpan(inputStart, inputLength), elsewhere.AsSpan(outputStart, outputLength));
                        checkedPairs++;
                    }
                }
            }
        }

        Assert.Equal(91 * 91, checkedPairs);
    }

    [Fact]
    public void Spans_that_share_part_of_an_element_overlap()
    {
        var bytes = new byte[32];
        ReadOnlySpan<double> whole = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes.AsSpan(0, 16));
        ReadOnlySpan<double> shifted = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes.AsSpan(12, 16));
        Check(whole, shifted);
        Check(shifted, whole);
    }

    private static void Check<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output)
    {
        bool expected = input.Overlaps(output);
        ArgumentException? thrown = null;
        try
        {
            LstmGuard.NoOverlap(input, output, "output");
        }
        catch (ArgumentException exception)
        {
            thrown = exception;
        }

        Assert.Equal(expected, thrown is not null);
        if (thrown is not null)
        {
            Assert.Equal("output", thrown.ParamName);
        }
    }
}
