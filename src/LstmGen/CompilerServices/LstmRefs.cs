using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LstmGen.CompilerServices;

/// <summary>Turns optional spans into references the generated kernels test with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>.</summary>
/// <remarks>For use by generated code: hidden from IntelliSense, and not an API to build on.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LstmRefs
{
    /// <summary>Returns a reference to the span's first element, or a null reference when the span is empty.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="span">The span.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OrNull<T>(Span<T> span) => ref span.IsEmpty ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetReference(span);

    /// <summary>Returns a reference to the span's first element, or a null reference when the span is empty.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="span">The span.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T OrNull<T>(ReadOnlySpan<T> span) => ref span.IsEmpty ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetReference(span);
}
