using System;
using System.Collections.Generic;

namespace LstmGen.Formats;

/// <summary>The framework layout a layer's tensors come in.</summary>
internal enum TensorLayout
{
    /// <summary>PyTorch: <c>weight_ih</c> 4H×I, <c>weight_hh</c> 4H×H, two biases; <c>nn.Linear</c> weight O×I.</summary>
    PyTorch,

    /// <summary>Keras: <c>kernel</c> I×4H, <c>recurrent_kernel</c> H×4H, one bias; <c>Dense</c> kernel I×O.</summary>
    Keras,
}

/// <summary>
/// One layer of a model file: its description and the tensors that hold its parameters, in the file's own layout. Turning
/// them into LstmGen's canonical order happens here for every format, at run time and at build time alike.
/// </summary>
internal sealed class LayerTensors
{
    private readonly SourceTensor?[] _tensors;

    private LayerTensors(ModelLayer layer, string source, TensorLayout layout, SourceTensor?[] tensors)
    {
        Layer = layer;
        Source = source;
        Layout = layout;
        _tensors = tensors;
    }

    public ModelLayer Layer { get; }

    /// <summary>Where the layer is in the file, for messages: <c>rec (nn.LSTM layer 0)</c>, <c>layers[2] (dense)</c>.</summary>
    public string Source { get; }

    public TensorLayout Layout { get; }

    /// <summary>The tensors that hold parameters, for messages and tests.</summary>
    public IEnumerable<SourceTensor> Tensors
    {
        get
        {
            foreach (SourceTensor? tensor in _tensors)
            {
                if (tensor is not null)
                {
                    yield return tensor;
                }
            }
        }
    }

    /// <summary>An LSTM layer from PyTorch tensors (biases may be absent, for <c>bias=False</c>), shapes already checked.</summary>
    public static LayerTensors PyTorchLstm(int inputWidth, int stateWidth, string source, SourceTensor weightIh, SourceTensor weightHh, SourceTensor? biasIh, SourceTensor? biasHh) =>
        new(new ModelLayer(ModelLayerKind.Lstm, inputWidth, stateWidth), source, TensorLayout.PyTorch, new[] { weightIh, weightHh, biasIh, biasHh });

    /// <summary>An LSTM layer from Keras tensors (the bias may be absent), shapes already checked.</summary>
    public static LayerTensors KerasLstm(int inputWidth, int stateWidth, string source, SourceTensor kernel, SourceTensor recurrentKernel, SourceTensor? bias) =>
        new(new ModelLayer(ModelLayerKind.Lstm, inputWidth, stateWidth), source, TensorLayout.Keras, new[] { kernel, recurrentKernel, bias });

    /// <summary>A dense layer from a PyTorch <c>nn.Linear</c> (O×I weight) or a Keras <c>Dense</c> (I×O kernel), shapes already checked.</summary>
    public static LayerTensors Dense(ModelLayer layer, string source, TensorLayout layout, SourceTensor weight, SourceTensor? bias) =>
        new(layer, source, layout, new[] { weight, bias });

    /// <summary>An activation layer: no tensors.</summary>
    public static LayerTensors Activation(ModelLayer layer, string source) =>
        new(layer, source, TensorLayout.PyTorch, Array.Empty<SourceTensor?>());

    /// <summary>The same tensors described as another layer (an activation folded into a dense layer).</summary>
    public LayerTensors WithLayer(ModelLayer layer) => new(layer, Source, Layout, _tensors);

    /// <summary>
    /// Returns the parameters in LstmGen's canonical order, each rounded to the element type (float when
    /// <paramref name="single"/>) and checked to be finite there. LSTM: Wx (4H×I), Wh (4H×H), b (4H) with gates i, f, g, o and
    /// the two PyTorch biases summed in the element type (see <see cref="SumBiases"/>). Dense: W (O×I row-major), then b (O).
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">A value is not finite in the element type; the message names the tensor and index.</exception>
    public double[] Canonical(bool single)
    {
        ModelLayer layer = Layer;
        int i = layer.InputWidth;
        int width = layer.OutputWidth;
        if (layer.Kind == ModelLayerKind.Activation)
        {
            return Array.Empty<double>();
        }

        if (layer.Kind == ModelLayerKind.Dense)
        {
            var dense = new double[(width * i) + width];
            SourceTensor weight = _tensors[0]!;
            for (int o = 0; o < width; o++)
            {
                for (int k = 0; k < i; k++)
                {
                    dense[(o * i) + k] = weight.Element(Layout == TensorLayout.PyTorch ? (o * i) + k : (k * width) + o, single);
                }

                dense[(width * i) + o] = _tensors[1]?.Element(o, single) ?? 0;
            }

            return dense;
        }

        int h = width;
        int rows = 4 * h;
        var canonical = new double[rows * (i + h + 1)];
        int recurrentStart = rows * i;
        int biasStart = rows * (i + h);
        for (int row = 0; row < rows; row++)
        {
            for (int k = 0; k < i; k++)
            {
                canonical[(row * i) + k] = _tensors[0]!.Element(Layout == TensorLayout.PyTorch ? (row * i) + k : (k * rows) + row, single);
            }

            for (int k = 0; k < h; k++)
            {
                canonical[recurrentStart + (row * h) + k] = _tensors[1]!.Element(Layout == TensorLayout.PyTorch ? (row * h) + k : (k * rows) + row, single);
            }

            if (Layout == TensorLayout.Keras)
            {
                canonical[biasStart + row] = _tensors[2]?.Element(row, single) ?? 0;
            }
            else
            {
                double first = _tensors[2]?.Element(row, single) ?? 0;
                double second = _tensors[3]?.Element(row, single) ?? 0;
                double sum = SumBiases(first, second, single);
                if (double.IsInfinity(sum))
                {
                    FormatError.Throw($"The biases of {Source} overflow {(single ? "float" : "double")} when added at row {row}: {first.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} + {second.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; LstmGen keeps their sum, so it must be finite.");
                }

                canonical[biasStart + row] = sum;
            }
        }

        return canonical;
    }

    /// <summary>
    /// Adds PyTorch's two biases in the element type. A zero addend leaves the other value as it is, sign included: exports
    /// write the second bias as zero, and plain IEEE addition would turn a −0 bias into +0.
    /// </summary>
    public static double SumBiases(double first, double second, bool single)
    {
        if (second == 0)
        {
            return first;
        }

        if (first == 0)
        {
            return second;
        }

        return single ? (float)((float)first + (float)second) : first + second;
    }
}
