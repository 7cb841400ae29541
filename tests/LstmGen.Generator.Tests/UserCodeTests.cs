using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Emit;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// Valid user code the generator must not break, one kind per test, each with several inputs of its kind: generated code
/// compiles with zero diagnostics (warnings as errors, every warning wave), or a documented LSTM diagnostic says why not.
/// </summary>
public sealed class UserCodeTests
{
    public static IEnumerable<object[]> CollidingNames => new[]
    {
        new object[] { "[LstmLayer(1, 2)] public partial class Layer;", "[LstmLayer(1, 2)] public partial class LAYER;" },
        new object[] { "[LstmLayer(1, 2)] public partial class layer;", "[LstmLayer(1, 2)] public partial class Layer;" },
        new object[] { "namespace A { [LstmLayer(1, 2)] public partial class B_C; }", "namespace A.B { [LstmLayer(1, 2)] public partial class C; }" },
        new object[] { "public partial class Ab { [LstmLayer(1, 2)] public partial class C; }", "namespace AB { [LstmLayer(1, 2)] public partial class C; }" },
        new object[] { "[LstmLayer(1, 2)] public partial class Éa;", "[LstmLayer(1, 2)] public partial class éa;" },
        new object[] { "[LstmLayer(1, 2)] public partial class A_0041;", "[LstmLayer(1, 2)] public partial class AA;" },
        new object[] { "[LstmLayer(1, 2)] public partial class Kelvin;", "[LstmLayer(1, 2)] public partial class \u212Aelvin;" },
    };

