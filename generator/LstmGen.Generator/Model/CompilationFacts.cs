using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LstmGen.Generator.Model;

/// <summary>The few facts the emitter needs from the compilation, extracted so other compilation changes stay cached.</summary>
/// <param name="AllowUnsafe">Whether the project allows unsafe code.</param>
/// <param name="HasInlineArray">Whether the target framework has <c>InlineArrayAttribute</c>.</param>
/// <param name="Optimized">Whether the compiler optimizes (a Release build), which decides how baked weights are written.</param>
internal sealed record CompilationFacts(bool AllowUnsafe, bool HasInlineArray, bool Optimized)
{
    public static CompilationFacts From(Compilation compilation) => new(
        compilation.Options is CSharpCompilationOptions { AllowUnsafe: true },
        compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.InlineArrayAttribute") is not null,
        compilation.Options.OptimizationLevel == OptimizationLevel.Release);
}
