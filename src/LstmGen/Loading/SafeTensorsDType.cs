namespace LstmGen.Loading;

/// <summary>The safetensors element types LstmGen converts on load; every value of each converts exactly to double.</summary>
internal enum SafeTensorsDType
{
    /// <summary>A dtype the loaders do not convert (integers, bool, float8…).</summary>
    Unsupported = 0,

    /// <summary>IEEE 754 binary32, <c>"F32"</c>.</summary>
    F32,

    /// <summary>IEEE 754 binary64, <c>"F64"</c>.</summary>
    F64,

    /// <summary>IEEE 754 binary16, <c>"F16"</c>.</summary>
    F16,

    /// <summary>bfloat16 (the top half of a binary32), <c>"BF16"</c>.</summary>
    BF16,
}

/// <summary>Names and sizes of <see cref="SafeTensorsDType"/> values.</summary>
internal static class SafeTensorsDTypes
{
    public const string Supported = "F32, F64, F16 and BF16";

    public static SafeTensorsDType Parse(string name) => name switch
    {
        "F32" => SafeTensorsDType.F32,
        "F64" => SafeTensorsDType.F64,
        "F16" => SafeTensorsDType.F16,
        "BF16" => SafeTensorsDType.BF16,
        _ => SafeTensorsDType.Unsupported,
    };

    public static string Name(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F32 => "F32",
        SafeTensorsDType.F64 => "F64",
        SafeTensorsDType.F16 => "F16",
        SafeTensorsDType.BF16 => "BF16",
        _ => "?",
    };

    /// <summary>Bytes per element, or 0 for a dtype the loaders do not convert.</summary>
    public static int Size(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F64 => 8,
        SafeTensorsDType.F32 => 4,
        SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        _ => 0,
    };
}
