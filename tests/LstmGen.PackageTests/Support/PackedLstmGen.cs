using System;
using System.Globalization;
using System.IO;
using Xunit;

namespace LstmGen.PackageTests.Support;

/// <summary>
/// Packs src/LstmGen once per test run, outside the solution's build: a unique prerelease version (so the NuGet cache never
/// serves an older copy), a temporary folder feed, and a private artifacts path (so packing never touches the repository's
/// bin and obj while other test assemblies run). Removes the folder and the cached package afterwards.
/// </summary>
public sealed class PackedLstmGen : IDisposable
{
    /// <summary>Creates the feed and packs into it.</summary>
    public PackedLstmGen()
    {
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-packagetest.{DateTime.UtcNow:yyyyMMddHHmmss}.g{Guid.NewGuid():N}");
        Root = Directory.CreateTempSubdirectory("lstmgen-package-").FullName;
        Feed = Path.Combine(Root, "feed");
        DotNet.Run(
            RepositoryRoot.Path,
            TimeSpan.FromMinutes(10),
            "pack",
            Path.Combine(RepositoryRoot.Path, "src", "LstmGen", "LstmGen.csproj"),
            "-c",
            "Release",
            "-warnaserror",
            "--disable-build-servers",
            "-o",
            Feed,
            "--artifacts-path",
            Path.Combine(Root, "artifacts"),
            $"-p:Version={Version}").EnsureSuccess();
    }

    /// <summary>Gets the package version of this run.</summary>
    public string Version { get; }

    /// <summary>Gets the temporary folder that holds the feed and any consumer projects.</summary>
    public string Root { get; }

    /// <summary>Gets the folder feed the package was packed into.</summary>
    public string Feed { get; }

    /// <summary>Gets the path of the package.</summary>
    public string Package => Path.Combine(Feed, $"LstmGen.{Version}.nupkg");

    /// <summary>Gets the path of the symbol package.</summary>
    public string SymbolPackage => Path.Combine(Feed, $"LstmGen.{Version}.snupkg");

    /// <inheritdoc />
    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Path.Combine(cache, "lstmgen", Version.ToLowerInvariant());
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }
}

/// <summary>Shares one packed LstmGen between the test classes that need it.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedLstmGen>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packed LstmGen";
}
