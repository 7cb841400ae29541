using System;
using System.ComponentModel;
using System.Numerics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LstmGen.CompilerServices;

/// <summary>
/// Argument checks shared by generated layers. The throwing paths live out of line so the checks cost a compare and a
/// predicted branch on the hot path.
/// </summary>
/// <remarks>For use by generated code: hidden from IntelliSense, and not an API to build on.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
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

    /// <summary>Like <see cref="SequenceLength"/>, but an empty span is accepted too (an output the caller does not need).</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="steps">The number of steps, T.</param>
    /// <param name="width">The elements per step.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="widthName">The name of the width, for example <c>"I"</c>.</param>
    /// <exception cref="ArgumentException">The span is neither empty nor T·width long.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OptionalSequenceLength(int actual, int steps, int width, string paramName, string widthName)
    {
        if (actual != 0)
        {
            SequenceLength(actual, steps, width, paramName, widthName);
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
        // The same test as MemoryExtensions.Overlaps, written out: NativeAOT leaves that call out of line, and it runs
        // on every Step. The spans share memory when the output starts before the input ends and ends after it starts.
        long distance = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output));
        long size = Unsafe.SizeOf<T>();
        if (!input.IsEmpty && !output.IsEmpty && distance < input.Length * size && -distance < output.Length * size)
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

    /// <summary>Throws an <see cref="ArgumentException"/> unless an optional span is empty or has exactly the expected length.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The required length when the span is not empty.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="meaning">What the expected length is; optional.</param>
    /// <exception cref="ArgumentException">The span is neither empty nor of the expected length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OptionalLength(int actual, int expected, string paramName, string? meaning = null)
    {
        if (actual != 0 && actual != expected)
        {
            ThrowLength(paramName, expected, actual, meaning + " or 0 to leave it out");
        }
    }

    /// <summary>Throws an <see cref="InvalidOperationException"/> unless the tape holds steps to back-propagate through.</summary>
    /// <param name="recordedSteps">The number of recorded steps.</param>
    /// <exception cref="InvalidOperationException">No steps are recorded.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Recorded(int recordedSteps)
    {
        if (recordedSteps == 0)
        {
            ThrowNothingRecorded();
        }
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> lies in [0, <paramref name="limit"/>).</summary>
    /// <param name="value">The index: a stream of a streamed layer or model.</param>
    /// <param name="limit">The number of valid indices.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or at least <paramref name="limit"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Index(int value, int limit, string paramName)
    {
        if ((uint)value >= (uint)limit)
        {
            ThrowStream(paramName, value, limit);
        }
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> lies in [0, <paramref name="limit"/>].</summary>
    /// <param name="value">The count: how many of a streamed layer's or model's streams to step.</param>
    /// <param name="limit">The largest valid count.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or above <paramref name="limit"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Count(int value, int limit, string paramName)
    {
        if ((uint)value > (uint)limit)
        {
            ThrowStreamCount(paramName, value, limit);
        }
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> unless a value is finite and not negative (a learning rate).</summary>
    /// <typeparam name="T">The element type; the message shows the value as <typeparamref name="T"/> prints it.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="what">What the value is, for the message: "The learning rate".</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public static void NotNegative<T>(T value, string paramName, string what)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero) || T.IsInfinity(value))
        {
            ThrowRange(paramName, value, $"{what} must be a finite number of at least 0");
        }
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> unless a value is positive and finite (a norm, Adam's ε).</summary>
    /// <typeparam name="T">The element type; the message shows the value as <typeparamref name="T"/> prints it.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="what">What the value is, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, NaN or infinite.</exception>
    public static void Positive<T>(T value, string paramName, string what)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value > T.Zero) || T.IsInfinity(value))
        {
            ThrowRange(paramName, value, $"{what} must be a finite number above 0");
        }
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> unless a value lies in [0, 1) (Adam's β).</summary>
    /// <typeparam name="T">The element type; the message shows the value as <typeparamref name="T"/> prints it.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The parameter's name, reported in the exception.</param>
    /// <param name="what">What the value is, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 0, at least 1, or NaN.</exception>
    public static void Fraction<T>(T value, string paramName, string what)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero && value < T.One))
        {
            ThrowRange(paramName, value, $"{what} must be at least 0 and below 1");
        }
    }

    /// <summary>Throws the exception <see cref="Length"/> describes.</summary>
    /// <param name="paramName">The parameter's name.</param>
    /// <param name="expected">The required length.</param>
    /// <param name="actual">The span's length.</param>
    /// <param name="meaning">What the expected length is; optional.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLength(string paramName, int expected, int actual, string? meaning = null)
    {
        string what = meaning is null ? string.Empty : $" ({meaning})";
        throw new ArgumentException($"Expected {expected} elements{what} but got {actual}.", paramName);
    }

    [DoesNotReturn]

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRange<T>(string paramName, T value, string rule)
        where T : IFloatingPointIeee754<T> =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{rule}, but it is {value.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}.");

    [DoesNotReturn]

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSteps(string paramName, int length, int width, string widthName) =>
        throw new ArgumentException(
            $"Expected a whole number of steps of {width} elements ({widthName}) but got {length} elements, which leaves {length % width} over.",
            paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowStream(string paramName, int value, int limit) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            limit == 1
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The stream must be 0 (there is 1 stream), but it is {value}.")
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The stream must be from 0 to {limit - 1} (there are {limit} streams), but it is {value}."));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowStreamCount(string paramName, int value, int limit) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The number of streams to step must be from 0 to {limit}, but it is {value}."));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNothingRecorded() =>
        throw new InvalidOperationException(
            "No steps are recorded: call Forward before Backward. Each Backward consumes the tape, because it turns the recorded gates into their gradients.");

    [DoesNotReturn]

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSequence(string paramName, int actual, int steps, int width, string widthName) =>
        throw new ArgumentException(
            $"Expected {(long)steps * width} elements (T·{widthName} = {steps}·{width}) but got {actual}.",
            paramName);

    [DoesNotReturn]

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverlap(string paramName) =>
        throw new ArgumentException("The output must not overlap the input.", paramName);

    [DoesNotReturn]

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTape(string paramName, int steps, int maxSteps) =>
        throw new ArgumentException(
            $"The sequence has {steps} steps but the training tape holds at most {maxSteps} (MaxSteps). Use Step for longer inference, or split the sequence.",
            paramName);
}
