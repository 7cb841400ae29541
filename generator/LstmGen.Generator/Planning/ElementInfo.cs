using LstmGen.Generator.Model;

namespace LstmGen.Generator.Planning;

/// <summary>C# spelling and size of a layer's element type.</summary>
internal sealed class ElementInfo
{
    private ElementInfo(ElementKind kind, string name, int size)
    {
        Kind = kind;
        Name = name;
        Size = size;
    }

    public static ElementInfo Single { get; } = new(ElementKind.Single, "float", 4);

    public static ElementInfo Double { get; } = new(ElementKind.Double, "double", 8);

    public ElementKind Kind { get; }

    /// <summary>The C# keyword, <c>float</c> or <c>double</c>.</summary>
    public string Name { get; }

    /// <summary>Bytes per element.</summary>
    public int Size { get; }

    public static ElementInfo For(ElementKind kind) => kind == ElementKind.Double ? Double : Single;

    /// <summary>Lanes of a vector of the given width in bits; 1 for scalar (bits = 0).</summary>
    public int LanesOf(int bits) => bits == 0 ? 1 : bits / (8 * Size);

    /// <summary>Bits of a vector with the given lanes; 0 for scalar.</summary>
    public int BitsOf(int lanes) => lanes == 1 ? 0 : lanes * 8 * Size;
}
