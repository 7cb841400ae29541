using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LstmGen.Generator.Tests.Support;

/// <summary>An AdditionalFiles entry backed by a real file, as in a build (the generator reads weight files' bytes from disk).</summary>
public sealed class FileAdditionalText : AdditionalText
{
    public FileAdditionalText(string path) => Path = path;

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default) => null;

    /// <summary>Writes bytes to a fresh temporary folder under the given relative name and returns the entry for it.</summary>
    public static FileAdditionalText Create(string relativePath, byte[] bytes)
    {
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lstmgen-tests", System.Guid.NewGuid().ToString("N"));
        string path = System.IO.Path.Combine(folder, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return new FileAdditionalText(path);
    }
}
