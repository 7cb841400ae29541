using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LstmGen.CompilerServices;
using LstmGen.Tests.Baked;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Support;
using LstmGen.Tests.Training;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// A writable layer keeps its parameters on a 64-byte boundary inside its buffer wherever it lies, every layer keeps each of
/// its state vectors (h, the other h, c) on one, and they move back onto the boundary after the garbage collector has moved
/// the layer. These tests place struct layers at every 4-byte offset of a pinned buffer, and simulate a move by copying a
/// layer's bytes elsewhere, as the collector does.
/// </summary>
public sealed class AlignmentTests
{
    private const int Steps = 9;

    [Fact]
    public void Every_placement_computes_the_same_bits_on_aligned_weights()
    {
        float[] xs = Inputs(Struct8x16.InputWidth);
        var expected = new float[Steps * Struct8x16.StateWidth];
        var reference = new Struct8x16();
        reference.InitializeParameters(7);
        reference.Forward(xs, expected);

        byte[] buffer = GC.AllocateArray<byte>(Unsafe.SizeOf<Struct8x16>() + 128, pinned: true);
        var hs = new float[expected.Length];
        for (int offset = 0; offset < 64; offset += 4)
        {
            ref Struct8x16 layer = ref Place<Struct8x16>(buffer, offset);
            layer.InitializeParameters(7);
            layer.Forward(xs, hs);

            Assert.Equal(expected, hs);
            Assert.Equal(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(layer.Parameters)));
            AssertStateAligned(layer.HiddenState, layer.CellState);
        }
    }

    [Fact]
    public void Every_placement_of_a_baked_layer_keeps_its_state_on_a_line()
    {
        float[] xs = Inputs(BakedStruct1x8.InputWidth);
        var expected = new float[Steps * BakedStruct1x8.StateWidth];
        new BakedStruct1x8().Forward(xs, expected);

        byte[] buffer = GC.AllocateArray<byte>(Unsafe.SizeOf<BakedStruct1x8>() + 128, pinned: true);
        var hs = new float[expected.Length];
        var h = new float[BakedStruct1x8.StateWidth];
        for (int offset = 0; offset < 64; offset += 4)
        {
            ref BakedStruct1x8 layer = ref Place<BakedStruct1x8>(buffer, offset);
            layer.Forward(xs.AsSpan(0, xs.Length - BakedStruct1x8.InputWidth), hs.AsSpan(0, hs.Length - BakedStruct1x8.StateWidth));
            layer.Step(xs.AsSpan(xs.Length - BakedStruct1x8.InputWidth), h);
            h.CopyTo(hs, hs.Length - BakedStruct1x8.StateWidth);

            Assert.Equal(expected, hs);
            AssertStateAligned(layer.HiddenState, layer.CellState);
        }
    }

    [Fact]
    public void A_moved_layer_keeps_its_parameters_and_realigns_on_its_next_step()
    {
        float[] xs = Inputs(Struct8x16.InputWidth);
        var original = new float[Struct8x16.ParameterCount];
        byte[] buffer = GC.AllocateArray<byte>((2 * Unsafe.SizeOf<Struct8x16>()) + 256, pinned: true);
        ref Struct8x16 first = ref Place<Struct8x16>(buffer, 0);
        first.InitializeParameters(11);
        first.ExportParameters(original);
        first.Forward(xs.AsSpan(0, 3 * Struct8x16.InputWidth), new float[3 * Struct8x16.StateWidth]);
        var expected = new float[Struct8x16.StateWidth];
        var unmoved = first;
        unmoved.Step(xs.AsSpan(3 * Struct8x16.InputWidth, Struct8x16.InputWidth), expected);

        for (int shift = 4; shift < 64; shift += 4)
        {
            // The collector copies the bytes: the parameters keep their offset in the buffer, now off the boundary.
            int at = ((Unsafe.SizeOf<Struct8x16>() + 63) / 64 * 64) + 64 + shift;
            Unsafe.CopyBlockUnaligned(ref buffer[at], ref buffer[0], (uint)Unsafe.SizeOf<Struct8x16>());
            ref Struct8x16 moved = ref MemoryMarshal.AsRef<Struct8x16>(buffer.AsSpan(at, Unsafe.SizeOf<Struct8x16>()));
            Assert.NotEqual(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(moved.Parameters)));
            Assert.NotEqual(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(moved.HiddenState)));
            Assert.Equal(original, Exported(ref moved));
            Assert.Equal(first.HiddenState.ToArray(), moved.HiddenState.ToArray());
            Assert.Equal(first.CellState.ToArray(), moved.CellState.ToArray());

            var h = new float[Struct8x16.StateWidth];
            moved.Step(xs.AsSpan(3 * Struct8x16.InputWidth, Struct8x16.InputWidth), h);

            Assert.Equal(expected, h);
            Assert.Equal(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(moved.Parameters)));
            AssertStateAligned(moved.HiddenState, moved.CellState);
            Assert.Equal(original, Exported(ref moved));
        }
    }

    [Fact]
    public void A_double_training_layer_realigns_and_trains_the_same_anywhere()
    {
        const int width = DoubleStruct2x9.InputWidth;
        double[] xs = Array.ConvertAll(Inputs(width, 6), v => (double)v);
        var dh = new double[6 * DoubleStruct2x9.StateWidth];
        dh.AsSpan().Fill(0.25);
        var reference = new DoubleStruct2x9();
        reference.InitializeParameters(5);
        var expected = Train(ref reference, xs, dh);

        byte[] buffer = GC.AllocateArray<byte>(Unsafe.SizeOf<DoubleStruct2x9>() + 128, pinned: true);
        for (int offset = 0; offset < 64; offset += 8)
        {
            ref DoubleStruct2x9 layer = ref Place<DoubleStruct2x9>(buffer, offset);
            layer.InitializeParameters(5);
            Assert.Equal(expected, Train(ref layer, xs, dh));
            Assert.Equal(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(layer.Parameters)));
            AssertStateAligned(layer.HiddenState, layer.CellState);
        }
    }

    [Fact]
    public void Align_moves_overlapping_elements_both_ways()
    {
        const int count = 40;
        float[] storage = GC.AllocateArray<float>(count + 15, pinned: true);
        int aligned = LstmAlignment.AlignedOffset(ref storage[0]);
        for (int from = 0; from < 16; from++)
        {
            Array.Clear(storage);
            for (int k = 0; k < count; k++)
            {
                storage[from + k] = k + 1;
            }

            int offset = from;
            ref float first = ref LstmAlignment.Align(ref storage[0], ref offset, count);

            Assert.Equal(aligned, offset);
            Assert.True(Unsafe.AreSame(ref first, ref storage[aligned]));
            Assert.Equal(Ramp(count), storage.AsSpan(aligned, count).ToArray());
        }
    }

    [Fact]
    public void Aligned_offset_counts_elements_to_the_next_boundary()
    {
        double[] storage = GC.AllocateArray<double>(32, pinned: true);
        int first = LstmAlignment.AlignedOffset(ref storage[0]);
        Assert.InRange(first, 0, 7);
        for (int k = 0; k < 16; k++)
        {
            Assert.Equal(((first - k) % 8 + 8) % 8, LstmAlignment.AlignedOffset(ref storage[k]));
        }
    }

    /// <summary>h and c each start on a 64-byte line, so no vector of them straddles two lines or two pages.</summary>
    private static void AssertStateAligned<T>(ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell)
        where T : unmanaged
    {
        Assert.Equal(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(hidden)));
        Assert.Equal(0, LstmAlignment.AlignedOffset(ref MemoryMarshal.GetReference(cell)));
    }

    private static ref T Place<T>(byte[] buffer, int offset)
        where T : unmanaged
    {
        ref T layer = ref MemoryMarshal.AsRef<T>(buffer.AsSpan(offset, Unsafe.SizeOf<T>()));
        layer = default;
        return ref layer;
    }

    private static float[] Exported(ref Struct8x16 layer)
    {
        var parameters = new float[Struct8x16.ParameterCount];
        layer.ExportParameters(parameters);
        return parameters;
    }

    private static double[] Train(ref DoubleStruct2x9 layer, double[] xs, double[] dh)
    {
        layer.Forward(xs, new double[dh.Length]);
        layer.ZeroGradients();
        layer.Backward(dh, default, default, default, default, default);
        layer.ApplySgd(0.1);
        var parameters = new double[DoubleStruct2x9.ParameterCount];
        layer.ExportParameters(parameters);
        return parameters;
    }

    private static float[] Inputs(int width, int steps = Steps) => Numerics.ToSingle(Numerics.RandomSymmetric(steps * width, 1, 3));

    private static float[] Ramp(int count)
    {
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = k + 1;
        }

        return values;
    }
}
