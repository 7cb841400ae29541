using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LstmGen.Formats;
using LstmGen.Generator.Emit;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;
using LstmGen.Layouts;

namespace LstmGen.Generator.Baking;

/// <summary>
/// Resolves a model against its file, if it names one: finds the file, reads it with the runtime's own readers (linked
/// into the generator), takes the layers from it when none are declared, checks that it fits when they are, and bakes the
/// weights in each layer's storage order. Diagnostics and emission call the same resolution.
/// </summary>
internal static class ModelResolver
{
    /// <summary>The stand-in a model gets when its layers were to come from a file that failed: it keeps the common members in place.</summary>
    private static readonly ModelStructure Placeholder = new(1, new[] { new ModelLayer(ModelLayerKind.Dense, 1, 1) });

    public static EquatableArray<DiagnosticInfo> Diagnose(ParseResult<ModelSpec> parsed, ImmutableArray<WeightFile> files)
    {
        DiagnosticInfo? problem = Resolve(parsed.Spec!, files, parsed.AttributeLocation).Problem;
        return problem is null ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(new[] { problem });
    }

    /// <summary>What to emit for a model. One whose file fails keeps its members (with zeros, or a placeholder shape); the diagnostics say why.</summary>
    public static ModelEmitInput Prepare(ModelSpec spec, CompilationFacts facts, ImmutableArray<WeightFile> files)
    {
        Resolution resolved = Resolve(spec, files, null);
        ModelStructure structure = resolved.Structure ?? Placeholder;
        return new ModelEmitInput(
            spec,
            facts,
            structure.InputWidth,
            new EquatableArray<ModelLayer>(structure.Layers.ToArray()),
            structure.ResidualWidth,
            resolved.Baked);
    }

    private static Resolution Resolve(ModelSpec spec, ImmutableArray<WeightFile> files, LocationInfo? location)
    {
        ModelStructure? declared = spec.Declared is { } d ? new ModelStructure(d.InputWidth, d.Layers, spec.Residual == true ? 1 : 0) : null;
        if (spec.File is not string path)
        {
            return new Resolution(declared, null, null);
        }

        string typeName = spec.Target.DisplayName;
        (WeightFile? file, DiagnosticInfo? missing) = BakedWeightsResolver.FindFile(files, path, typeName, location);
        if (file is null)
        {
            return new Resolution(declared, null, missing);
        }

        if (BakedWeightsResolver.Unreadable(file, path, location) is DiagnosticInfo unreadable)
        {
            return new Resolution(declared, null, unreadable);
        }

        ModelStructure? structure = declared;
        try
        {
            ModelFileContent content = ModelFileReader.Read(file.Bytes.AsSpan());
            if (structure is null)
            {
                structure = ModelMatcher.Structure(content);
                if (spec.Residual is bool residual && content.ResidualWidth is null)
                {
                    structure = new ModelStructure(structure.InputWidth, structure.Layers, residual ? 1 : 0);
                }
                else if (spec.Residual is bool stated && (stated ? 1 : 0) != structure.ResidualWidth)
                {
                    FormatError.Throw($"the file records residual width (skip) {structure.ResidualWidth}, but the declaration sets Residual = {(stated ? "true" : "false")}");
                }
            }

            IReadOnlyList<LayerTensors> layers = ModelMatcher.Match(structure, content);
            var plan = new ModelPlan(spec, structure);
            if (ModelLimits.Check(plan) is string tooLarge)
            {
                return new Resolution(null, null, DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, location, typeName, tooLarge));
            }

            if (spec.Declared is null && TakenName(spec, plan) is DiagnosticInfo clash)
            {
                return new Resolution(null, null, clash with { Location = location });
            }

            return new Resolution(structure, spec.IsBaked ? Bake(plan, layers, file.Path) : null, null);
        }
        catch (Exception exception) when (exception is System.IO.InvalidDataException or ArgumentException)
        {
            string message = exception.Message.Split('\n')[0].TrimEnd('.');
            return new Resolution(declared, null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsMismatch, location, path, typeName, message));
        }
    }

    private static EquatableArray<BakedParameters> Bake(ModelPlan plan, IReadOnlyList<LayerTensors> layers, string fileName)
    {
        bool single = plan.Element.Kind == ElementKind.Single;
        var baked = new List<BakedParameters>();
        foreach (PartPlan part in plan.Parts)
        {
            double[] canonical = part.Kind == ModelLayerKind.Activation ? Array.Empty<double>() : layers[part.Index].Canonical(single);
            double[] storage = part.Kind switch
            {
                ModelLayerKind.Lstm => LstmStorageOrder.CanonicalToStorage(part.InputWidth, part.OutputWidth, part.Lstm!.UnitBlock, canonical),
                ModelLayerKind.Dense => DenseStorageOrder.CanonicalToStorage(part.InputWidth, part.OutputWidth, canonical),
                _ => canonical,
            };
            baked.Add(new BakedParameters(fileName, new EquatableArray<double>(storage)));
        }

        return new EquatableArray<BakedParameters>(baked);
    }

    /// <summary>LSTM007 for a file-given layer whose members a user's member already names.</summary>
    private static DiagnosticInfo? TakenName(ModelSpec spec, ModelPlan plan)
    {
        foreach (string name in ModelApi.Names(plan).Where(ModelApi.IsLayerMemberName))
        {
            if (spec.TakenNames.Contains(name))
            {
                return DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, null, spec.Target.DisplayName, "member", name);
            }
        }

        return null;
    }

    private sealed record Resolution(ModelStructure? Structure, EquatableArray<BakedParameters>? Baked, DiagnosticInfo? Problem);
}
