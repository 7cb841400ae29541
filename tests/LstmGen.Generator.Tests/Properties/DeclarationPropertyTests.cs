using System;
using System.Globalization;
using System.Linq;
using CsCheck;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LstmGen.Generator.Tests.Properties;

/// <summary>
/// Random declarations of layers and models, in random places under random names, with random options: whatever the user
/// declares within the rules, the generator reports nothing and its code compiles with zero diagnostics (warnings are
/// errors, overflow checking on). A few hundred cases run in CI; <c>LSTMGEN_PROPERTY_ITERATIONS=10000</c> runs a long one.
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

    private static readonly Gen<string> Declaration = Gen.Select(
        Gen.Int[0, 2].SelectMany(kind => kind switch { 0 => Layer, 1 => Model, _ => Stack }),
        Gen.Int[0, Names.Length - 1],
        Gen.Bool,
        Gen.Int[0, 3],
        (attributes, name, isStruct, place) =>
        {
            string type = $"{attributes}\npublic partial {(isStruct ? "struct" : "class")} {Names[name]} {{ }}";
            return place switch
            {
                0 => $"using LstmGen;\n{type}\n",
                1 => $"using LstmGen;\nnamespace Demo.@namespace;\n{type}\n",
                2 => $"using LstmGen;\nnamespace Outer {{ public partial class Holder {{ {type} }} }}\n",
                _ => $"using LstmGen;\nnamespace LstmGen.Generated.User {{ {type} }}\n",
            };
        });

    [Fact]
    public void Any_valid_declaration_compiles_clean() =>
        Declaration.Sample(
            source =>
            {
                GeneratorRun run = GeneratorHarness.Run(source);
                Diagnostic[] generator = run.GeneratorDiagnostics.ToArray();
                Assert.True(generator.Length == 0, $"{source}\n{string.Join("\n", generator.Select(d => d.ToString()))}");
                Diagnostic[] compiled = run.NewDiagnostics().ToArray();
                Assert.True(compiled.Length == 0, $"{source}\n{string.Join("\n", compiled.Take(5).Select(d => d.ToString()))}");
            },
            iter: PropertyRuns.Iterations(150),
            threads: 1,
            seed: PropertyRuns.Seed);
}