    [Theory]
    [MemberData(nameof(CollidingNames))]
    public void Names_that_collide_without_case_or_escapes_get_distinct_files(string first, string second)
    {
        GeneratorRun run = AssertCompilesClean($"using LstmGen;\n{first}\n{second}\n");
        Assert.Equal(2, run.Sources.Count);
        Assert.Equal(2, run.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("[LstmLayer(1, 8)] public partial class @event;")]
    [InlineData("namespace @class.@struct { [LstmLayer(1, 8)] public partial struct @int; }")]
    [InlineData("public partial class @void { public partial struct @readonly { [LstmLayer(1, 8)] public partial class @var; } }")]
    [InlineData("namespace @async { [LstmLayer(1, 8, MaxSteps = 2)] public partial class @record; }")]
    [InlineData("[LstmLayer(1, 8)] public partial class @nameof;")]
    public void Escaped_keywords_stay_escaped(string declaration) => AssertCompilesClean("using LstmGen;\n" + declaration + "\n");

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    public void A_language_version_before_11_is_reported(LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run("using LstmGen;\n[LstmLayer(1, 2)] public partial class Layer;\n", languageVersion: version);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("LSTM014", diagnostic.Id);
        Assert.Contains("C# 11 or later", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11, "class")]
    [InlineData(LanguageVersion.CSharp11, "struct")]
    [InlineData(LanguageVersion.CSharp12, "struct")]
    [InlineData(LanguageVersion.Preview, "struct")]
    [InlineData(LanguageVersion.Preview, "class")]
    public void Every_supported_language_version_compiles(LanguageVersion version, string kind)
    {
        string source = $"using LstmGen;\n[LstmLayer(3, 5, MaxSteps = 4, Adam = true)] public partial {kind} Trained {{ }}\n[LstmLayer(2, 4)] public partial {kind} Plain {{ }}\n";
        AssertCompilesClean(source, version);
    }

    [Theory]
    [InlineData("[LstmLayer(1, 2)] file partial class {|Layer|};", "file-local")]
    [InlineData("file partial class Outer { [LstmLayer(1, 2)] public partial class {|Layer|}; }", "nested in the file-local type 'Outer'")]
    public void File_local_types_are_reported(string markup, string message) => AssertReports("LSTM015", markup, message);

    [Theory]
    [InlineData("public int Own;")]
    [InlineData("private float _gain; public float Gain { get => _gain; set => _gain = value; }")]
    [InlineData("public int Count { get; set; }")]
    [InlineData("public event System.Action? Changed;")]
    public void A_struct_layer_may_hold_fields_of_its_own(string members) =>
        AssertCompilesClean($"using LstmGen;\n[LstmLayer(2, 4)] public partial struct Layer {{ {members} }}\n");

    [Fact]
    public void A_struct_layer_may_capture_primary_constructor_parameters() =>
        AssertCompilesClean("using LstmGen;\n[LstmLayer(2, 4)] public partial struct Layer(int gain) { public int Gain => gain; }\n");

    [Theory]
    [InlineData("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)] [LstmLayer(2, 4)] public partial struct {|Layer|};", "Explicit")]
    [InlineData("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)] [LstmLayer(2, 4)] public partial struct {|Layer|} { public int Own; }", "Sequential")]
    public void A_struct_layout_that_cannot_hold_the_buffers_is_reported(string markup, string message) => AssertReports("LSTM017", markup, message);

    [Fact]
    public void An_auto_or_sequential_layout_without_fields_of_its_own_is_kept() =>
        AssertCompilesClean("using LstmGen;\n[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)] [LstmLayer(2, 4)] public partial struct A { public int Own; }\n[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)] [LstmLayer(2, 4)] public partial struct B;\n");

    /// <summary>Every name the generated code uses, declared by the user where it could capture one: global, in the layer's namespace, nested in the layer.</summary>
    public static IEnumerable<object[]> CapturingNames => new[]
    {
        "var", "Unsafe", "Vector128", "Vector256", "Vector512", "MemoryMarshal", "Span", "ReadOnlySpan", "MethodImpl", "MethodImplOptions",
        "InlineArray", "UnscopedRef", "GeneratedCode", "EditorBrowsable", "EditorBrowsableState", "Fma", "LstmMath", "LstmSimd", "LstmGuard",
        "LstmAlignment", "LstmBackprop", "LstmOptimizers", "LstmRefs", "LstmParameterLayout", "LstmWeights", "LstmReadOnlyWeights", "LstmValues",
        "Kernels", "Copy", "ParameterStorage", "StateStorage", "Tape", "Math", "MathF", "Generated", "nameof", "dynamic", "value",
    }.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CapturingNames))]
    public void Names_the_user_declares_never_capture_the_generated_code(string name)
    {
        string type = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
        string source = $$"""
            using LstmGen;
            public class {{type}} { }
            namespace Demo
            {
                public class {{type}} { }
                [LstmLayer(1, 32, MaxSteps = 2, Adam = true)] public partial class Trained { public class {{type}} { } }
                [LstmLayer(3, 7)] public partial struct Odd;
                [LstmLayer(8, 32)] public partial class Pipelined;
            }
            namespace LstmGen.Generated.Deeper { public class {{type}} { } }
            """;
        AssertCompilesClean(source, LanguageVersion.Preview);
    }

    [Theory]
    [InlineData("[LstmLayer(1, 2)] partial class BaseLayer; [LstmLayer(1, 2)] partial class {|DerivedLayer|} : BaseLayer;", "BaseLayer")]
    [InlineData("[LstmLayer(1, 2)] partial class BaseLayer; class Middle : BaseLayer { } [LstmLayer(3, 4)] partial class {|DerivedLayer|} : Middle;", "BaseLayer")]
    public void A_layer_derived_from_a_layer_is_reported(string markup, string message) => AssertReports("LSTM016", markup, message);

    [Theory]
    [InlineData("[LstmLayer(1, 2)] public partial class Layer(int {|Step|});", "primary constructor parameter named 'Step'")]
    [InlineData("[LstmLayer(1, 2)] public partial class Layer(int {|Weights|}, int other);", "primary constructor parameter named 'Weights'")]
    [InlineData("[LstmLayer(1, 2)] public partial struct Layer(int {|__lstm|});", "primary constructor parameter named '__lstm'")]
    [InlineData("[LstmLayer(1, 2)] public partial class Layer { public class {|Reset|} { } }", "nested type named 'Reset'")]
    [InlineData("[LstmLayer(1, 2, MaxSteps = 3)] public partial class Layer { private int {|RecordedSteps|}; }", "member named 'RecordedSteps'")]
    public void Names_that_clash_with_generated_members_are_reported(string markup, string message) => AssertReports("LSTM007", markup, message);

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void The_clash_list_is_exactly_what_the_partial_declares(string scenario)
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.All[scenario]);
        bool model = scenario.StartsWith("Model", StringComparison.Ordinal);
        string field = model ? ModelApi.StorageField : LayerApi.StorageField;
        SyntaxTree generated = Assert.Single(run.Output.SyntaxTrees, tree => tree.FilePath.Contains(model ? ".LstmModel.g.cs" : ".Lstm.g.cs", StringComparison.Ordinal));
        TypeDeclarationSyntax partial = generated.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()
            .Single(t => t.Members.OfType<FieldDeclarationSyntax>().Any(f => f.Declaration.Variables.Any(v => v.Identifier.ValueText == field)));
        string[] declared = partial.Members.SelectMany(NamesOf).Distinct().Order(StringComparer.Ordinal).ToArray();

        IEnumerable<string> expected = model ? ModelApi.Names(ModelPlanOf(run)) : LayerApi.Names(SpecOf(run));
        Assert.Equal(expected.Distinct().Order(StringComparer.Ordinal).ToArray(), declared);
    }

    [Fact]
    public void The_size_limit_counts_bytes()
    {
        AssertCompilesClean("using LstmGen;\n[LstmLayer(4, 36, ElementType = typeof(double), MaxSteps = 61000)] public partial class JustBelow;\n");
        AssertReports("LSTM003", "[LstmLayer(4, 36, ElementType = typeof(double), {|MaxSteps = 62000|})] public partial class JustAbove;", "more than the limit of 125,829,120");
    }

    [Theory]
    [InlineData("[LstmLayer(1, 2)] public partial class layer;")]
    [InlineData("namespace lower { public partial class outer { [LstmLayer(1, 2)] public partial struct inner; } }")]
    [InlineData("[System.Obsolete(\"old\")] [LstmLayer(1, 2)] public partial class Old;")]
    [InlineData("[System.Obsolete(\"old\")] public partial class Old { [LstmLayer(1, 2)] public partial class Inner; }")]
    public void Generated_code_echoes_no_warning_of_the_users_declaration(string declaration) =>
        AssertCompilesClean("using LstmGen;\n" + declaration + "\n");

    [Fact]
    public void A_baking_error_is_the_only_error()
    {
        const string Source = "using LstmGen;\n[LstmLayer(1, 8, Weights = \"missing.safetensors\")] public partial class Amp;\n" +
            "public static class User { public static float Run() { var amp = new Amp(); System.Span<float> h = stackalloc float[Amp.StateWidth]; amp.Step(new float[Amp.InputWidth], h); return Amp.Parameters[0] + amp.HiddenState[0]; } }\n";
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Equal("LSTM010", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompilationDiagnostics());
    }

    private static LayerSpec SpecOf(GeneratorRun run) =>
        run.Result.Results[0].TrackedSteps[TrackingNames.LayerSpecs].SelectMany(step => step.Outputs).Select(output => (LayerSpec)output.Value).Single();

    private static ModelPlan ModelPlanOf(GeneratorRun run)
    {
        ModelEmitInput input = run.Result.Results[0].TrackedSteps[TrackingNames.ModelEmitInputs].SelectMany(step => step.Outputs).Select(output => (ModelEmitInput)output.Value).Single();
        return new ModelPlan(input.Spec, input.Structure);
    }

    private static IEnumerable<string> NamesOf(MemberDeclarationSyntax member) => member switch
    {
        TypeDeclarationSyntax type => new[] { type.Identifier.ValueText },
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
        PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => new[] { property.Identifier.ValueText },
        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => new[] { method.Identifier.ValueText },
        _ => Array.Empty<string>(),
    };

    /// <summary>
    /// Asserts that the generator reports nothing and that the compilation with its code has no diagnostic it did not have
    /// without it (a lower-case type name's CS8981 belongs to the user's own declaration).
    /// </summary>
    private static GeneratorRun AssertCompilesClean(string source, LanguageVersion version = LanguageVersion.Latest)
    {
        GeneratorRun run = GeneratorHarness.Run(source, languageVersion: version, allowUnsafe: true);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.NewDiagnostics());
        return run;
    }

    private static void AssertReports(string id, string markup, string message)
    {
        (string body, Microsoft.CodeAnalysis.Text.TextSpan span) = Markup.Parse(markup);
        const string Prefix = "using LstmGen;\n";
        GeneratorRun run = GeneratorHarness.Run(Prefix + body + "\n");
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(span.Start + Prefix.Length, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(span.Length, diagnostic.Location.SourceSpan.Length);
        string text = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(text.Contains(message, StringComparison.Ordinal), $"The message is: {text}");
    }
}
