using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// The pipeline caches: re-running on a cloned or unrelatedly edited compilation leaves every tracked step Cached or
/// Unchanged, and the models it caches hold no Roslyn objects.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Layers = "using LstmGen;\nnamespace Demo;\n[LstmLayer(3, 2)] public partial class A;\n[LstmLayer(8, 16, MaxSteps = 4)] public partial struct B;\n"
        + "[LstmModel(1, new[] { 4 }, 1, Residual = true)] public partial class M;\n[LstmModel(2, MaxSteps = 3)][Lstm(3)][Dense(2, ActivationKind.Tanh)] public partial struct N;\n";

    [Fact]
    public void Rerunning_on_a_cloned_compilation_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();

        driver = driver.RunGenerators(compilation.Clone());
        GeneratorDriverRunResult second = driver.GetRunResult();

        AssertOutputsEqual(first, second);
        AssertEveryTrackedStep(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_unrelated_edit_does_not_re_emit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers, "namespace Other; public class C { }" });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();

        SyntaxTree other = compilation.SyntaxTrees.Last();
        SyntaxTree edited = other.WithChangedText(other.GetText().Replace(0, other.Length, "namespace Other; public class C { public int Added; }"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(other, edited));
        GeneratorDriverRunResult second = driver.GetRunResult();

        AssertOutputsEqual(first, second);
        AssertEveryTrackedStep(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Moving_a_layer_reports_diagnostics_again_but_does_not_re_emit_source()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree moved = tree.WithChangedText(tree.GetText().Replace(0, 0, "// A comment that moves every line down.\n\n"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, moved));
        GeneratorDriverRunResult result = driver.GetRunResult();

        Assert.All(Steps(result, TrackingNames.LayerSpecs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.All(Steps(result, TrackingNames.LayerEmitInputs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.All(Steps(result, TrackingNames.ModelSpecs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.All(Steps(result, TrackingNames.ModelEmitInputs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
    }

    [Fact]
    public void Changing_a_layer_re_emits_only_that_layer()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Layers });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree changed = tree.WithChangedText(tree.GetText().Replace(tree.ToString().IndexOf("(3, 2)", StringComparison.Ordinal), 6, "(3, 5)"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed));

        IncrementalStepRunReason[] emitted = Steps(driver.GetRunResult(), TrackingNames.LayerEmitInputs).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, emitted);
        Assert.Contains(emitted, r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Step_outputs_hold_no_roslyn_objects()
    {
        GeneratorRun run = GeneratorHarness.Run(Layers + "[LstmLayer(0, 1)] public partial class Broken;\n");
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int inspected = 0;
        foreach (string name in GeneratorHarness.TrackedSteps)
        {
            if (!run.Result.Results[0].TrackedSteps.TryGetValue(name, out var steps))
            {
                continue;
            }

            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    AssertNoRoslynObjects(value, $"{name} output", seen);
                    inspected++;
                }
            }
        }

        Assert.True(inspected >= 6, $"only {inspected} outputs inspected");
    }

    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree),
    };

    internal static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        if (value is DiagnosticDescriptor)
        {
            return; // An immutable descriptor, equal by value: safe to cache.
        }

        if (value is IEnumerable sequence)
        {
            int index = 0;
            foreach (object? item in sequence)
            {
                AssertNoRoslynObjects(item, $"{path}[{index++}]", seen);
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
            {
                AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }

    internal static IEnumerable<IncrementalStepRunReason> Steps(GeneratorDriverRunResult result, string name) =>
        result.Results[0].TrackedSteps.TryGetValue(name, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason)
            : Enumerable.Empty<IncrementalStepRunReason>();

    private static void AssertEveryTrackedStep(GeneratorDriverRunResult result, params IncrementalStepRunReason[] allowed)
    {
        int checkedSteps = 0;
        foreach (string name in GeneratorHarness.TrackedSteps)
        {
            foreach (IncrementalStepRunReason reason in Steps(result, name))
            {
                Assert.True(allowed.Contains(reason), $"step {name} was {reason}");
                checkedSteps++;
            }
        }

        Assert.True(checkedSteps >= 5, $"only {checkedSteps} tracked outputs were seen");
    }

    private static void AssertOutputsEqual(GeneratorDriverRunResult first, GeneratorDriverRunResult second)
    {
        string[] a = first.GeneratedTrees.Select(t => t.ToString()).ToArray();
        string[] b = second.GeneratedTrees.Select(t => t.ToString()).ToArray();
        Assert.Equal(a, b);
        Assert.NotEmpty(a);
    }
}
