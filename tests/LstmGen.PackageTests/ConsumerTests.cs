using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LstmGen.PackageTests.Support;
using Xunit;

namespace LstmGen.PackageTests;

/// <summary>
/// The user's path: a fresh project references the package and nothing else, declares layers, builds and runs, for each
/// framework the package serves; its numbers must be the ones the library computes here.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests
{
    private const float Tolerance = 1e-6f;
    private readonly PackedLstmGen _package;

    public ConsumerTests(PackedLstmGen package) => _package = package;

    [Fact]
    public void A_project_with_only_the_package_builds_runs_and_computes_what_the_library_computes()
    {
        string directory = Directory.CreateDirectory(Path.Combine(_package.Root, "consumer")).FullName;
        ConsumerProject.Write(directory, _package, ConsumerCase.BakedWeights());
        DotNet.Run(directory, TimeSpan.FromMinutes(10), "build", "-c", "Release", "--disable-build-servers").EnsureSuccess();

        float[] plain = ConsumerCase.Outputs(ConsumerCase.PlainSeed);
        float[] baked = ConsumerCase.Outputs(ConsumerCase.BakedSeed);
        foreach (string framework in ConsumerProject.Frameworks)
        {
            string assembly = Path.Combine(directory, "bin", "Release", framework, "Consumer.dll");
            string[] lines = DotNet.Run(directory, TimeSpan.FromMinutes(2), assembly).EnsureSuccess().Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            string version = framework.Substring("net".Length);
            Assert.Equal($".NETCoreApp,Version=v{version}", Line(lines, "library"));
            // A baked layer holds its state only: h twice (read one copy, write the other) and c, each in a slot of H rounded
            // up to 16 floats (one 64-byte line), 15 spare floats so the slots can start on a line, where they start and which
            // h is current.
            int slot = (ConsumerShape.StateWidth + 15) / 16 * 16;
            Assert.Equal($"{ConsumerShape.StorageBytes} {(((3 * slot) + 15) * sizeof(float)) + (2 * sizeof(int))}", Line(lines, "storage"));
            AssertClose(plain, Numbers(Line(lines, "plain")), framework);
            AssertClose(baked, Numbers(Line(lines, "baked")), framework);
        }
    }

    private static string Line(string[] lines, string key) =>
        lines.Single(l => l.StartsWith(key + " ", StringComparison.Ordinal)).Substring(key.Length + 1);

    private static float[] Numbers(string line) =>
        line.Split(' ').Select(v => float.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    private static void AssertClose(float[] expected, float[] actual, string framework)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.Contains(expected, v => Math.Abs(v) > 0.01f);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"{framework}: output {i} is {actual[i]}, expected {expected[i]}");
        }
    }
}
