using System.Collections.Generic;
using LstmGen.Generator.Model;
using LstmGen;
using Microsoft.CodeAnalysis;

namespace LstmGen.Generator.Parsing;

/// <summary>The named arguments of <c>[LstmLayer]</c> and <c>[LstmModel]</c>, read and checked, with a problem list for diagnostic LSTM008.</summary>
internal sealed class AttributeOptions
{
    private AttributeOptions()
    {
    }

    public int MaxSteps { get; private set; }

    public ElementKind Element { get; private set; } = ElementKind.Single;

    public bool Adam { get; private set; }

    public bool ExactActivations { get; private set; }

    public LstmKernel Kernel { get; private set; }

    public WeightsRequest? Weights { get; private set; }

    /// <summary>[LstmLayer]'s and [LstmModel]'s Streams: 1 when not written.</summary>
    public int Streams { get; private set; } = 1;

    /// <summary>[LstmModel]'s Residual: null when not written.</summary>
    public bool? Residual { get; private set; }

    /// <summary>[LstmModel]'s LayersFrom path, or null.</summary>
    public string? LayersFrom { get; private set; }

    /// <summary>Pairs of (argument name, what is wrong with it).</summary>
    public List<(string Argument, string Problem)> Problems { get; } = new();

    public static AttributeOptions Read(AttributeData attribute)
    {
        var options = new AttributeOptions();
        string? weightsPath = null;
        string prefix = string.Empty;
        int layer = 0;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            object? value = argument.Value.Value;
            switch (argument.Key)
            {
                case "MaxSteps":
                    options.MaxSteps = value is int steps ? steps : 0;
                    break;
                case "ElementType":
                    options.Element = value switch
                    {
                        ITypeSymbol { SpecialType: SpecialType.System_Single } => ElementKind.Single,
                        ITypeSymbol { SpecialType: SpecialType.System_Double } => ElementKind.Double,
                        _ => options.Problem(argument.Key, ElementKind.Single, $"ElementType must be typeof(float) or typeof(double), not {Describe(value)}"),
                    };
                    break;
                case "Adam":
                    options.Adam = value is true;
                    break;
                case "ExactActivations":
                    options.ExactActivations = value is true;
                    break;
                case "Kernel":
                    options.Kernel = value is int kernel && kernel is >= 0 and <= 2 ? (LstmKernel)kernel
                        : options.Problem(argument.Key, LstmKernel.Auto, $"Kernel {Describe(value)} is not a known LstmKernel");
                    break;
                case "Weights":
                    weightsPath = value as string;
                    if (string.IsNullOrWhiteSpace(weightsPath))
                    {
                        options.Problems.Add((argument.Key, "Weights must name a file listed in AdditionalFiles"));
                    }

                    break;
                case "Streams":
                    options.Streams = value is int streams ? streams : 1;
                    break;
                case "Residual":
                    options.Residual = value is true;
                    break;
                case "LayersFrom":
                    options.LayersFrom = value as string;
                    if (string.IsNullOrWhiteSpace(options.LayersFrom))
                    {
                        options.LayersFrom = null;
                        options.Problems.Add((argument.Key, "LayersFrom must name a file listed in AdditionalFiles"));
                    }

                    break;
                case "WeightsPrefix":
                    prefix = value as string ?? string.Empty;
                    break;
                case "WeightsLayer":
                    layer = value is int index ? index : 0;
                    if (layer < 0)
                    {
                        options.Problems.Add((argument.Key, $"WeightsLayer must not be negative, but it is {layer}"));
                    }

                    break;
            }
        }

        if (options.MaxSteps < 0 || options.MaxSteps > LstmLimits.MaxTapeSteps)
        {
            options.Problems.Add(("MaxSteps", $"MaxSteps must be between 0 (inference only) and {LstmLimits.MaxTapeSteps}, but it is {options.MaxSteps}"));
        }

        if (options.Streams < 1 || options.Streams > LstmLimits.MaxStreams)
        {
            options.Problems.Add(("Streams", $"Streams must be between 1 and {LstmLimits.MaxStreams}, but it is {options.Streams}"));
        }

        if (options.Adam && options.MaxSteps == 0)
        {
            options.Problems.Add(("Adam", "Adam needs a training layer: set MaxSteps as well"));
        }

        if (!string.IsNullOrWhiteSpace(weightsPath))
        {
            if (options.MaxSteps != 0)
            {
                options.Problems.Add(("Weights", "baked weights are read-only, so Weights and MaxSteps cannot both be set (use LayersFrom to train a model shaped like the file)"));
            }

            options.Weights = new WeightsRequest(weightsPath!, prefix, layer);
            if (options.LayersFrom is not null)
            {
                options.Problems.Add(("LayersFrom", "Weights and LayersFrom cannot both be set: Weights already gives the layers when none are declared"));
            }
        }

        return options;
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        ITypeSymbol type => type.ToDisplayString(),
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private T Problem<T>(string argument, T fallback, string problem)
    {
        Problems.Add((argument, problem));
        return fallback;
    }
}
