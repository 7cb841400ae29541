using System.Collections.Generic;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Parsing;

/// <summary>Checks a width: at least 1 (LSTM002) and at most <see cref="LstmLimits.MaxWidth"/> (LSTM003).</summary>
internal static class Widths
{
    public static void Check(int value, string what, LocationInfo? location, string typeName, List<DiagnosticInfo> diagnostics)
    {
        if (value < 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WidthNotPositive, location, what, typeName, value));
        }
        else if (value > LstmLimits.MaxWidth)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, location, typeName, $"the {what} {value} exceeds the limit of {LstmLimits.MaxWidth}"));
        }
    }
}
