using System.Linq;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>Every diagnostic the generator reports, with its exact ID and location; the type gets no generated code.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void LSTM001_type_not_partial() => AssertReports("LSTM001", "[LstmLayer(2, 3)] public class {|Layer|} { }");

    [Theory]
    [InlineData("[LstmLayer({|0|}, 3)] public partial class Layer;")]
    [InlineData("[LstmLayer(2, {|-1|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, {|stateWidth: 0|})] public partial class Layer;")]
    public void LSTM002_width_not_positive(string markup) => AssertReports("LSTM002", markup);

    [Theory]
    [InlineData("[LstmLayer({|1025|}, 3)] public partial class Layer;")]
    [InlineData("[LstmLayer(4, {|5000|})] public partial class Layer;")]
    [InlineData("[LstmLayer(1000, 1000, ElementType = typeof(double), {|MaxSteps = 1|}, Adam = true)] public partial class Layer;")]
    [InlineData("[LstmLayer(64, 128, {|MaxSteps = 40000|})] public partial class Layer;")]
    [InlineData("[LstmLayer(4, 36, ElementType = typeof(double), {|MaxSteps = 65536|})] public partial class Layer;")]
    [InlineData("[LstmLayer(256, 512, {|Weights = \"big.safetensors\"|})] public partial class Layer;")]
    [InlineData("[LstmLayer(1024, 1024, ElementType = typeof(double), {|Streams = 4096|})] public partial class Layer;")]
    [InlineData("[LstmLayer(64, 128, Streams = 64, {|MaxSteps = 1000|})] public partial class Layer;")]
    public void LSTM003_too_large(string markup) => AssertReports("LSTM003", markup);

    [Fact]
    public void LSTM004_generic_type() => AssertReports("LSTM004", "[LstmLayer(2, 3)] public partial class {|Layer|}<T>;");

    [Fact]
    public void LSTM004_type_nested_in_generic_type() =>
        AssertReports("LSTM004", "public partial class Outer<T> { [LstmLayer(2, 3)] public partial class {|Layer|}; }");

    [Fact]
    public void LSTM005_containing_type_not_partial() =>
        AssertReports("LSTM005", "public class {|Outer|} { [LstmLayer(2, 3)] public partial class Layer; }");

    [Fact]
    public void LSTM006_attribute_twice_on_one_declaration() =>
        AssertReports("LSTM006", "[LstmLayer(2, 3)] [{|LstmLayer(4, 5)|}] public partial class Layer;", "CS0579");

    [Fact]
    public void LSTM006_attribute_on_two_partial_declarations() =>
        AssertReports("LSTM006", "[LstmLayer(2, 3)] public partial class Layer; [{|LstmLayer(4, 5)|}] public partial class Layer;", "CS0579");

    [Fact]
    public void LSTM007_member_clash() =>
        AssertReports("LSTM007", "[LstmLayer(2, 3)] public partial class Layer { public void {|Step|}() { } }");

    [Fact]
    public void LSTM007_inherited_member_clash() =>
        AssertReports("LSTM007", "public class Base { public int Forward; } [LstmLayer(2, 3)] public partial class {|Layer|} : Base;");

    [Fact]
    public void LSTM007_type_named_like_a_member() =>
        AssertReports("LSTM007", "[LstmLayer(2, 3)] public partial class {|Reset|};");

    [Theory]
    [InlineData("[LstmLayer(2, 3, {|ElementType = typeof(int)|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|Adam = true|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|MaxSteps = -1|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|Kernel = (LstmKernel)7|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 6, {|Kernel = LstmKernel.RowBlocked|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, MaxSteps = 4, {|Weights = \"w.safetensors\"|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|Weights = \"\"|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|Streams = 0|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|Streams = -2|})] public partial class Layer;")]
    [InlineData("[LstmLayer(2, 3, {|Streams = 4097|})] public partial class Layer;")]
    public void LSTM008_invalid_option(string markup) => AssertReports("LSTM008", markup);

    [Theory]
    [InlineData("[LstmLayer(2, 3)] public static partial class {|Layer|};")]
    [InlineData("[LstmLayer(2, 3)] public readonly partial struct {|Layer|};")]
    [InlineData("[LstmLayer(2, 3)] public ref partial struct {|Layer|};")]
    public void LSTM009_unsupported_kind_of_type(string markup) => AssertReports("LSTM009", markup);

    [Fact]
    public void A_valid_layer_beside_an_invalid_one_is_still_generated()
    {
        GeneratorRun run = GeneratorHarness.Run("using LstmGen;\n[LstmLayer(0, 3)] public partial class Bad;\n[LstmLayer(2, 3)] public partial class Good;\n");
        Assert.Equal("LSTM002", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal("Good-1.Lstm.g.cs", Assert.Single(run.Sources).HintName);
    }

    /// <summary>Runs the generator on markup and asserts exactly one diagnostic with this ID, on the marked span, and no source.</summary>
    private static void AssertReports(string id, string markup, params string[] compilerErrorsAlsoExpected)
    {
        (string body, Microsoft.CodeAnalysis.Text.TextSpan span) = Markup.Parse(markup);
        const string Prefix = "using LstmGen;\n";
        string source = Prefix + body + "\n";
        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(span.Start + Prefix.Length, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(span.Length, diagnostic.Location.SourceSpan.Length);
        Assert.Equal("/src/Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(run.Sources);

        // The compiler's own errors on the same code are allowed only where the test names them.
        string[] compilerErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToArray();
        Assert.All(compilerErrors, e => Assert.Contains(e, compilerErrorsAlsoExpected.Concat(new[] { "CS0260", "CS0106", "CS0227" })));
    }
}
