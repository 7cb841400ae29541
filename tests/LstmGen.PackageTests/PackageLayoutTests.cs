using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using LstmGen.PackageTests.Support;
using Xunit;

namespace LstmGen.PackageTests;

/// <summary>What `dotnet pack src/LstmGen` puts in the package, read back from the zip.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private readonly PackedLstmGen _package;

    public PackageLayoutTests(PackedLstmGen package) => _package = package;

    [Fact]
    public void The_feed_holds_exactly_one_package_and_its_symbols()
    {
        string[] files = Directory.GetFiles(_package.Feed).Select(Path.GetFileName).ToArray()!;
        Assert.Equal(new[] { $"LstmGen.{_package.Version}.nupkg", $"LstmGen.{_package.Version}.snupkg" }, files.Order());
    }

    [Fact]
    public void The_package_holds_both_libraries_the_generator_as_an_analyzer_the_readme_and_the_license()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.Package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        foreach (string framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/LstmGen.dll", entries);
            Assert.Contains($"lib/{framework}/LstmGen.xml", entries);
        }

        Assert.Contains("analyzers/dotnet/cs/LstmGen.Generator.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);

        // Nothing else is an assembly: no generator under lib/, no Roslyn or other generator dependencies.
        string[] assemblies = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order().ToArray();
        Assert.Equal(new[] { "analyzers/dotnet/cs/LstmGen.Generator.dll", "lib/net10.0/LstmGen.dll", "lib/net8.0/LstmGen.dll" }, assemblies);

        Assert.StartsWith("# LstmGen", Read(zip, "README.md"), StringComparison.Ordinal);
        string license = Read(zip, "LICENSE");
        Assert.Contains("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("LstmGen contributors", license, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nuspec_describes_the_package_and_depends_on_nothing()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.Package);
        XElement metadata = XDocument.Parse(Read(zip, "LstmGen.nuspec")).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("LstmGen", Field("id"));
        Assert.Equal(_package.Version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Contains("source generator", Field("description"), StringComparison.Ordinal);
        Assert.Contains("lstm", Field("tags").Split(' '));
        Assert.Contains("nativeaot", Field("tags").Split(' '));

        // The project has no public home yet, so the package names no address rather than a placeholder.
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "projectUrl");
        Assert.All(metadata.Elements().Where(e => e.Name.LocalName == "repository"), repository => Assert.Null(repository.Attribute("url")));

        XElement dependencies = metadata.Elements().Single(e => e.Name.LocalName == "dependencies");
        string[] groups = dependencies.Elements().Select(g => g.Attribute("targetFramework")!.Value).Order().ToArray();
        Assert.Equal(new[] { "net10.0", "net8.0" }, groups);
        Assert.All(dependencies.Elements(), group => Assert.Empty(group.Elements()));
    }

    [Fact]
    public void The_symbol_package_holds_a_pdb_per_framework()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.SymbolPackage);
        string[] pdbs = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(new[] { "lib/net10.0/LstmGen.pdb", "lib/net8.0/LstmGen.pdb" }, pdbs);
    }

    private static string Read(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
