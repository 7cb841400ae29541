using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>What every emitter of one layer shares: the plan, the writer and a few spellings.</summary>
internal sealed class EmitContext
{
    public EmitContext(LayerPlan layer, SourceWriter writer, CompilationFacts facts)
    {
        Layer = layer;
        Writer = writer;
        AllowUnsafe = facts.AllowUnsafe;
        Optimized = facts.Optimized;
    }

    public LayerPlan Layer { get; }

    public SourceWriter Writer { get; }

    /// <summary>Whether the project allows unsafe code, which <c>[SkipLocalsInit]</c> needs.</summary>
    public bool AllowUnsafe { get; }

    /// <summary>Whether the compiler optimizes: see <see cref="BakedDataEmitter"/>.</summary>
    public bool Optimized { get; }

    /// <summary>The element type keyword, <c>float</c> or <c>double</c>.</summary>
    public string T => Layer.Element.Name;

    /// <summary>The attribute every generated type carries.</summary>
    public static string GeneratedCode => $"[GeneratedCode(\"LstmGen\", \"{GeneratorInfo.Version}\")]";

    /// <summary>
    /// The attribute of the small methods on a step's path (a part's Run, Apply, Advance, Forward, Copy, the alignment checks):
    /// inlined where the JIT's budget allows, and where it does not (a deep model inlined into a Step or Forward of a few IL
    /// bytes runs out of it), compiled optimized at the first call. Left to tiering, such a method ran unoptimized, then
    /// instrumented, for the first second or two of a streamed model's audio.
    /// </summary>
    public const string HotPath = "[MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]";

    /// <summary>Writes <c>[UnscopedRef]</c>: span- and ref-returning members of the implementation struct view its own fields.</summary>
    public void WriteUnscopedRef() => Writer.Line("[UnscopedRef]");

    /// <summary>A statement that copies <paramref name="count"/> elements between two refs (see <see cref="LayerImplEmitter"/>'s Copy).</summary>
    public string Copy(string destination, string source, string count) => $"Copy(ref {destination}, ref {source}, {count});";
}
