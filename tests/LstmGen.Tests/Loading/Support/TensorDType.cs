using System;

namespace LstmGen.Tests.Loading.Support;

/// <summary>The safetensors dtypes the loaders convert, with the test writer's encodings and the values each can hold.</summary>
public enum TensorDType
{
    F32,
    F64,
    F16,
    BF16,
}

/// <summary>Encodes values in a <see cref="TensorDType"/>, independently of the library (System.Half, hand-rolled bfloat16).</summary>
public static class TensorDTypes
{
    public static string Name(TensorDType dtype) => dtype.ToString();

    public static int Size(TensorDType dtype) => dtype switch
    {
        TensorDType.F64 => 8,
        TensorDType.F32 => 4,
        _ => 2,
    };

    /// <summary>The value the dtype stores for <paramref name="value"/> (round to nearest even), as a double.</summary>
    public static double Quantize(double value, TensorDType dtype) => dtype switch
    {
        TensorDType.F64 => value,
        TensorDType.F32 => (float)value,
        TensorDType.F16 => (double)(Half)value,
        _ => BitConverter.Int32BitsToSingle(BFloat16Bits((float)value) << 16),
    };

    /// <summary>Writes one little-endian element.</summary>
    public static void Write(Span<byte> destination, double value, TensorDType dtype)
    {
        switch (dtype)
        {
            case TensorDType.F64:
                System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(destination, value);
                break;
            case TensorDType.F32:
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(destination, (float)value);
                break;
            case TensorDType.F16:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(destination, BitConverter.HalfToUInt16Bits((Half)value));
                break;
            default:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)BFloat16Bits((float)value));
                break;
        }
    }

    /// <summary>The top 16 bits of a float, rounded to nearest even (finite values only, which is all the tests write).</summary>
    private static int BFloat16Bits(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        int rounded = bits + 0x7FFF + ((bits >> 16) & 1);
        return (rounded >> 16) & 0xFFFF;
    }
}
