using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LstmGen.Generator.Model;

/// <summary>The few facts the emitter needs from the compilation, extracted so other compilation changes stay cached.</summary>
internal sealed record CompilationFacts(bool AllowUnsafe, bool HasInlineArray)
{
    public static CompilationFacts From(Compilation compilation) => new(
        compilation.Options is CSharpCompilationOptions { AllowUnsafe: true },
        compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.InlineArrayAttribute") is not null);
}
