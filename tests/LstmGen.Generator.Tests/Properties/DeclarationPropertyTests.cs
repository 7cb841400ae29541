using System;
using System.Globalization;
using System.Linq;
using CsCheck;
using LstmGen.Generator.Tests.Support;
using LstmGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LstmGen.Generator.Tests.Properties;

/// <summary>
/// Random declarations of layers and models, in random places under random names, of random kinds, with random options,
/// members and C# versions: the generator never fails, and either reports documented LSTM diagnostics (and writes nothing
/// for the type) or writes code that compiles with zero diagnostics (warnings are errors, overflow checking on). A few
/// hundred cases run in CI; <c>LSTMGEN_PROPERTY_ITERATIONS=10000 dotnet test --filter DeclarationPropertyTests</c> runs a
/// long one.
/// </summary>
public sealed class DeclarationPropertyTests
{
    /// <summary>Type names, keywords among them (escaped), and names the generated code itself uses inside (a type named like a generated member is LSTM007, tested apart).</summary>
    private static readonly string[] Names = { "Amp", "@class", "Kernels", "Span", "Vector256", "Unsafe", "LstmGuard", "var", "T", "Model_Layer", "Ж" };

    private static readonly Gen<string> Options = Gen.Select(Gen.Bool, Gen.Int[0, 3], Gen.Bool, Gen.Bool, (isDouble, steps, adam, exact) =>
    {
        var parts = new System.Collections.Generic.List<string>();
        if (isDouble)
        {
            parts.Add("ElementType = typeof(double)");
        }

        if (steps > 0)
        {
            parts.Add("MaxSteps = " + (steps * 3).ToString(CultureInfo.InvariantCulture));
            if (adam)
            {
                parts.Add("Adam = true");
            }
        }

        if (exact)
        {
            parts.Add("ExactActivations = true");
        }

        return parts.Count == 0 ? string.Empty : ", " + string.Join(", ", parts);
    });

    private static readonly Gen<string> Layer = Gen.Select(Gen.Int[1, 9], Gen.Int[1, 41], Options, (i, h, options) =>
        $"[LstmLayer({i}, {h}{options})]");

    private static readonly Gen<string> Activation = Gen.Int[0, 3].Select(k => new[] { "Identity", "Tanh", "ReLU", "Sigmoid" }[k]);

    private static readonly Gen<string> ModelLayer = Gen.Select(Gen.Int[0, 2], Gen.Int[1, 24], Activation, (kind, width, activation) => kind switch
    {
        0 => $"[Lstm({width})]",
        1 => $"[Dense({width}, ActivationKind.{activation})]",
        _ => $"[Activation(ActivationKind.{activation})]",
    });

    private static readonly Gen<string> Model = Gen.Select(Gen.Int[1, 5], ModelLayer.Array[1, 4], Gen.Bool, Options, (i, layers, residual, options) =>
        $"[LstmModel({i}{(residual ? ", Residual = true" : string.Empty)}{options})]\n" + string.Join("\n", layers));

    private static readonly Gen<string> Stack = Gen.Select(Gen.Int[1, 4], Gen.Int[1, 33].Array[1, 3], Gen.Int[1, 4], Gen.Bool, Options, (i, hidden, o, residual, options) =>
        $"[LstmModel({i}, new[] {{ {string.Join(", ", hidden)} }}, {o}{(residual && i >= 1 ? ", Residual = true" : string.Empty)}{options})]");

    /// <summary>A member of the user's own: nothing, a field, a property, or one named like a generated member (LSTM007).</summary>
    private static readonly string[] Members = { string.Empty, "private int counter;", "public int Level { get; set; }", "public void Step() { }", "public int Weights;", "public class Lstm0 { }" };

    /// <summary>The type's kind: the supported ones, and kinds LSTM009 refuses.</summary>
    private static readonly string[] Kinds = { "partial class", "partial struct", "sealed partial class", "partial record", "static partial class", "readonly partial struct" };

    private static readonly Gen<string> Declaration = Gen.Select(
        Gen.Int[0, 2].SelectMany(kind => kind switch { 0 => Layer, 1 => Model, _ => Stack }),
        Gen.Int[0, Names.Length - 1],
        Gen.Int[0, Kinds.Length - 1].Select(k => Kinds[k]).Select(Gen.Int[0, 4]).Select(pair => pair.Item2 == 0 ? pair.Item1 : Kinds[pair.Item2 % 2]),
        Gen.Int[0, 3],
        Gen.Int[0, Members.Length - 1].Select(Gen.Int[0, 3]).Select(pair => pair.Item2 == 0 ? Members[pair.Item1] : Members[pair.Item1 % 3]),
        (attributes, name, kind, place, member) =>
        {
            string type = $"{attributes}\npublic {kind} {Names[name]} {{ {member} }}";
            return place switch
            {
                0 => $"using LstmGen;\n{type}\n",
                1 => $"using LstmGen;\nnamespace Demo.@namespace;\n{type}\n",
                2 => $"using LstmGen;\nnamespace Outer {{ public partial class Holder {{ {type} }} }}\n",
                _ => $"using LstmGen;\nnamespace LstmGen.Generated.User {{ {type} }}\n",
            };
        });

    private static readonly Gen<LanguageVersion> Version = Gen.Int[0, 4].Select(v => v switch
    {
        0 => LanguageVersion.CSharp10,
        1 => LanguageVersion.CSharp11,
        2 => LanguageVersion.CSharp12,
        _ => LanguageVersion.Latest,
    });

    /// <summary>
    /// For every declaration: no exception and no LSTM099; either documented LSTM diagnostics and no code for the type, or
    /// code that compiles with zero diagnostics.
    /// </summary>
    [Fact]
    public void Any_declaration_compiles_clean_or_gets_a_documented_diagnostic_and_no_code() =>
        Gen.Select(Declaration, Version).Sample(
            pair =>
            {
                (string source, LanguageVersion version) = pair;
                GeneratorRun run = GeneratorHarness.Run(source, languageVersion: version);
                Diagnostic[] generator = run.GeneratorDiagnostics.ToArray();
                string context = $"C# {version}:\n{source}\n{string.Join("\n", generator.Select(d => d.ToString()))}";
                Assert.DoesNotContain(generator, d => d.Id == "LSTM099" || !d.Id.StartsWith("LSTM0", StringComparison.Ordinal));
                if (generator.Length > 0)
                {
                    Assert.True(run.Sources.Count == 0, "code was emitted beside a declaration diagnostic: " + context);
                    return;
                }

                Diagnostic[] compiled = run.NewDiagnostics().ToArray();
                Assert.True(compiled.Length == 0, $"{context}\n{string.Join("\n", compiled.Take(5).Select(d => d.ToString()))}");
            },
            iter: PropertyRuns.Iterations(200),
            threads: 1,
            seed: PropertyRuns.Seed);

    [Fact]
    public void The_declarations_reach_both_outcomes()
    {
        int diagnosed = 0;
        int clean = 0;
        Gen.Select(Declaration, Version).Sample(
            pair =>
            {
                GeneratorRun run = GeneratorHarness.Run(pair.Item1, languageVersion: pair.Item2);
                _ = run.GeneratorDiagnostics.IsEmpty ? clean++ : diagnosed++;
            },
            iter: 40,
            threads: 1,
            seed: "0000000000001");
        Assert.True(diagnosed > 0 && clean > 0, $"{diagnosed} diagnosed, {clean} clean");
    }
}
