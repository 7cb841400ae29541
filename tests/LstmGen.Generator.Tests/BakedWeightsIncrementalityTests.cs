using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// A weights file is read once per change of its AdditionalFiles entry: edits elsewhere, and even edits to the baked layer
/// itself, reuse the cached tensors. Deleting the file from disk between runs proves it: a re-read would fail with LSTM011.
/// </summary>
public sealed class BakedWeightsIncrementalityTests
{
    private const string Layers =
        "using LstmGen;\nnamespace Demo;\n[LstmLayer(1, 8, Weights = \"models/amp.safetensors\", WeightsPrefix = \"lstm.\")] public partial class Amp;\n[LstmLayer(3, 2)] public partial class Plain;\n";

    [Fact]
    public void An_unrelated_edit_neither_reads_nor_parses_the_file_again()
    {
        FileAdditionalText file = FileAdditionalText.Create("models/amp.safetensors", WeightFiles.Lstm(1, 8, 5, "lstm."));
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers, "namespace Other; public class C { }" });
        GeneratorDriver driver = GeneratorHarness.CreateDriver([file]).RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();
        Assert.Empty(first.Diagnostics);
        Assert.Equal(2, first.GeneratedTrees.Length);

        File.Delete(file.Path);
        SyntaxTree other = compilation.SyntaxTrees.Last();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(other, other.WithChangedText(other.GetText().Replace(0, other.Length, "namespace Other; public class C { public int Added; }"))));
        GeneratorDriverRunResult second = driver.GetRunResult();

        Assert.Empty(second.Diagnostics);
        Assert.Equal(first.GeneratedTrees.Select(t => t.ToString()), second.GeneratedTrees.Select(t => t.ToString()));
        AssertCached(second, TrackingNames.WeightRequests, TrackingNames.WeightFiles, TrackingNames.BakingDiagnostics, TrackingNames.LayerEmitInputs, TrackingNames.LayerSpecs);
    }

    [Fact]
    public void Editing_the_baked_layer_reuses_the_cached_tensors()
    {
        FileAdditionalText file = FileAdditionalText.Create("models/amp.safetensors", WeightFiles.Lstm(1, 8, 5, "lstm."));
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers });
        GeneratorDriver driver = GeneratorHarness.CreateDriver([file]).RunGenerators(compilation);
        File.Delete(file.Path);

        // Asking for another prefix needs the file's tensors again: they come from the cache (the file is gone), and
        // the layer no longer fits them.
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(tree.ToString().IndexOf("\"lstm.\"", StringComparison.Ordinal), 7, "\"rnn.\""));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited));
        GeneratorDriverRunResult result = driver.GetRunResult();

        AssertCached(result, TrackingNames.WeightRequests, TrackingNames.WeightFiles);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LSTM012", diagnostic.Id);
        Assert.Contains("The file has no tensor 'rnn.weight_ih_l0'. It has: lstm.", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2, result.GeneratedTrees.Length); // the baked layer keeps its members, so that LSTM012 is the only error
    }

    [Fact]
    public void A_new_file_is_read_and_changes_the_output()
    {
        FileAdditionalText before = FileAdditionalText.Create("models/amp.safetensors", WeightFiles.Lstm(1, 8, 5, "lstm."));
        FileAdditionalText after = FileAdditionalText.Create("models/amp.safetensors", WeightFiles.Lstm(1, 8, 6, "lstm."));
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers });
        GeneratorDriver driver = GeneratorHarness.CreateDriver([before]).RunGenerators(compilation);
        string first = Baked(driver.GetRunResult());

        driver = driver.ReplaceAdditionalText(before, after).RunGenerators(compilation);
        GeneratorDriverRunResult result = driver.GetRunResult();

        Assert.Contains(IncrementalityTests.Steps(result, TrackingNames.WeightFiles), r => r is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
        Assert.NotEqual(first, Baked(result));
        Assert.All(IncrementalityTests.Steps(result, TrackingNames.LayerSpecs), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Baking_step_outputs_hold_no_roslyn_objects()
    {
        GeneratorRun run = GeneratorHarness.Run(Layers + "[LstmLayer(1, 8, Weights = \"missing.safetensors\")] public partial class Missing;\n", additionalTexts: [FileAdditionalText.Create("models/amp.safetensors", WeightFiles.Lstm(1, 8, 5, "lstm."))]);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int inspected = 0;
        foreach (string name in new[] { TrackingNames.WeightRequests, TrackingNames.WeightFiles, TrackingNames.BakingDiagnostics, TrackingNames.LayerEmitInputs })
        {
            foreach (IncrementalGeneratorRunStep step in run.Result.Results[0].TrackedSteps[name])
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    IncrementalityTests.AssertNoRoslynObjects(value, $"{name} output", seen);
                    inspected++;
                }
            }
        }

        Assert.True(inspected >= 6, $"only {inspected} outputs inspected");
    }

    private static void AssertCached(GeneratorDriverRunResult result, params string[] steps)
    {
        foreach (string step in steps)
        {
            IncrementalStepRunReason[] reasons = IncrementalityTests.Steps(result, step).ToArray();
            Assert.True(reasons.Length > 0, $"step {step} did not run");
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {r}"));
        }
    }

    private static string Baked(GeneratorDriverRunResult result) =>
        result.GeneratedTrees.Single(t => t.FilePath.Contains("Demo.Amp-", StringComparison.Ordinal)).ToString();
}
