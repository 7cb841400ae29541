using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LstmGen.CompilerServices;

/// <summary>
/// Keeps a generated layer's parameters, and its state, on a cache-line boundary inside their fixed-size buffers.
/// </summary>
/// <remarks>
/// <para>
/// .NET aligns a struct or an object only to 8 bytes, but the step kernels load the weights in 32- and 64-byte vectors:
/// from an address that is not a multiple of the vector size, half of those loads straddle two cache lines and cost two
/// loads each, which makes a layer whose step is bound by weight loads about 20% slower. A parameter buffer therefore
/// holds <c>64 / sizeof(T) − 1</c> spare elements, and the parameters start at the element that lies on a 64-byte
/// boundary.
/// </para>
/// <para>
/// The state buffer works the same way, with h, the other h and c each in a slot of H rounded up to whole 64-byte lines.
/// The kernels load and store the state in vectors on every step, and a vector that straddles two pages made a 1×16 step
/// about 12% slower (93 against 83 ns) wherever the heap happened to put the layer so.
/// </para>
/// <para>
/// Where that element is depends on the layer's address, which changes when the garbage collector moves the object
/// holding the layer. <see cref="Align{T}(ref T, ref int, int)"/> runs at the start of every Step and Forward call: it
/// compares the aligned offset with the one the parameters are at, and in the rare case they differ moves the parameters
/// (one <c>memmove</c>). A stale address only costs speed, never correctness: the offset always says where the
/// parameters are.
/// </para>
/// <para>For use by generated code: hidden from IntelliSense, and not an API to build on.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LstmAlignment
{
    /// <summary>The boundary the parameters are kept on, in bytes: one cache line, and the width of a 512-bit vector.</summary>
    public const int BoundaryBytes = 64;

    /// <summary>
    /// Moves <paramref name="count"/> elements that start <paramref name="offset"/> elements into
    /// <paramref name="storage"/> to the first element on a <see cref="BoundaryBytes"/> boundary, updates
    /// <paramref name="offset"/>, and returns a reference to the first element.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="storage">The buffer's first element; the buffer holds <paramref name="count"/> + 64 / sizeof(T) − 1 elements.</param>
    /// <param name="offset">Where the elements start now, in elements; updated when they move.</param>
    /// <param name="count">The number of elements to keep.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Align<T>(ref T storage, ref int offset, int count)
        where T : unmanaged
    {
        int aligned = AlignedOffset(ref storage);
        if (aligned != offset)
        {
            Move(ref storage, offset, aligned, count);
            offset = aligned;
        }

        return ref Unsafe.Add(ref storage, aligned);
    }

    /// <summary>Returns how many elements past <paramref name="storage"/> the next <see cref="BoundaryBytes"/> boundary is.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="storage">The element to start from.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AlignedOffset<T>(ref T storage)
        where T : unmanaged
    {
        // The byte offset from a null reference is the address, read without unsafe code; only its low bits are used.
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref storage);
        return (int)(-address & (BoundaryBytes - 1)) / Unsafe.SizeOf<T>();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Move<T>(ref T storage, int from, int to, int count)
        where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref storage, from), count)
            .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref storage, to), count)); // CopyTo handles the overlap
}
