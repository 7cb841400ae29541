using System.Linq;
using LstmGen.Generator.Tests.Support;
using Xunit;

namespace LstmGen.Generator.Tests;

/// <summary>The generated file of every scenario, compared with its checked-in snapshot.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Generated_code_matches_snapshot(string scenario)
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.All[scenario]);
        Assert.Empty(run.GeneratorDiagnostics);
        Microsoft.CodeAnalysis.GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.EndsWith(scenario.StartsWith("Model", System.StringComparison.Ordinal) ? ".LstmModel.g.cs" : ".Lstm.g.cs", source.HintName, System.StringComparison.Ordinal);
        Snapshot.Verify(scenario, source.SourceText.ToString());
    }

    [Fact]
    public void Every_verified_snapshot_belongs_to_a_scenario()
    {
        string folder = System.IO.Path.Combine(GeneratorHarness.RepositoryRoot(), "tests", "LstmGen.Generator.Tests", "Snapshots");
        string[] orphans = System.IO.Directory.GetFiles(folder, "*.verified.cs")
            .Select(path => System.IO.Path.GetFileName(path)[..^".verified.cs".Length])
            .Where(name => !Scenarios.All.ContainsKey(name) && !BakedScenarioNames.Contains(name))
            .ToArray();
        Assert.Empty(orphans);
    }

    /// <summary>Snapshots written by tests that need additional files.</summary>
    internal static readonly string[] BakedScenarioNames = { "Baked1x8", "ModelBakedAmp" };
}
