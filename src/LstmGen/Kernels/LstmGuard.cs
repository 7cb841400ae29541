using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LstmGen.Kernels;

/// <summary>
/// Argument checks shared by generated layers. The throwing paths live out of line so the checks cost a compare and a
/// predicted branch on the hot path.
/// </summary>
public static class LstmGuard
{
    /// <summary>Throws an <see cref="ArgumentException"/> unless a span has exactly the expected number of elements.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The required length.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="meaning">What the expected length is, for example <c>"I"</c> or <c>"T·H = 3·16"</c>; optional.</param>
    /// <exception cref="ArgumentException"><paramref name="actual"/> differs from <paramref name="expected"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int expected, string paramName, string? meaning = null)
    {
        if (actual != expected)
        {
            ThrowLength(paramName, expected, actual, meaning);
        }
    }

    /// <summary>
    /// Returns the number of whole steps in a sequence of <paramref name="length"/> elements with <paramref name="width"/>
    /// elements per step, and throws an <see cref="ArgumentException"/> when the length is not a whole number of steps.
    /// </summary>
    /// <param name="length">The sequence span's length.</param>
    /// <param name="width">The number of elements per step.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="widthName">The name of the width, for example <c>"I"</c>.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of the width.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Steps(int length, int width, string paramName, string widthName)
    {
        int steps = length / width;
        if (steps * width != length)
        {
            ThrowSteps(paramName, length, width, widthName);
        }

        return steps;
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> unless a sequence span holds exactly <paramref name="steps"/> steps of
    /// <paramref name="width"/> elements.
    /// </summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="steps">The number of steps, T.</param>
    /// <param name="width">The elements per step.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="widthName">The name of the width, for example <c>"H"</c>.</param>
    /// <exception cref="ArgumentException">The length is not T·width.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SequenceLength(int actual, int steps, int width, string paramName, string widthName)
    {
        if (actual != (long)steps * width)
        {
            ThrowSequence(paramName, actual, steps, width, widthName);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when an output span overlaps an input span.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">The input span.</param>
    /// <param name="output">The output span.</param>
    /// <param name="paramName">The output parameter's name, reported in the exception.</param>
    /// <exception cref="ArgumentException">The spans share memory.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output, string paramName)
    {
        if (input.Overlaps(output))
        {
            ThrowOverlap(paramName);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> unless a sequence fits in the training tape.</summary>
    /// <param name="steps">The sequence's number of steps.</param>
    /// <param name="maxSteps">The tape's capacity.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <exception cref="ArgumentException"><paramref name="steps"/> exceeds <paramref name="maxSteps"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TapeCapacity(int steps, int maxSteps, string paramName)
    {
        if (steps > maxSteps)
        {
            ThrowTape(paramName, steps, maxSteps);
        }
    }

    /// <summary>Throws the exception <see cref="Length"/> describes.</summary>
    /// <param name="paramName">The parameter's name.</param>
    /// <param name="expected">The required length.</param>
    /// <param name="actual">The span's length.</param>
    /// <param name="meaning">What the expected length is; optional.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowLength(string paramName, int expected, int actual, string? meaning = null)
    {
        string what = meaning is null ? string.Empty : $" ({meaning})";
        throw new ArgumentException($"Expected {expected} elements{what} but got {actual}.", paramName);
    }

    [DoesNotReturn]
    private static void ThrowSteps(string paramName, int length, int width, string widthName) =>
        throw new ArgumentException(
            $"Expected a whole number of steps of {width} elements ({widthName}) but got {length} elements, which leaves {length % width} over.",
            paramName);

    [DoesNotReturn]
    private static void ThrowSequence(string paramName, int actual, int steps, int width, string widthName) =>
        throw new ArgumentException(
            $"Expected {(long)steps * width} elements (T·{widthName} = {steps}·{width}) but got {actual}.",
            paramName);

    [DoesNotReturn]
    private static void ThrowOverlap(string paramName) =>
        throw new ArgumentException("The output must not overlap the input.", paramName);

    [DoesNotReturn]
    private static void ThrowTape(string paramName, int steps, int maxSteps) =>
        throw new ArgumentException(
            $"The sequence has {steps} steps but the training tape holds at most {maxSteps} (MaxSteps). Use Step for longer inference, or split the sequence.",
            paramName);
}
