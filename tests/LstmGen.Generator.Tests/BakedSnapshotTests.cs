using System.IO;
using LstmGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>
/// The generated files of a baked layer and a baked model (listed in <see cref="SnapshotTests.BakedScenarioNames"/>), from
/// the committed models: the layer as an optimized (Release) build gets it, the weights in a span over a constant array;
/// the model as a Debug build gets it, the weights in a static array (see <c>DebugBuildAllocationTests</c>).
/// </summary>
public sealed class BakedSnapshotTests
{
    [Fact]
    public void Baked1x8_matches_snapshot()
    {
        string model = Path.Combine(GeneratorHarness.RepositoryRoot(), "tests", "LstmGen.Tests", "TestData", "models", "lstm-I1-H8.safetensors");
        const string Source = "using LstmGen;\n\nnamespace Demo;\n\n[LstmLayer(1, 8, Weights = \"models/lstm-I1-H8.safetensors\", WeightsPrefix = \"lstm.\")] public partial class Baked1x8;\n";
        GeneratorRun run = GeneratorHarness.Run(Source, additionalTexts: [new FileAdditionalText(model)], optimization: OptimizationLevel.Release);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics());
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Snapshot.Verify("Baked1x8", source.SourceText.ToString());
    }

    [Fact]
    public void ModelBakedAmp_matches_snapshot()
    {
        string model = Path.Combine(GeneratorHarness.RepositoryRoot(), "tests", "LstmGen.Tests", "TestData", "pytorch-models", "amp-I1-H8-T64.json");
        const string Source = "using LstmGen;\n\nnamespace Demo;\n\n[LstmModel(Weights = \"pytorch-models/amp-I1-H8-T64.json\")] public partial class ModelBakedAmp;\n";
        GeneratorRun run = GeneratorHarness.Run(Source, additionalTexts: [new FileAdditionalText(model)]);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics());
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Snapshot.Verify("ModelBakedAmp", source.SourceText.ToString());
    }
}
