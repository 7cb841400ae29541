using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// C# spellings of the few operations the kernels need, for one vector width (or scalars, with 1 lane). Kernels are written
/// inside <c>LstmGen.Generated</c> under <c>using</c> directives for System.Runtime.Intrinsics and
/// System.Runtime.CompilerServices, with explicit types throughout (a user's <c>class var</c> must not change them).
/// </summary>
internal sealed class VectorSyntax
{
    public VectorSyntax(ElementInfo element, int lanes)
    {
        Element = element;
        Lanes = lanes;
        Bits = element.BitsOf(lanes);
    }

    public ElementInfo Element { get; }

    public int Lanes { get; }

    public int Bits { get; }

    public bool IsScalar => Lanes == 1;

    /// <summary><c>Vector256</c> (the static class), or the element type for scalars.</summary>
    public string Class => IsScalar ? Element.Name : $"Vector{Bits}";

    /// <summary><c>Vector256&lt;float&gt;</c>, or the element type for scalars.</summary>
    public string Type => IsScalar ? Element.Name : $"Vector{Bits}<{Element.Name}>";

    public string Zero => IsScalar ? (Element.Name == "float" ? "0f" : "0d") : $"{Type}.Zero";

    public string One => IsScalar ? (Element.Name == "float" ? "1f" : "1d") : $"{Type}.One";

    /// <summary>Reads <see cref="Lanes"/> elements at <paramref name="offset"/> (a non-negative constant) from a <c>ref</c>.</summary>
    public string Load(string reference, int offset) =>
        IsScalar ? At(reference, offset) : $"{Class}.LoadUnsafe(ref {reference}{OffsetArgument(offset)})";

    /// <summary>A statement that writes <paramref name="value"/> at <paramref name="offset"/>.</summary>
    public string Store(string value, string reference, int offset) =>
        IsScalar ? $"{At(reference, offset)} = {value};" : $"{Operand(value)}.StoreUnsafe(ref {reference}{OffsetArgument(offset)});";

    /// <summary>Broadcasts one element to all lanes.</summary>
    public string Broadcast(string scalar) => IsScalar ? scalar : $"{Class}.Create({scalar})";

    public string MultiplyAdd(string a, string b, string c) => $"LstmSimd.MultiplyAdd({a}, {b}, {c})";

    /// <summary>An element read through a <c>ref</c>: <c>Unsafe.Add(ref r, k)</c>, or just <c>r</c> at offset 0.</summary>
    public static string At(string reference, int offset) => offset == 0 ? reference : $"Unsafe.Add(ref {reference}, {offset})";

    /// <summary>An element read through a <c>ref</c> at a computed offset.</summary>
    public static string At(string reference, string offset) => $"Unsafe.Add(ref {reference}, {offset})";

    /// <summary>An expression as the receiver of a call: parenthesized unless it is a plain name.</summary>
    private static string Operand(string value) => System.Linq.Enumerable.All(value, c => char.IsLetterOrDigit(c) || c == '_') ? value : $"({value})";

    private static string OffsetArgument(int offset) => offset == 0 ? string.Empty : $", {offset}";
}
