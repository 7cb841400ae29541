using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LstmGen.Generator.Tests.Support;

/// <summary>
/// The runtime library compiled for net8.0 from its own source, once, as test compilations targeting net8.0 reference it:
/// so the generated code meets net8.0's API surface. The library is built with C# 14; the Roslyn these tests run (4.11, the
/// generator's) calls one feature it uses, <c>[UnscopedRef]</c> on interface members, a preview, so the library is compiled
/// as preview here. The generated code under test is compiled with the version each test chooses.
/// </summary>
public static class RuntimeLibrarySource
{
    private static readonly string[] Net80Symbols = { "NET8_0", "NET8_0_OR_GREATER", "NET7_0_OR_GREATER", "NET6_0_OR_GREATER", "NET5_0_OR_GREATER", "NETCOREAPP" };

    private static readonly Lazy<MetadataReference> Net80Library = new(CompileNet80);

    public static MetadataReference Net80 => Net80Library.Value;

    private static MetadataReference CompileNet80()
    {
        var library = CSharpCompilation.Create(
            "LstmGen",
            GeneratorHarness.RuntimeLibrarySources(Net80Symbols),
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = library.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("The runtime library does not compile for net8.0: " + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
