using System;
using System.IO;

namespace LstmGen.PackageTests.Support;

/// <summary>Finds the repository the tests were built from.</summary>
internal static class RepositoryRoot
{
    /// <summary>Gets the folder that holds LstmGen.sln, searched for upwards from the test assembly.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "LstmGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LstmGen.sln above {AppContext.BaseDirectory}.");
    }
}
