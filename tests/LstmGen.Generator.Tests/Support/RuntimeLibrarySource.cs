using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LstmGen.Generator.Tests.Support;

/// <summary>
/// The runtime library as source for net8.0 test compilations: its own files, plus what the source generators of its real
/// build add (System.Text.Json's, for the loaders' JsonSerializerContext). Parsed and generated once, then shared: syntax
/// trees are immutable. The JSON generator comes from the .NET 8 targeting pack, which matches net8.0's System.Text.Json and
/// which NuGet restores because src/LstmGen targets net8.0.
/// </summary>
public static class RuntimeLibrarySource
{
    private static readonly string[] Net80Symbols = { "NET8_0", "NET8_0_OR_GREATER", "NET7_0_OR_GREATER", "NET6_0_OR_GREATER", "NET5_0_OR_GREATER", "NETCOREAPP" };

    private static readonly Lazy<IReadOnlyList<SyntaxTree>> Net80Trees = new(BuildNet80);

    public static IReadOnlyList<SyntaxTree> Net80 => Net80Trees.Value;

    private static IReadOnlyList<SyntaxTree> BuildNet80()
    {
        List<SyntaxTree> sources = GeneratorHarness.RuntimeLibrarySources(Net80Symbols).ToList();
        var library = CSharpCompilation.Create(
            "LstmGen",
            sources,
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(JsonGenerator(), parseOptions: GeneratorHarness.ParseOptions.WithPreprocessorSymbols(Net80Symbols))
            .RunGenerators(library);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Diagnostic[] problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException("The runtime library's generators reported: " + string.Join(Environment.NewLine, problems.Select(p => p.ToString())));
        }

        return sources.Concat(result.GeneratedTrees).ToList();
    }

    private static ImmutableArray<ISourceGenerator> JsonGenerator()
    {
        string root = typeof(RuntimeLibrarySource).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string packs = Path.Combine(root, "microsoft.netcore.app.ref");
        string? path = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, "8.0.*")
                .OrderByDescending(folder => Version.Parse(Path.GetFileName(folder)))
                .Select(folder => Path.Combine(folder, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
                .FirstOrDefault(File.Exists)
            : null;
        if (path is null)
        {
            throw new InvalidOperationException($"No .NET 8 targeting pack with System.Text.Json.SourceGeneration.dll under {packs}; restore src/LstmGen (it targets net8.0) first.");
        }

        return new AnalyzerFileReference(path, new PathLoader()).GetGenerators(LanguageNames.CSharp);
    }

    private sealed class PathLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
