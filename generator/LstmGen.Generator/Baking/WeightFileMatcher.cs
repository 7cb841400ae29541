namespace LstmGen.Generator.Baking;

/// <summary>Decides whether an AdditionalFiles path is the file an attribute names (relative paths match the path's tail).</summary>
internal static class WeightFileMatcher
{
    public static bool IsRequested(string path, Model.EquatableArray<string> requests)
    {
        foreach (string request in requests)
        {
            if (Matches(path, request))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string path, string request)
    {
        string full = Normalize(path);
        string wanted = Normalize(request);
        while (wanted.StartsWith("./", System.StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }

        return full == wanted || full.EndsWith("/" + wanted, System.StringComparison.Ordinal);
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
