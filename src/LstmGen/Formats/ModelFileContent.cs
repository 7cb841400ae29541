using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Formats;

/// <summary>
/// What a model file holds, whatever its format: the layers in order with their tensors, and what the format records of
/// the rest of the model (activations, the residual path).
/// </summary>
internal sealed class ModelFileContent
{
    public ModelFileContent(ModelFileFormat format, int inputWidth, IReadOnlyList<LayerTensors> layers, int? residualWidth, bool storesActivations)
    {
        Format = format;
        InputWidth = inputWidth;
        Layers = layers;
        ResidualWidth = residualWidth;
        StoresActivations = storesActivations;
    }

    public ModelFileFormat Format { get; }

    public int InputWidth { get; }

    /// <summary>The layers in model order, activation layers folded into dense layers before them.</summary>
    public IReadOnlyList<LayerTensors> Layers { get; }

    /// <summary>The residual width the file records, or null when its format records none (state_dicts, RTNeural).</summary>
    public int? ResidualWidth { get; }

    /// <summary>Whether the format records activations; a state_dict does not, since activations have no parameters.</summary>
    public bool StoresActivations { get; }

    /// <summary>The structure as the file describes it; unrecorded activations read as identity, an unrecorded residual as none.</summary>
    public ModelStructure Structure => new(InputWidth, Layers.Select(layer => layer.Layer), ResidualWidth ?? 0);

    /// <summary>Folds each parameterless activation layer into a dense layer with no activation right before it.</summary>
    public static List<LayerTensors> Fold(IEnumerable<LayerTensors> layers)
    {
        var folded = new List<LayerTensors>();
        foreach (LayerTensors layer in layers)
        {
            ModelLayer description = layer.Layer;
            if (description.Kind == ModelLayerKind.Activation && folded.Count > 0
                && folded[folded.Count - 1].Layer is { Kind: ModelLayerKind.Dense, Activation: ActivationKind.Identity } dense)
            {
                folded[folded.Count - 1] = folded[folded.Count - 1].WithLayer(
                    new ModelLayer(ModelLayerKind.Dense, dense.InputWidth, dense.OutputWidth, description.Activation));
            }
            else if (description.Kind != ModelLayerKind.Activation || description.Activation != ActivationKind.Identity)
            {
                folded.Add(layer);
            }
        }

        return folded;
    }
}
