namespace LstmGen.Generator.Model;

/// <summary>
/// What the parser makes of one attributed declaration: the spec (or null when nothing may be generated), the diagnostics to
/// report, and where the attribute is, for diagnostics found later (baked weights).
/// </summary>
internal sealed record ParseResult<TSpec>(TSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? AttributeLocation)
    where TSpec : class;
