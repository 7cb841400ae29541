using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Model;

namespace LstmGen.Generator.Planning;

/// <summary>
/// A model's layers as the emitters write them: one part per layer, each with its own plan, and the buffers the model keeps
/// between them when it trains. Built at emission time from a spec and a resolved structure.
/// </summary>
internal sealed class ModelPlan
{
    public ModelPlan(ModelSpec spec, ModelStructure structure)
    {
        Spec = spec;
        Structure = structure;
        Element = ElementInfo.For(spec.Element);
        var parts = new List<PartPlan>();
        long offset = 0;
        for (int k = 0; k < structure.Layers.Count; k++)
        {
            var part = new PartPlan(spec, k, structure.Layers[k], offset);
            parts.Add(part);
            offset += part.ParameterCount;
        }

        Parts = parts;
        ParameterCount = offset;
    }

    public ModelSpec Spec { get; }

    public ModelStructure Structure { get; }

    public ElementInfo Element { get; }

    public IReadOnlyList<PartPlan> Parts { get; }

    public int InputWidth => Structure.InputWidth;

    public int OutputWidth => Structure.OutputWidth;

    public int ResidualWidth => Structure.ResidualWidth;

    public long ParameterCount { get; }

    public bool IsTraining => Spec.IsTraining;

    /// <summary>The number of independent sequences the model runs together, N; 1 for an ordinary model.</summary>
    public int Streams => Spec.Streams;

    public bool IsStreamed => Spec.IsStreamed;

    public bool IsBaked => Spec.IsBaked;

    /// <summary>Whether the model keeps a copy of its inputs for training: only a dense first layer needs them (an LSTM records its own).</summary>
    public bool RecordsInputs => IsTraining && Parts[0].Kind == ModelLayerKind.Dense;

    /// <summary>The widest vector of the model: I or any layer's output. The gradient buffers hold this many elements per step.</summary>
    public int MaxWidth => System.Math.Max(InputWidth, Parts.Max(part => part.OutputWidth));

    /// <summary>
    /// Bytes of the model's own buffers: every part's, and when training the sequences between parts, two gradient buffers and
    /// a counter, each sequence holding every stream's steps.
    /// </summary>
    public long StorageBytes
    {
        get
        {
            long bytes = Parts.Sum(part => part.StorageBytes);
            if (IsTraining)
            {
                long perStep = Parts.Sum(part => (long)part.OutputWidth) + (2L * MaxWidth) + (RecordsInputs ? InputWidth : 0);
                bytes += ((long)Spec.MaxSteps * Streams * perStep * Element.Size) + sizeof(int);
            }

            return bytes;
        }
    }
}

/// <summary>One layer of a model: its kind, names and plan.</summary>
internal sealed class PartPlan
{
    public PartPlan(ModelSpec spec, int index, ModelLayer layer, long parameterOffset)
    {
        Index = index;
        Layer = layer;
        ParameterOffset = parameterOffset;
        ElementSize = ElementInfo.For(spec.Element).Size;
        string prefix = layer.Kind switch { ModelLayerKind.Lstm => "Lstm", ModelLayerKind.Dense => "Dense", _ => "Activation" };
        Name = prefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (layer.Kind == ModelLayerKind.Lstm)
        {
            TypeTarget partTarget = spec.Target with { ImplName = TypeName };
            WeightsRequest? weights = spec.Weights is null ? null : new WeightsRequest(spec.Weights, string.Empty, index);
            Lstm = KernelPlanner.Plan(new LayerSpec(partTarget, layer.InputWidth, layer.OutputWidth, spec.Element, spec.MaxSteps, spec.Adam, spec.ExactActivations, LstmKernel.Auto, weights, spec.Streams), modelPart: true);
        }
        else if (layer.Kind == ModelLayerKind.Dense)
        {
            Dense = new DensePlan(spec, layer.InputWidth, layer.OutputWidth, layer.Activation);
        }

        Streams = spec.Streams;
    }

    public int Index { get; }

    public ModelLayer Layer { get; }

    public ModelLayerKind Kind => Layer.Kind;

    /// <summary>The part's name: <c>Lstm0</c>, <c>Dense1</c>, <c>Activation2</c>: the field in the implementation and the user's property.</summary>
    public string Name { get; }

    /// <summary>The implementation's nested type: <c>Lstm0Part</c>.</summary>
    public string TypeName => Name + "Part";

    /// <summary>The view type in the user's partial: <c>Lstm0Layer</c> (activation layers have no parameters and no view).</summary>
    public string ViewName => Name + "Layer";

    public bool HasView => Kind != ModelLayerKind.Activation;

    public LayerPlan? Lstm { get; }

    public DensePlan? Dense { get; }

    public int InputWidth => Layer.InputWidth;

    public int OutputWidth => Layer.OutputWidth;

    /// <summary>Where the part's parameters start in the model's canonical order.</summary>
    public long ParameterOffset { get; }

    public int ParameterCount => (int)Layer.ParameterCount;

    private int ElementSize { get; }

    /// <summary>The model's streams: each keeps its own state and output in the part.</summary>
    public int Streams { get; }

    /// <summary>Bytes of the part's own buffers; an activation layer keeps only its output (one per stream).</summary>
    public long StorageBytes => Lstm?.StorageBytes ?? Dense?.StorageBytes ?? ((long)Streams * OutputWidth * ElementSize);
}
