using System.Threading;
using LstmGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LstmGen.Generator.Parsing;

/// <summary>Finds where an attribute argument is written, so a diagnostic about it points at it.</summary>
internal sealed class AttributeArguments
{
    private readonly AttributeSyntax? _syntax;
    private readonly LocationInfo? _attribute;

    public AttributeArguments(AttributeData attribute, LocationInfo? attributeLocation, CancellationToken cancellationToken)
    {
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        _attribute = attributeLocation;
    }

    /// <summary>The argument named <paramref name="name"/>, or the positional argument at <paramref name="position"/>, or the attribute.</summary>
    public LocationInfo? Location(string name, int position)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _syntax?.ArgumentList?.Arguments ?? default;
        foreach (AttributeArgumentSyntax argument in arguments)
        {
            string? written = argument.NameColon?.Name.Identifier.ValueText ?? argument.NameEquals?.Name.Identifier.ValueText;
            if (written == name)
            {
                return LocationInfo.From(argument);
            }
        }

        if (position >= 0 && position < arguments.Count && arguments[position].NameColon is null && arguments[position].NameEquals is null)
        {
            return LocationInfo.From(arguments[position]);
        }

        return _attribute;
    }
}
