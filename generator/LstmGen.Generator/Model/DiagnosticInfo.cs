using Microsoft.CodeAnalysis;

namespace LstmGen.Generator.Model;

/// <summary>An equatable diagnostic waiting to be reported: descriptor, location and message arguments as strings.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
    {
        var texts = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            texts[i] = System.Convert.ToString(arguments[i], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new DiagnosticInfo(descriptor, location, new EquatableArray<string>(texts));
    }

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }
}
