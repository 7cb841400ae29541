using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LstmGen.Formats;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using LstmGen.Layouts;

namespace LstmGen.Generator.Baking;

/// <summary>
/// Bakes a layer's weights: finds its file among the read ones, reads the layer from it with the runtime's own readers
/// (linked into the generator), and puts the parameters in the layer's storage order. Diagnostics and emission call the
/// same resolution.
/// </summary>
internal static class BakedWeightsResolver
{
    public static EquatableArray<DiagnosticInfo> Diagnose(ParseResult<LayerSpec> parsed, ImmutableArray<WeightFile> files)
    {
        DiagnosticInfo? problem = Resolve(parsed.Spec!, files, parsed.AttributeLocation).Problem;
        return problem is null ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(new[] { problem });
    }

    /// <summary>What to emit for a layer. A baked layer whose file fails still gets its members (the diagnostics say why).</summary>
    public static LayerEmitInput Prepare(LayerSpec spec, CompilationFacts facts, ImmutableArray<WeightFile> files) =>
        new(spec, facts, spec.Weights is null ? null : Resolve(spec, files, null).Baked);

    private static (BakedParameters? Baked, DiagnosticInfo? Problem) Resolve(LayerSpec spec, ImmutableArray<WeightFile> files, LocationInfo? location)
    {
        WeightsRequest request = spec.Weights!;
        string typeName = spec.Target.DisplayName;
        (WeightFile? file, DiagnosticInfo? missing) = FindFile(files, request.Path, typeName, location);
        if (file is null)
        {
            return (null, missing);
        }

        if (Unreadable(file, request.Path, location) is DiagnosticInfo unreadable)
        {
            return (null, unreadable);
        }

        LayerPlan layer = KernelPlanner.Plan(spec);
        try
        {
            LayerTensors tensors = LstmLayerLookup.Find(file.Bytes.AsSpan(), request.Prefix, request.Layer, layer.InputWidth, layer.StateWidth);
            double[] canonical = tensors.Canonical(single: spec.Element == ElementKind.Single);
            double[] storage = LstmStorageOrder.CanonicalToStorage(layer.InputWidth, layer.StateWidth, layer.UnitBlock, canonical);
            return (new BakedParameters(file.Path, new EquatableArray<double>(storage)), null);
        }
        catch (Exception exception) when (exception is System.IO.InvalidDataException or ArgumentOutOfRangeException)
        {
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsMismatch, location, request.Path, typeName, Message(exception)));
        }
    }

    /// <summary>Finds the one file a request names, or the diagnostic that says why there is none (missing, ambiguous, unreadable).</summary>
    public static (WeightFile? File, DiagnosticInfo? Problem) FindFile(ImmutableArray<WeightFile> files, string path, string typeName, LocationInfo? location)
    {
        List<WeightFile> found = WeightFileMatcher.Find(files, path);
        if (found.Count == 0)
        {
            string why = $"not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{path}\" /> to the project";
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, path, typeName, why));
        }

        if (found.Count > 1)
        {
            string all = string.Join(", ", found.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal));
            string why = $"ambiguous: it names {found.Count} AdditionalFiles entries ({all}); write enough of the path to name one";
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, path, typeName, why));
        }

        WeightFile file = found[0];
        return file.Error is null ? (file, null) : (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, location, path, file.Error));
    }

    /// <summary>LSTM011 for a file that is not well-formed safetensors or JSON, whatever it was meant to hold; else null.</summary>
    public static DiagnosticInfo? Unreadable(WeightFile file, string requestPath, LocationInfo? location)
    {
        try
        {
            ModelFileReader.CheckWellFormed(file.Bytes.AsSpan());
            return null;
        }
        catch (System.IO.InvalidDataException exception)
        {
            return DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, location, requestPath, Message(exception));
        }
    }

    /// <summary>The exception's message without the trailing period and parameter note, to sit inside a diagnostic's sentence.</summary>
    private static string Message(Exception exception)
    {
        string message = exception is ArgumentOutOfRangeException range ? range.Message.Split('\n')[0].Replace(" (Parameter 'layerIndex')", string.Empty) : exception.Message;
        return message.TrimEnd('.');
    }
}
