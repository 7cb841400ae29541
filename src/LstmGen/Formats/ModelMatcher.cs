using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LstmGen.Formats;

/// <summary>
/// Lines a file's layers up with a model's, and decides what a file alone says a model is. Loading at run time and baking at
/// build time both go through here, so a file fits a model in both or in neither.
/// </summary>
internal static class ModelMatcher
{
    /// <summary>
    /// Returns the file's layers in the model's order. Kinds and widths must agree; activations too where the format records
    /// them, and the residual path where the format records it. A safetensors file sorts its tensors by name, so when its
    /// modules do not line up in name order, each model layer takes the first unused file layer of its kind and widths.
    /// </summary>
    /// <remarks>
    /// A state_dict holds no parameterless layers, so there the model's activation layers are left out of the comparison
    /// and get no tensors in the result.
    /// </remarks>
    /// <exception cref="System.IO.InvalidDataException">The file's model differs; the message shows both.</exception>
    public static IReadOnlyList<LayerTensors> Match(ModelStructure model, ModelFileContent file)
    {
        IReadOnlyList<LayerTensors>? layers = TryMatch(model, file, out string? problem);
        if (layers is null)
        {
            FormatError.Throw($"The file holds {Describe(file)}, but the model is {model}: {problem}.");
        }

        return layers!;
    }

    /// <summary>As <see cref="Match"/>, but returns null and the difference instead of throwing.</summary>
    public static IReadOnlyList<LayerTensors>? TryMatch(ModelStructure model, ModelFileContent file, out string? problem)
    {
        if (!file.StoresActivations && model.Layers.Any(layer => layer.Kind == ModelLayerKind.Activation))
        {
            var withParameters = new ModelStructure(model.InputWidth, model.Layers.Where(layer => layer.Kind != ModelLayerKind.Activation), model.ResidualWidth);
            IReadOnlyList<LayerTensors>? matched = TryMatch(withParameters, file, out problem);
            if (matched is null)
            {
                return null;
            }

            var aligned = new List<LayerTensors>();
            int next = 0;
            foreach (ModelLayer layer in model.Layers)
            {
                aligned.Add(layer.Kind == ModelLayerKind.Activation ? LayerTensors.Activation(layer, "no tensors") : matched[next++]);
            }

            return aligned;
        }

        problem = Difference(model, file, file.Layers);
        if (problem is null)
        {
            return file.Layers;
        }

        if (file.Format == ModelFileFormat.SafeTensors && file.Layers.Count == model.Layers.Count)
        {
            var unused = new List<LayerTensors>(file.Layers);
            var ordered = new List<LayerTensors>();
            foreach (ModelLayer wanted in model.Layers)
            {
                LayerTensors? found = unused.FirstOrDefault(layer => Fits(wanted, layer.Layer, file.StoresActivations));
                if (found is null)
                {
                    break;
                }

                unused.Remove(found);
                ordered.Add(found);
            }

            if (ordered.Count == model.Layers.Count && Difference(model, file, ordered) is null)
            {
                problem = null;
                return ordered;
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the structure a file alone gives a model. A state_dict records no activations, so it gives one only when no
    /// activation can hide in it: LSTM layers with at most one dense read-out, at the end, taken as linear.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The file does not say enough; the message says what to declare.</exception>
    public static ModelStructure Structure(ModelFileContent file)
    {
        if (!file.StoresActivations)
        {
            int denseBeforeEnd = file.Layers.Take(file.Layers.Count - 1).Count(layer => layer.Layer.Kind != ModelLayerKind.Lstm);
            if (denseBeforeEnd > 0)
            {
                FormatError.Throw($"The file is a state_dict of {Describe(file)}. A state_dict records no activations, so the dense layers' activations are unknown; declare the layers ([LstmModel(inputWidth)] with [Lstm] and [Dense] attributes in order) and the file fills in the weights.");
            }
        }

        return file.Structure;
    }

    /// <summary>Describes what a file holds, noting what its format leaves out: <c>LSTM(1→8) → Dense(8→1) (a state_dict: activations and residual not recorded)</c>.</summary>
    public static string Describe(ModelFileContent file)
    {
        string layers = string.Join(" → ", file.Layers.Select(layer => file.StoresActivations || layer.Layer.Kind == ModelLayerKind.Lstm
            ? layer.Layer.ToString()
            : $"Dense({layer.Layer.InputWidth}→{layer.Layer.OutputWidth})"));
        string residual = file.ResidualWidth switch
        {
            null => string.Empty,
            0 => string.Empty,
            1 => " + x[0]",
            int width => $" + x[0:{width}]",
        };
        string omitted = file.StoresActivations
            ? (file.ResidualWidth is null ? " (residual path not recorded)" : string.Empty)
            : " (activations and residual path not recorded)";
        return layers + residual + omitted;
    }

    private static string? Difference(ModelStructure model, ModelFileContent file, IReadOnlyList<LayerTensors> layers)
    {
        if (file.InputWidth != model.InputWidth)
        {
            return string.Format(CultureInfo.InvariantCulture, "the file's model reads {0} input(s) per step, the model {1}", file.InputWidth, model.InputWidth);
        }

        if (layers.Count != model.Layers.Count)
        {
            return string.Format(CultureInfo.InvariantCulture, "the file has {0} layer(s), the model {1}", layers.Count, model.Layers.Count);
        }

        for (int k = 0; k < layers.Count; k++)
        {
            if (!Fits(model.Layers[k], layers[k].Layer, file.StoresActivations))
            {
                return $"layer {k} is {layers[k].Layer} in the file ({layers[k].Source}) but {model.Layers[k]} in the model";
            }
        }

        if (file.ResidualWidth is int residual && residual != model.ResidualWidth)
        {
            return string.Format(CultureInfo.InvariantCulture, "the file's residual width (skip) is {0}, the model's {1}", residual, model.ResidualWidth);
        }

        return null;
    }

    private static bool Fits(ModelLayer wanted, ModelLayer found, bool activationsRecorded) =>
        wanted.Kind == found.Kind && wanted.InputWidth == found.InputWidth && wanted.OutputWidth == found.OutputWidth
        && (!activationsRecorded || wanted.Activation == found.Activation);
}
