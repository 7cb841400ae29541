using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Baking;

/// <summary>
/// Finds a baked layer's file among the read weight files, checks its tensors against the layer, and converts them from
/// PyTorch's <c>nn.LSTM</c> layout into the layer's storage order. Diagnostics and emission call the same resolution.
/// </summary>
internal static class BakedWeightsResolver
{
    public static EquatableArray<DiagnosticInfo> Diagnose(LayerParseResult parsed, ImmutableArray<WeightFile> files)
    {
        DiagnosticInfo? problem = Resolve(parsed.Spec!, files, parsed.AttributeLocation).Problem;
        return problem is null ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(new[] { problem });
    }

    /// <summary>Returns what to emit for a layer, or null when its weights are unusable (the diagnostics pipeline says why).</summary>
    public static EmitInput? Prepare(LayerSpec spec, CompilationFacts facts, ImmutableArray<WeightFile> files)
    {
        if (spec.Weights is null)
        {
            return new EmitInput(spec, facts, null);
        }

        BakedWeights? baked = Resolve(spec, files, null).Baked;
        return baked is null ? null : new EmitInput(spec, facts, baked);
    }

    private static (BakedWeights? Baked, DiagnosticInfo? Problem) Resolve(LayerSpec spec, ImmutableArray<WeightFile> files, LocationInfo? location)
    {
        BakedWeightsRequest request = spec.Weights!;
        string typeName = spec.DisplayName;
        WeightFile? file = files.FirstOrDefault(f => WeightFileMatcher.Matches(f.Path, request.Path));
        if (file is null)
        {
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, request.Path, typeName));
        }

        if (file.Error is not null)
        {
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, location, request.Path, file.Error));
        }

        LayerPlan layer = KernelPlanner.Plan(spec);
        int h = layer.StateWidth;
        int i = layer.InputWidth;
        string suffix = "_l" + request.Layer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (file.Tensors.Any(t => t.Name == request.Prefix + "weight_hr" + suffix))
            {
                throw new FormatException($"it has '{request.Prefix}weight_hr{suffix}': the LSTM uses projections (proj_size), which LstmGen layers do not support");
            }

            double[] inputWeights = Tensor(file, request.Prefix + "weight_ih" + suffix, new[] { 4 * h, i }, required: true)!;
            double[] recurrentWeights = Tensor(file, request.Prefix + "weight_hh" + suffix, new[] { 4 * h, h }, required: true)!;
            double[]? inputBias = Tensor(file, request.Prefix + "bias_ih" + suffix, new[] { 4 * h }, required: false);
            double[]? recurrentBias = Tensor(file, request.Prefix + "bias_hh" + suffix, new[] { 4 * h }, required: false);

            var storage = new double[layer.ParameterCount];
            for (int row = 0; row < 4 * h; row++)
            {
                int gate = row / h;
                int unit = row % h;
                for (int column = 0; column < i; column++)
                {
                    storage[StorageIndex.Of(layer, StorageIndex.InputBlock, gate, unit, column)] = inputWeights[(row * i) + column];
                }

                for (int column = 0; column < h; column++)
                {
                    storage[StorageIndex.Of(layer, StorageIndex.RecurrentBlock, gate, unit, column)] = recurrentWeights[(row * h) + column];
                }

                storage[StorageIndex.Of(layer, StorageIndex.BiasBlock, gate, unit, 0)] =
                    BiasSum.Of(inputBias?[row] ?? 0, recurrentBias?[row] ?? 0, spec.Element == ElementKind.Single);
            }

            return (new BakedWeights(request.Path, new EquatableArray<double>(storage)), null);
        }
        catch (FormatException exception)
        {
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsMismatch, location, request.Path, typeName, exception.Message));
        }
    }

    private static double[]? Tensor(WeightFile file, string name, int[] expectedShape, bool required)
    {
        RawTensor? tensor = file.Tensors.FirstOrDefault(t => t.Name == name);
        if (tensor is null)
        {
            if (!required)
            {
                return null;
            }

            IEnumerable<string> present = file.Tensors.Select(t => t.Name).Take(8);
            throw new FormatException($"tensor '{name}' is missing (the file has: {string.Join(", ", present)})");
        }

        if (!tensor.Shape.AsSpan().SequenceEqual(expectedShape))
        {
            throw new FormatException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}] but the layer needs [{string.Join(", ", expectedShape)}]");
        }

        return SafeTensorsHeaderReader.Decode(tensor);
    }
}
