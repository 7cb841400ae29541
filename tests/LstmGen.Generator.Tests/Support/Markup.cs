using System;
using Microsoft.CodeAnalysis.Text;

namespace LstmGen.Generator.Tests.Support;

/// <summary>Test sources mark the span a diagnostic must point at with <c>{|</c> and <c>|}</c>.</summary>
public static class Markup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        int start = markup.IndexOf("{|", StringComparison.Ordinal);
        int end = markup.IndexOf("|}", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The source has no {|…|} span.", nameof(markup));
        }

        string source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
