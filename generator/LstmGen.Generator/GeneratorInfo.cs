namespace LstmGen.Generator;

/// <summary>Facts about the generator itself that appear in its output.</summary>
internal static class GeneratorInfo
{
    /// <summary>The generator's assembly version, written into <c>[GeneratedCode]</c> attributes.</summary>
    public static string Version { get; } = typeof(GeneratorInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
}
