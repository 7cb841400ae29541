using LstmGen.Generator.Model;
using LstmGen.Generator.Parsing;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes baked weights as a <c>ReadOnlySpan</c> over a constant array: the compiler stores such data in the assembly's
/// read-only section and the span reads it in place, so the weights never occupy the heap.
/// </summary>
internal static class BakedDataEmitter
{
    private const int ValuesPerLine = 8;

    public static void Emit(EmitContext context, BakedWeights baked)
    {
        SourceWriter w = context.Writer;
        bool single = context.T == "float";
        w.Line($"/// <summary>The weights baked from '{System.IO.Path.GetFileName(baked.FileName)}' at build time, in storage order.</summary>");
        using (w.OpenBlock($"private static global::System.ReadOnlySpan<{context.T}> {GeneratedNames.BakedData} => new {context.T}[]", "};"))
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < baked.Values.Count; i++)
            {
                double value = baked.Values[i];
                line.Append(single ? Literals.Float((float)value) : Literals.Double(value)).Append(',');
                if ((i + 1) % ValuesPerLine == 0 || i == baked.Values.Count - 1)
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

        w.Line();
    }
}
