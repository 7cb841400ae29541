namespace LstmGen.Generator.Model;

/// <summary>One tensor of a weights file as stored: name, dtype tag (F32, F16…), shape and raw little-endian bytes.</summary>
internal sealed record RawTensor(string Name, string DType, EquatableArray<int> Shape, EquatableArray<byte> Data);
