using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>What every emitter of one layer shares: the plan, the writer and a few spellings.</summary>
internal sealed class EmitContext
{
    public EmitContext(LayerPlan layer, SourceWriter writer, bool allowUnsafe)
    {
        Layer = layer;
        Writer = writer;
        AllowUnsafe = allowUnsafe;
    }

    public LayerPlan Layer { get; }

    public SourceWriter Writer { get; }

    /// <summary>Whether the project allows unsafe code, which <c>[SkipLocalsInit]</c> needs.</summary>
    public bool AllowUnsafe { get; }

    /// <summary>The element type keyword, <c>float</c> or <c>double</c>.</summary>
    public string T => Layer.Element.Name;

    /// <summary>The file-local class that holds the kernels.</summary>
    public string KernelClass => Layer.Spec.TypeName + "Kernels";

    /// <summary>The kernel class as referenced from the layer type.</summary>
    public string KernelClassReference => "global::LstmGen.Kernels.Generated." + KernelClass;

    /// <summary>An attribute line that lets span-returning members of a struct refer to its fields; empty for classes.</summary>
    public string UnscopedRef => Layer.Spec.IsValueType ? "[global::System.Diagnostics.CodeAnalysis.UnscopedRef]" : string.Empty;

    public string GeneratedCodeAttribute => $"[global::System.CodeDom.Compiler.GeneratedCode(\"LstmGen\", \"{GeneratorInfo.Version}\")]";

    /// <summary>Writes the attribute line for span-returning struct members, if any.</summary>
    public void WriteUnscopedRef()
    {
        if (Layer.Spec.IsValueType)
        {
            Writer.Line(UnscopedRef);
        }
    }
}
