namespace LstmGen.Generator.Model;

/// <summary>
/// What the parser makes of one attributed declaration: the layer (or null when it must not be generated), the
/// diagnostics to report, and where the attribute is, for diagnostics found later (baked weights).
/// </summary>
internal sealed record LayerParseResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? AttributeLocation);
