using System;
using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Tests.Support;

/// <summary>
/// A plain, runtime-sized model in double precision: <see cref="ReferenceLstm"/> layers, dense layers and activations written
/// straight from their equations, and the residual path. It shares no code with the generator or the runtime's kernels and
/// is the independent reference for whole generated models: forward values and every gradient.
/// </summary>
public sealed class ReferenceModel
{
    private readonly ModelStructure _structure;
    private readonly double[][] _parameters;

    /// <summary>Creates the model from canonical parameters, layer after layer (as a generated model exports them).</summary>
    public ReferenceModel(ModelStructure structure, double[] canonical)
    {
        _structure = structure;
        _parameters = new double[structure.Layers.Count][];
        int offset = 0;
        for (int k = 0; k < structure.Layers.Count; k++)
        {
            int count = (int)structure.Layers[k].ParameterCount;
            _parameters[k] = canonical.AsSpan(offset, count).ToArray();
            offset += count;
        }

        if (offset != canonical.Length)
        {
            throw new ArgumentException("Wrong parameter count.", nameof(canonical));
        }
    }

    /// <summary>Runs the model from a zero state; returns y (T×O), and dL/d(parameters) in canonical order and dL/dx for the given dL/dy.</summary>
    public (double[] Y, double[] ParameterGradients, double[] InputGradients) Run(double[] xs, double[] dLossDy)
    {
        int steps = xs.Length / _structure.InputWidth;
        var inputs = new List<double[]> { xs };
        var traces = new ReferenceLstm.Trace?[_structure.Layers.Count];
        double[] current = xs;
        for (int k = 0; k < _structure.Layers.Count; k++)
        {
            ModelLayer layer = _structure.Layers[k];
            double[] output;
            switch (layer.Kind)
            {
                case ModelLayerKind.Lstm:
                    var lstm = new ReferenceLstm(layer.InputWidth, layer.OutputWidth, _parameters[k]);
                    ReferenceLstm.Trace trace = lstm.Forward(current, new double[layer.OutputWidth], new double[layer.OutputWidth]);
                    traces[k] = trace;
                    output = trace.H;
                    break;
                case ModelLayerKind.Dense:
                    output = new double[steps * layer.OutputWidth];
                    for (int t = 0; t < steps; t++)
                    {
                        for (int o = 0; o < layer.OutputWidth; o++)
                        {
                            double z = _parameters[k][(layer.OutputWidth * layer.InputWidth) + o];
                            for (int i = 0; i < layer.InputWidth; i++)
                            {
                                z += _parameters[k][(o * layer.InputWidth) + i] * current[(t * layer.InputWidth) + i];
                            }

                            output[(t * layer.OutputWidth) + o] = Activate(layer.Activation, z);
                        }
                    }

                    break;
                default:
                    output = Array.ConvertAll(current, z => Activate(layer.Activation, z));
                    break;
            }

            inputs.Add(output);
            current = output;
        }

        int outputWidth = _structure.OutputWidth;
        int inputWidth = _structure.InputWidth;
        double[] y = (double[])current.Clone();
        for (int t = 0; t < steps; t++)
        {
            for (int j = 0; j < outputWidth && _structure.ResidualWidth > 0; j++)
            {
                y[(t * outputWidth) + j] += xs[(t * inputWidth) + (_structure.ResidualWidth == 1 ? 0 : j)];
            }
        }

        // Backward, last layer first.
        var gradients = new double[_structure.Layers.Count][];
        double[] upstream = (double[])dLossDy.Clone();
        for (int k = _structure.Layers.Count - 1; k >= 0; k--)
        {
            ModelLayer layer = _structure.Layers[k];
            double[] input = inputs[k];
            double[] output = inputs[k + 1];
            switch (layer.Kind)
            {
                case ModelLayerKind.Lstm:
                    var lstm = new ReferenceLstm(layer.InputWidth, layer.OutputWidth, _parameters[k]);
                    ReferenceLstm.Gradients g = lstm.Backward(traces[k]!, upstream);
                    gradients[k] = g.Parameters;
                    upstream = g.X;
                    break;
                case ModelLayerKind.Dense:
                    var grad = new double[_parameters[k].Length];
                    var dx = new double[steps * layer.InputWidth];
                    for (int t = 0; t < steps; t++)
                    {
                        for (int o = 0; o < layer.OutputWidth; o++)
                        {
                            double dz = upstream[(t * layer.OutputWidth) + o] * Derivative(layer.Activation, output[(t * layer.OutputWidth) + o]);
                            grad[(layer.OutputWidth * layer.InputWidth) + o] += dz;
                            for (int i = 0; i < layer.InputWidth; i++)
                            {
                                grad[(o * layer.InputWidth) + i] += dz * input[(t * layer.InputWidth) + i];
                                dx[(t * layer.InputWidth) + i] += dz * _parameters[k][(o * layer.InputWidth) + i];
                            }
                        }
                    }

                    gradients[k] = grad;
                    upstream = dx;
                    break;
                default:
                    gradients[k] = Array.Empty<double>();
                    upstream = upstream.Select((d, index) => d * Derivative(layer.Activation, output[index])).ToArray();
                    break;
            }
        }

        for (int t = 0; t < steps; t++)
        {
            for (int j = 0; j < outputWidth && _structure.ResidualWidth > 0; j++)
            {
                upstream[(t * inputWidth) + (_structure.ResidualWidth == 1 ? 0 : j)] += dLossDy[(t * outputWidth) + j];
            }
        }

        var all = new List<double>();
        foreach (double[] g in gradients)
        {
            all.AddRange(g);
        }

        return (y, all.ToArray(), upstream);
    }

    private static double Activate(ActivationKind activation, double z) => activation switch
    {
        ActivationKind.Tanh => Math.Tanh(z),
        ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-z)),
        ActivationKind.ReLU => Math.Max(z, 0),
        _ => z,
    };

    /// <summary>act′ in terms of y = act(z).</summary>
    private static double Derivative(ActivationKind activation, double y) => activation switch
    {
        ActivationKind.Tanh => 1 - (y * y),
        ActivationKind.Sigmoid => y * (1 - y),
        ActivationKind.ReLU => y > 0 ? 1 : 0,
        _ => 1,
    };
}
