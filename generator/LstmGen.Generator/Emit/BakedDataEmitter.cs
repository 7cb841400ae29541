using LstmGen.Generator.Model;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes baked weights as exact literals behind a <c>Parameters</c> span, in the form that never allocates per read for
/// how the project compiles. Optimized (Release): a span over a constant array, <c>ReadOnlySpan&lt;T&gt; P =&gt; new T[] { … }</c>,
/// which the compiler keeps in the assembly's read-only data (<c>ldtoken</c> + <c>RuntimeHelpers.CreateSpan</c>) and the
/// optimized JIT reads in place: no heap, no copy, not even at first use. Unoptimized (Debug): the compiler emits the same
/// IL, but code the JIT compiles without optimization allocates a small runtime object on every such read (72 bytes per
/// read in a test; 216 bytes per step of the baked 1×8 test layer), so the span reads one static readonly array instead,
/// created at first use. A Release build run with the JIT's optimization turned off (a debugger's "suppress JIT
/// optimization", <c>DOTNET_JITMinOpts</c>) still allocates per read; the generator cannot see that.
/// </summary>
internal static class BakedDataEmitter
{
    private const int ValuesPerLine = 8;

    /// <summary>The static field that holds the baked values in an unoptimized build.</summary>
    private const string FieldName = "bakedParameters";

    /// <summary>
    /// Writes <c>Parameters</c> (and in an unoptimized build its array) of <paramref name="t"/>; with no parameters (the
    /// file failed, and the build reports why), <paramref name="count"/> zeros keep the members in place.
    /// </summary>
    public static void Emit(SourceWriter w, string t, BakedParameters? baked, string count, bool optimized)
    {
        if (baked is null)
        {
            w.Line($"public static ReadOnlySpan<{t}> Parameters => {FieldName};");
            w.Line();
            w.Line($"private static readonly {t}[] {FieldName} = new {t}[{count}];");
            w.Line();
            return;
        }

        string file = System.IO.Path.GetFileName(baked.FileName.Replace('\\', '/'));
        string summary = $"/// <summary>The weights baked from '{file}' at build time, in storage order.</summary>";
        if (optimized)
        {
            w.Line("// An optimized build keeps these in the assembly's read-only data and reads them in place.");
            w.Line(summary);
            Values(w, $"public static ReadOnlySpan<{t}> Parameters => new {t}[]", t, baked.Values);
        }
        else
        {
            w.Line(summary);
            w.Line($"public static ReadOnlySpan<{t}> Parameters => {FieldName};");
            w.Line();
            w.Line("// Unoptimized JIT code (a Debug build) allocates on every read of a span over `new[] { … }`, so this is one static array.");
            Values(w, $"private static readonly {t}[] {FieldName} =", t, baked.Values);
        }

        w.Line();
    }

    /// <summary>Writes an array initializer of exact literals, eight to a line.</summary>
    private static void Values(SourceWriter w, string header, string t, EquatableArray<double> values)
    {
        bool single = t == "float";
        using (w.OpenBlock(header, "};"))
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < values.Count; i++)
            {
                double value = values[i];
                line.Append(single ? Literals.Float((float)value) : Literals.Double(value)).Append(',');
                if ((i + 1) % ValuesPerLine == 0 || i == values.Count - 1)
                {
                    w.Line(line.ToString());
                    line.Clear();
                }
                else
                {
                    line.Append(' ');
                }
            }
        }
    }
}
