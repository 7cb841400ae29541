using System.Globalization;
using System.Linq;
using System.Threading;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// The generated code compiles with zero diagnostics (warnings are errors here) against net8.0 and net10.0 reference
/// assemblies, with overflow checking on and off, with and without unsafe code, and its text does not depend on culture.
/// </summary>
public sealed class CompilationTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Generated_code_compiles_clean_on_net8_and_net10(string scenario)
    {
        foreach (TargetFramework framework in new[] { TargetFramework.Net80, TargetFramework.Net100 })
        {
            foreach (bool allowUnsafe in new[] { false, true })
            {
                GeneratorRun run = GeneratorHarness.Run(Scenarios.All[scenario], framework, allowUnsafe: allowUnsafe);
                Assert.Empty(run.GeneratorDiagnostics);
                Assert.NotEmpty(run.Sources);
                Diagnostic[] problems = run.CompilationDiagnostics().ToArray();
                Assert.True(problems.Length == 0, $"{scenario} on {framework} (unsafe: {allowUnsafe}):\n" + string.Join("\n", problems.Select(p => p.ToString())));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Generated_documentation_compiles_clean(string scenario)
    {
        // As a project with GenerateDocumentationFile sees it: every cref resolves to one member, every param exists. The
        // user's own declarations are undocumented in the scenarios, so CS1591 (missing comment) is left out.
        GeneratorRun run = GeneratorHarness.Run(Scenarios.All[scenario]);
        var compilation = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)run.Output;
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var trees = compilation.SyntaxTrees.Select(tree => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(tree.GetText(), options, tree.FilePath));
        Diagnostic[] problems = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ToArray();
        Assert.True(problems.Length == 0, $"{scenario}:\n" + string.Join("\n", problems.Select(p => p.ToString())));
    }

    [Fact]
    public void Skip_locals_init_is_emitted_only_when_unsafe_code_is_allowed()
    {
        string source = Scenarios.All["Odd5x7"];
        Assert.DoesNotContain("[SkipLocalsInit]", GeneratorHarness.Run(source).Sources[0].SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("[SkipLocalsInit]", GeneratorHarness.Run(source, allowUnsafe: true).Sources[0].SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    public void Output_is_the_same_under_any_culture(string cultureName)
    {
        foreach (string scenario in new[] { "Tutorial3x2", "Odd5x7", "Large64x128" })
        {
            string invariant = Generate(scenario, CultureInfo.InvariantCulture);
            string local = Generate(scenario, CultureInfo.GetCultureInfo(cultureName));
            Assert.Equal(invariant, local);
        }
    }

    private static string Generate(string scenario, CultureInfo culture)
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            GeneratorRun run = GeneratorHarness.Run(Scenarios.All[scenario]);
            Assert.Empty(run.CompilationDiagnostics(emit: false));
            return run.Sources[0].SourceText.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
