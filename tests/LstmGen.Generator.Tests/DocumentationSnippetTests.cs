using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// Every C# block in the README and in docs/ compiles as a console app's Program.cs, with the SDK's implicit usings, the
/// generator, and the model files the blocks name (the repository's own test files under those names).
/// </summary>
public sealed class DocumentationSnippetTests
{
    /// <summary>The SDK's implicit usings for a console app (Microsoft.NET.Sdk, ImplicitUsings enabled).</summary>
    private const string ImplicitUsings = "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.IO;\n"
        + "global using global::System.Linq;\nglobal using global::System.Net.Http;\nglobal using global::System.Threading;\nglobal using global::System.Threading.Tasks;\n";

    private static readonly Regex CSharpBlock = new(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public static IEnumerable<object[]> Snippets()
    {
        string root = GeneratorHarness.RepositoryRoot();
        IEnumerable<string> files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").OrderBy(p => p, StringComparer.Ordinal));
        foreach (string file in files)
        {
            string text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            int index = 0;
            foreach (Match match in CSharpBlock.Matches(text))
            {
                yield return new object[] { Path.GetRelativePath(root, file), index++ };
            }
        }
    }

    [Fact]
    public void The_readme_and_the_docs_have_csharp_blocks() => Assert.True(Snippets().Count() >= 12);

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Every_csharp_block_compiles_as_a_program(string file, int index)
    {
        string text = File.ReadAllText(Path.Combine(GeneratorHarness.RepositoryRoot(), file)).Replace("\r\n", "\n", StringComparison.Ordinal);
        string code = CSharpBlock.Matches(text)[index].Groups["code"].Value;

        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { code, ImplicitUsings });
        bool program = compilation.SyntaxTrees[0].GetRoot().ChildNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        compilation = compilation.WithOptions(compilation.Options
            .WithOutputKind(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Default)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));
        GeneratorHarness.CreateDriver(ModelFiles()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.True(generatorDiagnostics.IsEmpty, $"{file} block {index}:\n" + string.Join("\n", generatorDiagnostics));
        Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, $"{file} block {index}:\n{code}\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    /// <summary>The files the blocks bake, as AdditionalFiles under the names the blocks use.</summary>
    private static AdditionalText[] ModelFiles()
    {
        string root = GeneratorHarness.RepositoryRoot();
        byte[] capture = File.ReadAllBytes(Path.Combine(root, "tests", "LstmGen.Tests", "TestData", "pytorch-models", "amp-I1-H8-T64.json"));
        byte[] layer = File.ReadAllBytes(Path.Combine(root, "tests", "LstmGen.Tests", "TestData", "models", "lstm-I1-H8.safetensors"));
        byte[] device = File.ReadAllBytes(Path.Combine(root, "samples", "DeviceSample", "model.safetensors"));
        byte[] crunch = File.ReadAllBytes(Path.Combine(root, "samples", "AmpCapture", "captures", "crunch-h20.json"));
        return new AdditionalText[]
        {
            FileAdditionalText.Create("models/red.json", capture),
            FileAdditionalText.Create("models/amp.safetensors", layer),
            FileAdditionalText.Create("model.safetensors", device),
            FileAdditionalText.Create("captures/crunch-h20.json", crunch),
        };
    }
}
