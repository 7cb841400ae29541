using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace LstmGen.Generator.Parsing;

/// <summary>How names are written into generated code and generated file names.</summary>
internal static class Identifiers
{
    /// <summary>Writes an identifier as source must: <c>@event</c> for a keyword, <c>@var</c> for a contextual one.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>Writes a dotted namespace with each part escaped: <c>Demo.@event</c>.</summary>
    public static string EscapeNamespace(string dotted) => string.Join(".", System.Array.ConvertAll(dotted.Split('.'), Escape));

    /// <summary>
    /// A generated file's name, unique for every distinct type even compared without case (as Roslyn compares hint names):
    /// the type's full name with namespace parts joined by '.' and enclosing types by '+', every character other than an ASCII
    /// letter or digit written as <c>_XXXX</c> (its UTF-16 code in hex, '_' itself included), and, after a '-', the positions
    /// of the upper-case letters in base 32, so that <c>Layer</c> and <c>LAYER</c> get different files.
    /// </summary>
    /// <param name="namespaceParts">The namespace's parts, outermost first; empty for the global namespace.</param>
    /// <param name="typeNames">The enclosing types' names, outermost first, then the type's own.</param>
    /// <param name="suffix">What the file holds, for example <c>Lstm</c>.</param>
    public static string HintName(IReadOnlyList<string> namespaceParts, IReadOnlyList<string> typeNames, string suffix)
    {
        var name = new StringBuilder();
        var upperCase = new List<int>();
        int letter = 0;
        void Append(string part)
        {
            foreach (char c in part)
            {
                if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                {
                    name.Append(c);
                }
                else if (c is >= 'A' and <= 'Z')
                {
                    name.Append(c);
                    upperCase.Add(letter);
                }
                else
                {
                    name.Append('_').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }

                letter++;
            }
        }

        for (int i = 0; i < namespaceParts.Count; i++)
        {
            Append(namespaceParts[i]);
            name.Append('.');
            letter++;
        }

        for (int i = 0; i < typeNames.Count; i++)
        {
            if (i > 0)
            {
                name.Append('+');
                letter++;
            }

            Append(typeNames[i]);
        }

        if (upperCase.Count > 0)
        {
            name.Append('-').Append(Base32(upperCase));
        }

        return name.Append('.').Append(suffix).Append(".g.cs").ToString();
    }

    /// <summary>
    /// The implementation type's name in <c>LstmGen.Generated</c>, unique for every distinct type: the namespace parts and type
    /// names joined by '_' (every '_' of a name written as <c>_1</c>, so the joins cannot be mistaken), then '_' and a suffix
    /// such as <c>Layer</c>. The result always holds a '_', which no name the generated code looks up in that namespace does,
    /// so no implementation type can capture one.
    /// </summary>
    public static string ImplName(IReadOnlyList<string> namespaceParts, IReadOnlyList<string> typeNames, string suffix)
    {
        var parts = new List<string>(namespaceParts);
        parts.AddRange(typeNames);
        var name = new StringBuilder();
        foreach (string part in parts)
        {
            name.Append(part.Replace("_", "_1")).Append('_');
        }

        return name.Append(suffix).ToString();
    }

    /// <summary>A set of positions as a number in base 32 with digits 0–9 and a–v: case-insensitively unique.</summary>
    private static string Base32(List<int> positions)
    {
        int bits = positions[positions.Count - 1] + 1;
        var digits = new char[(bits + 4) / 5];
        for (int i = 0; i < digits.Length; i++)
        {
            int value = 0;
            for (int bit = 0; bit < 5; bit++)
            {
                if (positions.Contains((i * 5) + bit))
                {
                    value |= 1 << bit;
                }
            }

            digits[digits.Length - 1 - i] = "0123456789abcdefghijklmnopqrstuv"[value];
        }

        return new string(digits);
    }
}
