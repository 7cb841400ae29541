using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace LstmGen.Generator.Tests.Support;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.cs</c>. On a mismatch it writes
/// <c>NAME.received.cs</c> beside it and fails with the first differing lines. Set <c>LSTMGEN_ACCEPT_SNAPSHOTS=1</c> (or run
/// <c>scripts/accept-snapshots.sh</c>) to overwrite the verified files with what the generator produces now.
/// </summary>
public static partial class Snapshot
{
    public const string AcceptVariable = "LSTMGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(folder, name + ".verified.cs");
        string receivedPath = Path.Combine(folder, name + ".received.cs");
        string scrubbed = Scrub(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verifiedPath, scrubbed, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (verified == scrubbed)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, scrubbed, new UTF8Encoding(false));
        throw new XunitException(verified is null
            ? $"No snapshot {name}.verified.cs yet. Wrote {receivedPath}; review it and accept with {AcceptVariable}=1."
            : $"Snapshot {name} differs; wrote {receivedPath}.{Environment.NewLine}{FirstDifference(verified, scrubbed)}");
    }

    /// <summary>Removes what changes between builds without changing the code: the generator's version.</summary>
    public static string Scrub(string text) => VersionPattern().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "GeneratedCode(\"LstmGen\", \"{version}\")");

    private static string FirstDifference(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        for (int i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            string a = i < left.Length ? left[i] : "<end of file>";
            string b = i < right.Length ? right[i] : "<end of file>";
            if (a != b)
            {
                var diff = new StringBuilder();
                diff.AppendLine($"First difference at line {i + 1}:");
                for (int context = Math.Max(0, i - 2); context < i; context++)
                {
                    diff.AppendLine($"    {left[context]}");
                }

                diff.AppendLine($"  - {a}");
                diff.AppendLine($"  + {b}");
                diff.Append($"({left.Length} lines verified, {right.Length} received)");
                return diff.ToString();
            }
        }

        return "The files differ only in line endings.";
    }

    [GeneratedRegex("GeneratedCode\\(\"LstmGen\", \"[0-9.]+\"\\)")]
    private static partial Regex VersionPattern();
}
