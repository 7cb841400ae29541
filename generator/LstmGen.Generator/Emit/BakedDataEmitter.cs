using LstmGen.Generator.Model;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes baked weights as a <c>ReadOnlySpan</c> over a constant array: the compiler stores such data in the assembly's
/// read-only section and the span reads it in place, so the weights never occupy the heap.
/// </summary>
internal static class BakedDataEmitter
{
    private const int ValuesPerLine = 8;

    /// <summary>Writes <c>Parameters</c>; with no parameters (the file failed), zeros keep the members in place.</summary>
    public static void Emit(EmitContext context, BakedParameters? baked)
    {
        SourceWriter w = context.Writer;
        int count = context.Layer.ParameterCount;
        if (baked is null)
        {
            w.Line($"public static ReadOnlySpan<{context.T}> Parameters => new {context.T}[{count}];");
            w.Line();
            return;
        }

        w.Line($"/// <summary>The weights baked from '{System.IO.Path.GetFileName(baked.FileName.Replace('\\', '/'))}' at build time, in storage order.</summary>");
        Values(w, $"public static ReadOnlySpan<{context.T}> Parameters => new {context.T}[]", context.T == "float", baked.Values);
        w.Line();
    }

    /// <summary>Writes an array initializer of exact literals, eight to a line.</summary>
    public static void Values(SourceWriter w, string header, bool single, EquatableArray<double> values)
    {
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
