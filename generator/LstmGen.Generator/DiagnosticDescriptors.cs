using Microsoft.CodeAnalysis;

namespace LstmGen.Generator;

/// <summary>Every diagnostic the generator reports. IDs are listed in AnalyzerReleases.Unshipped.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LstmGen";

    public static readonly DiagnosticDescriptor NotPartial = new(
        id: "LSTM001",
        title: "LSTM layer type must be partial",
        messageFormat: "The type '{0}' has [LstmLayer] but is not declared partial; add the 'partial' modifier so the generator can add the layer's members",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WidthNotPositive = new(
        id: "LSTM002",
        title: "LSTM width must be positive",
        messageFormat: "The {0} of '{1}' is {2}; it must be at least 1",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooLarge = new(
        id: "LSTM003",
        title: "LSTM layer is too large for fixed-size buffers",
        messageFormat: "'{0}' is too large: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericType = new(
        id: "LSTM004",
        title: "LSTM layer type must not be generic",
        messageFormat: "The type '{0}' is generic or nested in a generic type; [LstmLayer] needs a non-generic type because its buffers have fixed sizes",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        id: "LSTM005",
        title: "Types that contain an LSTM layer must be partial",
        messageFormat: "The type '{0}' contains the LSTM layer '{1}' but is not declared partial; add the 'partial' modifier",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateAttribute = new(
        id: "LSTM006",
        title: "[LstmLayer] is applied more than once",
        messageFormat: "The type '{0}' has more than one [LstmLayer]; one type holds one layer, so remove all but one",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NameClash = new(
        id: "LSTM007",
        title: "A member clashes with a generated LSTM member",
        messageFormat: "'{0}' already has a member named '{1}', which the generated layer needs; rename it",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidOption = new(
        id: "LSTM008",
        title: "Invalid [LstmLayer] option",
        messageFormat: "Invalid option on '{0}': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedTypeKind = new(
        id: "LSTM009",
        title: "Unsupported kind of type for an LSTM layer",
        messageFormat: "The type '{0}' is {1}; an LSTM layer must be a mutable class or struct",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WeightsFileNotFound = new(
        id: "LSTM010",
        title: "Weights file not found",
        messageFormat: "The weights file '{0}' of '{1}' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{0}\" /> to the project",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = new(
        id: "LSTM011",
        title: "Weights file cannot be read",
        messageFormat: "The weights file '{0}' cannot be read: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WeightsMismatch = new(
        id: "LSTM012",
        title: "Weights file does not match the layer",
        messageFormat: "The weights file '{0}' does not fit '{1}': {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NeedsNet8 = new(
        id: "LSTM013",
        title: "LstmGen needs .NET 8 or later",
        messageFormat: "The layer '{0}' needs System.Runtime.CompilerServices.InlineArrayAttribute, which .NET 8 and later provide; target net8.0 or later",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        id: "LSTM099",
        title: "LstmGen generator failed",
        messageFormat: "The LstmGen generator failed on '{0}' and generated nothing for it: {1}. Please report this.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
