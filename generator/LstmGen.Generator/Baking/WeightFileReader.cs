using System;
using System.Threading;
using LstmGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace LstmGen.Generator.Baking;

/// <summary>Reads a requested AdditionalFiles entry into a <see cref="WeightFile"/>; never throws for a bad file.</summary>
internal static class WeightFileReader
{
    public static WeightFile Read(AdditionalText file, CancellationToken cancellationToken)
    {
        try
        {
            return new WeightFile(file.Path, new EquatableArray<byte>(ReadBytes(file.Path)), null);
        }
        catch (Exception exception) when (exception is System.IO.IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new WeightFile(file.Path, EquatableArray<byte>.Empty, exception.Message);
        }
    }

    /// <summary>
    /// Reads the file's bytes from disk. The compiler offers additional files only as decoded text and rejects binary ones
    /// (CS2015) when asked for it, so the generator reads the listed path itself; the pipeline calls this only when the
    /// AdditionalFiles entry changes, never on an unrelated edit.
    /// </summary>
#pragma warning disable RS1035 // File IO in a generator: the only way to read a binary additional file (see above).
    internal static byte[] ReadBytes(string path) => System.IO.File.ReadAllBytes(path);
#pragma warning restore RS1035
}
