using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LstmGen.Generator.Model;

/// <summary>An equatable stand-in for <see cref="Location"/>: file path plus text and line spans.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());
}
