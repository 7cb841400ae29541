using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Baking;

/// <summary>
/// Finds the AdditionalFiles entry an attribute's <c>Weights</c> path names. Both sides are compared normalised (see
/// <see cref="Normalize"/>: '\' is '/', "." and empty segments go, ".." takes away the segment before it): the request
/// matches a path that equals it or ends with "/" + it. Case counts first; only when no path matches with the same case do
/// paths that match ignoring case count (so a project written on Windows, whose file system ignores case, builds the same
/// on Linux). More than one match is an error, never a guess.
/// </summary>
internal static class WeightFileMatcher
{
    /// <summary>Whether an AdditionalFiles path may be what some request names (ignoring case): such files are read.</summary>
    public static bool IsCandidate(string path, EquatableArray<string> requests) =>
        requests.Any(request => Matches(path, request, StringComparison.OrdinalIgnoreCase));

    /// <summary>The files a request names: those matching with the same case, or failing that, those matching ignoring case.</summary>
    public static List<WeightFile> Find(IEnumerable<WeightFile> files, string request)
    {
        List<WeightFile> all = files.ToList();
        List<WeightFile> exact = all.Where(file => Matches(file.Path, request, StringComparison.Ordinal)).ToList();
        return exact.Count > 0 ? exact : all.Where(file => Matches(file.Path, request, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static bool Matches(string path, string request, StringComparison comparison)
    {
        string full = Normalize(path);
        string wanted = Normalize(request);
        return wanted.Length > 0 && (string.Equals(full, wanted, comparison) || full.EndsWith("/" + wanted, comparison));
    }

    /// <summary>
    /// The path as '/'-separated segments with empty and "." segments dropped and each ".." taking away the segment before
    /// it; a ".." with nothing before it to take away (it leaves the project, or the path is relative) is dropped too, so
    /// <c>models/./a.json</c>, <c>models//a.json</c>, <c>x/../models/a.json</c> and <c>../app/models/a.json</c> all end in
    /// <c>models/a.json</c>.
    /// </summary>
    internal static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (string segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return string.Join("/", segments);
    }
}
