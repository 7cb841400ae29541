using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LstmGen.Generator.Emit;

/// <summary>The kinds of member the user's partial type declares.</summary>
internal enum ApiKind
{
    /// <summary>A <c>const</c> with a literal value.</summary>
    Constant,

    /// <summary>A static property forwarding to the implementation type.</summary>
    StaticProperty,

    /// <summary>An instance property forwarding to the implementation field, or with a body of its own (<see cref="ApiMember.Value"/>).</summary>
    Property,

    /// <summary>A static method forwarding to the implementation type.</summary>
    StaticMethod,

    /// <summary>An instance method forwarding to the implementation field.</summary>
    Method,

    /// <summary>An explicit interface property forwarding to a public member.</summary>
    InterfaceProperty,

    /// <summary>An explicit interface method with a body of its own (<see cref="ApiMember.Value"/>: statements, one per line).</summary>
    InterfaceMethod,
}

/// <summary>A parameter of an <see cref="ApiMember"/>: a type token (see <see cref="ApiMember"/>), a name and an optional default.</summary>
internal sealed record ApiParameter(string Type, string Name, string? Default = null);

/// <summary>
/// One public member of a generated type, described once: the user's partial writes it (documented, forwarding to the
/// implementation), and the parser checks its name against the user's own (diagnostic LSTM007). Types are tokens such as
/// <c>Span&lt;T&gt;</c>, where <c>T</c> is the element type; <see cref="TypeNames"/> writes them qualified or plain.
/// <see cref="Optimized"/> members run the kernels: they are compiled fully optimized from their first call (the
/// implementation's body is inlined into them), so no step runs unoptimized code and none pays for a second call.
/// </summary>
internal sealed record ApiMember(
    ApiKind Kind,
    string Name,
    string Type,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<string> Docs,
    string? Value = null,
    bool UnscopedRef = false,
    string? Interface = null,
    bool Optimized = false)
{
    public static ApiMember Constant(string name, string type, string value, params string[] docs) =>
        new(ApiKind.Constant, name, type, System.Array.Empty<ApiParameter>(), docs, value);

    public static ApiMember Property(string name, string type, bool isStatic, bool unscopedRef, params string[] docs) =>
        new(isStatic ? ApiKind.StaticProperty : ApiKind.Property, name, type, System.Array.Empty<ApiParameter>(), docs, UnscopedRef: unscopedRef);

    /// <summary>A static property whose value the partial computes itself, with no call to the implementation.</summary>
    public static ApiMember Computed(string name, string type, string body, params string[] docs) =>
        new(ApiKind.StaticProperty, name, type, System.Array.Empty<ApiParameter>(), docs, body);

    public static ApiMember Method(string name, string type, IReadOnlyList<ApiParameter> parameters, params string[] docs) =>
        new(ApiKind.Method, name, type, parameters, docs);

    public static ApiMember Explicit(string interfaceName, string name, string type, string target, bool unscopedRef) =>
        new(ApiKind.InterfaceProperty, name, type, System.Array.Empty<ApiParameter>(), System.Array.Empty<string>(), target, unscopedRef, interfaceName);

    /// <summary>An explicit interface method whose body is <paramref name="statements"/>.</summary>
    public static ApiMember ExplicitMethod(string interfaceName, string name, string type, IReadOnlyList<ApiParameter> parameters, params string[] statements) =>
        new(ApiKind.InterfaceMethod, name, type, parameters, System.Array.Empty<string>(), string.Join("\n", statements), Interface: interfaceName);

    /// <summary>Whether this is an explicit interface implementation, which declares no name of the type's own.</summary>
    public bool IsExplicit => Kind is ApiKind.InterfaceProperty or ApiKind.InterfaceMethod;

    /// <summary>The argument list that passes the parameters on: <c>x, h</c>.</summary>
    public string Arguments => string.Join(", ", Parameters.Select(p => p.Name));
}

/// <summary>Writes type tokens as C#: qualified with <c>global::</c> for code in the user's namespace, plain under our usings.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<string, string> Namespaces = new()
    {
        ["Span"] = "System",
        ["ReadOnlySpan"] = "System",
        ["LstmParameterLayout"] = "LstmGen",
        ["LstmWeights"] = "LstmGen",
        ["LstmReadOnlyWeights"] = "LstmGen",
        ["ILstmLayer"] = "LstmGen",
        ["ILstmMutableLayer"] = "LstmGen",
        ["ILstmTrainingLayer"] = "LstmGen",
        ["ILstmAdamLayer"] = "LstmGen",
        ["ILstmModel"] = "LstmGen",
        ["ArgumentException"] = "System",
        ["ArgumentOutOfRangeException"] = "System",
        ["InvalidOperationException"] = "System",
        ["IndexOutOfRangeException"] = "System",
        ["ModelStructure"] = "LstmGen",
        ["DenseWeights"] = "LstmGen",
        ["LstmValues"] = "LstmGen",
        ["DenseLayout"] = "LstmGen",
        ["ActivationKind"] = "LstmGen",
        ["ILstmMutableModel"] = "LstmGen",
        ["ILstmTrainingModel"] = "LstmGen",
        ["ILstmAdamModel"] = "LstmGen",
    };

    private static readonly Regex Word = new(@"\b[A-Za-z_][A-Za-z0-9_]*\b", RegexOptions.CultureInvariant);

    /// <summary>Writes a token with <c>T</c> replaced by the element type and known types qualified.</summary>
    public static string Qualified(string token, string element) => Word.Replace(token, match => match.Value switch
    {
        "T" => element,
        string name when Namespaces.TryGetValue(name, out string? space) => $"global::{space}.{name}",
        string name => name,
    });

    /// <summary>Writes a token with <c>T</c> replaced by the element type and no qualification.</summary>
    public static string Plain(string token, string element) => Word.Replace(token, match => match.Value == "T" ? element : match.Value);

    /// <summary>Qualifies the type names inside <c>cref="…"</c> attributes of a documentation line, for the user's namespace.</summary>
    public static string QualifyCrefs(string docLine, string element) =>
        Regex.Replace(docLine, "cref=\"([^\"]*)\"", match => $"cref=\"{Qualified(match.Groups[1].Value, element).Replace('<', '{').Replace('>', '}')}\"");
}
