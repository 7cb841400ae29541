using System;
using System.Globalization;

namespace LstmGen.Generator;

/// <summary>
/// Runs a step of the pipeline under the invariant culture, as the System.Text.Json generator does: the compiler may run on
/// a machine whose culture writes numbers otherwise (fi-FI writes the minus sign as U+2212), and neither generated code nor
/// messages may depend on that.
/// </summary>
internal static class Invariant
{
#pragma warning disable RS1035 // Setting, not reading, the culture: the step must not depend on the machine's.
    public static T Run<T>(Func<T> step)
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return step();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
#pragma warning restore RS1035
}
