extern alias runtime;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using runtime::LstmGen;

namespace LstmGen.Generator.Tests.Support;

/// <summary>The reference assemblies a test compilation targets.</summary>
public enum TargetFramework
{
    Net80,
    Net100,
}

/// <summary>Runs the generator through <see cref="CSharpGeneratorDriver"/> on test sources, as the compiler would.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The steps the pipeline tracks, gathered by reflection from <see cref="TrackingNames"/> as NetEscapades' tests do, so a
    /// step added to the pipeline is checked for caching without anyone listing it here.
    /// </summary>
    public static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    /// <summary>
    /// Builds a compilation of the sources against the given framework plus the LstmGen runtime library, with every warning
    /// wave on (as the SDK's <c>AnalysisLevel=latest</c> has it) and warnings as errors.
    /// </summary>
    public static CSharpCompilation Compile(
        IEnumerable<string> sources,
        TargetFramework framework = TargetFramework.Net100,
        bool allowUnsafe = false,
        bool checkOverflow = true,
        LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        CSharpParseOptions parseOptions = ParseOptions.WithLanguageVersion(languageVersion);
        var trees = sources.Select((text, index) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"/src/Source{index}.cs")).ToList();
        IEnumerable<MetadataReference> references;
        if (framework == TargetFramework.Net80)
        {
            // The runtime library is compiled from source for net8.0, so the generated code meets net8.0's API surface.
            references = Basic.Reference.Assemblies.Net80.References.All.Concat(new[] { RuntimeLibrarySource.Net80 });
        }
        else
        {
            references = Basic.Reference.Assemblies.Net100.References.All
                .Concat(new[] { MetadataReference.CreateFromFile(typeof(LstmLayerAttribute).Assembly.Location) });
        }

        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            checkOverflow: checkOverflow,
            allowUnsafe: allowUnsafe,
            warningLevel: 9999,
            generalDiagnosticOption: ReportDiagnostic.Error,
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                // Warnings that test sources may trigger on purpose and that say nothing about generated code.
                ["CS1591"] = ReportDiagnostic.Suppress,
            });
        return CSharpCompilation.Create("TestAssembly", trees, references, options);
    }

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additionalTexts = null, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            new[] { new LstmGenerator().AsSourceGenerator() },
            additionalTexts ?? Array.Empty<AdditionalText>(),
            ParseOptions.WithLanguageVersion(languageVersion),
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns everything a test may look at; the compilation is a Debug one unless <paramref name="optimization"/> says otherwise.</summary>
    public static GeneratorRun Run(
        string source,
        TargetFramework framework = TargetFramework.Net100,
        IEnumerable<AdditionalText>? additionalTexts = null,
        bool allowUnsafe = false,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        OptimizationLevel optimization = OptimizationLevel.Debug)
    {
        CSharpCompilation compilation = Compile(new[] { source }, framework, allowUnsafe, languageVersion: languageVersion);
        compilation = compilation.WithOptions(compilation.Options.WithOptimizationLevel(optimization));
        GeneratorDriver driver = CreateDriver(additionalTexts, languageVersion).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorRun(compilation, driver, output, generatorDiagnostics);
    }

    /// <summary>The runtime library's own sources, located from this file's path in the repository.</summary>
    public static IEnumerable<SyntaxTree> RuntimeLibrarySources(IEnumerable<string> preprocessorSymbols)
    {
        CSharpParseOptions options = new CSharpParseOptions(LanguageVersion.Preview).WithPreprocessorSymbols(preprocessorSymbols);
        string folder = Path.Combine(RepositoryRoot(), "src", "LstmGen");
        return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path));
    }

    public static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}

/// <summary>The result of one generator run.</summary>
public sealed record GeneratorRun(CSharpCompilation Input, GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The diagnostics the generated code brings: those of the final compilation that the input alone did not have (same ID
    /// at the same place). What the user's own declarations earn, such as CS8981 for a lower-case type name, is left out.
    /// </summary>
    public IReadOnlyList<Diagnostic> NewDiagnostics()
    {
        var before = new HashSet<(string, string, TextSpan)>(Input.GetDiagnostics().Select(d => (d.Id, d.Location.SourceTree?.FilePath ?? string.Empty, d.Location.SourceSpan)));
        return CompilationDiagnostics().Where(d => !before.Contains((d.Id, d.Location.SourceTree?.FilePath ?? string.Empty, d.Location.SourceSpan))).ToList();
    }

    /// <summary>Every diagnostic of the final compilation (generated code included), errors and warnings alike.</summary>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics(bool emit = true)
    {
        if (!emit)
        {
            return Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        }

        using var stream = new MemoryStream();
        return Output.Emit(stream).Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }
}
