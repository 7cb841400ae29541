using Microsoft.CodeAnalysis;

namespace LstmGen.Generator;

/// <summary>
/// Every diagnostic the generator reports. IDs are listed in AnalyzerReleases.Unshipped.md. Each is an error the generator
/// cannot work around, so each is marked <see cref="WellKnownDiagnosticTags.NotConfigurable"/>, as the Regex generator marks
/// its own: a project cannot silence one and ship a type that lacks its generated members.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LstmGen";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "LSTM001",
        "LSTM layer or model type must be partial",
        "The type '{0}' has [{1}] but is not declared partial; add the 'partial' modifier so the generator can add its members");

    public static readonly DiagnosticDescriptor WidthNotPositive = Error(
        "LSTM002",
        "LSTM width must be positive",
        "The {0} of '{1}' is {2}; it must be at least 1");

    public static readonly DiagnosticDescriptor TooLarge = Error(
        "LSTM003",
        "LSTM layer or model is too large",
        "'{0}' is too large: {1}");

    public static readonly DiagnosticDescriptor GenericType = Error(
        "LSTM004",
        "LSTM layer or model type must not be generic",
        "The type '{0}' is generic or nested in a generic type; [{1}] needs a non-generic type because its buffers have fixed sizes");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "LSTM005",
        "Types that contain an LSTM layer or model must be partial",
        "The type '{0}' contains '{1}' but is not declared partial; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor DuplicateAttribute = Error(
        "LSTM006",
        "A type holds one LSTM layer or model",
        "The type '{0}' has {1}; one type holds one layer or one model, so remove all but one");

    public static readonly DiagnosticDescriptor NameClash = Error(
        "LSTM007",
        "A name clashes with a generated member",
        "'{0}' already has a {1} named '{2}', which the generated code needs; rename it");

    public static readonly DiagnosticDescriptor InvalidOption = Error(
        "LSTM008",
        "Invalid [LstmLayer] or [LstmModel] option",
        "Invalid option on '{0}': {1}");

    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Error(
        "LSTM009",
        "Unsupported kind of type for an LSTM layer or model",
        "The type '{0}' is {1}; an LSTM layer or model must be a mutable class or struct");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "LSTM010",
        "Weights file not found",
        "The weights file '{0}' of '{1}' is {2}");

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(
        "LSTM011",
        "Weights file cannot be read",
        "The weights file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor WeightsMismatch = Error(
        "LSTM012",
        "Weights file does not fit",
        "The weights file '{0}' does not fit '{1}': {2}");

    public static readonly DiagnosticDescriptor NeedsNet8 = Error(
        "LSTM013",
        "LstmGen needs .NET 8 or later",
        "'{0}' needs System.Runtime.CompilerServices.InlineArrayAttribute, which .NET 8 and later provide; target net8.0 or later");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "LSTM014",
        "LstmGen needs C# 11 or later",
        "'{0}' needs C# 11 or later, but the project uses C# {1}; raise <LangVersion> to 11 or more, or remove it (net8.0 defaults to C# 12)");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "LSTM015",
        "LSTM layer or model type must not be file-local",
        "'{0}' is {1}; the generated members live in another file, which cannot add to a file-local type, so remove the 'file' modifier");

    public static readonly DiagnosticDescriptor DerivesFromGenerated = Error(
        "LSTM016",
        "LSTM layer or model type derives from another",
        "'{0}' derives from '{1}', which is itself a generated LSTM layer or model; its generated members would hide the base's, so derive from neither, or hold one in a field");

    public static readonly DiagnosticDescriptor StructLayoutConflict = Error(
        "LSTM017",
        "LSTM struct layout cannot be kept",
        "'{0}' has [StructLayout(LayoutKind.{1})]{2}; the generated part adds fixed-size buffers without field offsets, so use LayoutKind.Auto or no StructLayout, or move the fields out");

    public static readonly DiagnosticDescriptor InternalError = new(
        id: "LSTM099",
        title: "LstmGen generator failed",
        messageFormat: "The LstmGen generator failed on '{0}' and generated nothing for it: {1}. Please report this.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        customTags: WellKnownDiagnosticTags.NotConfigurable);

    private static DiagnosticDescriptor Error(string id, string title, string message) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        customTags: WellKnownDiagnosticTags.NotConfigurable);
}
