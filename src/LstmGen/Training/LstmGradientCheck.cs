using System;
using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Training;

/// <summary>
/// The finite-difference gradient check of the seed tutorial, done right: on a float64 training layer, over a random
/// sequence of several steps, it compares <c>Backward</c>'s gradient of every parameter of every block (Wx and Wh of each
/// gate and the biases), and of the inputs x, h₀ and c₀, with central differences of the loss.
/// </summary>
/// <remarks>
/// The loss is <c>L = Σ_t Σ_j w[t, j]·h[t, j] + Σ_j u[j]·c_T[j]</c> with fixed random weights w and u, so every step's h and
/// the final cell state carry gradient. The relative error of one element is <c>|a − n| / max(|a| + |n|, 1e-8)</c> for the
/// analytic gradient a and the numeric gradient n.
/// </remarks>
public static class LstmGradientCheck
{
    /// <summary>
    /// Runs the check and returns the worst error per block. The layer's parameters and state are restored afterwards and
    /// its gradients are left at zero (a struct layer is checked on a boxed copy).
    /// </summary>
    /// <typeparam name="TLayer">A generated training layer declared with <c>ElementType = typeof(double)</c>.</typeparam>
    /// <param name="layer">
    /// The layer; its current parameters are the point the gradient is checked at. At all-zero parameters some gradients
    /// vanish (the input gate's, where g = tanh(0) = 0): such blocks compare nothing
    /// (<see cref="LstmGradientCheckBlock.ComparedNothing"/>) and the result does not pass.
    /// </param>
    /// <param name="steps">The sequence length, at least 1 and at most the layer's tape capacity.</param>
    /// <param name="seed">Seeds the inputs, the initial state and the loss weights.</param>
    /// <param name="maxParametersPerBlock">Checks at most this many randomly chosen parameters per block; 0 checks them all.</param>
    /// <param name="epsilon">The finite-difference step.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LstmGradientCheckResult Run<TLayer>(TLayer layer, int steps, ulong seed, int maxParametersPerBlock = 0, double epsilon = 1e-5)
        where TLayer : ILstmTrainingLayer<double>
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Run((ILstmTrainingLayer<double>)layer, steps, seed, maxParametersPerBlock, epsilon);
    }

    private static LstmGradientCheckResult Run(ILstmTrainingLayer<double> layer, int steps, ulong seed, int maxParametersPerBlock, double epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, layer.MaxSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(maxParametersPerBlock);
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The step must be positive and finite.");
        }

        LstmParameterLayout layout = layer.ParameterLayout;
        int i = layout.InputWidth;
        int h = layout.StateWidth;
        var random = new LstmRandom(seed);
        double[] xs = Draw(ref random, steps * i, 1.0);
        double[] h0 = Draw(ref random, h, 0.5);
        double[] c0 = Draw(ref random, h, 0.5);
        double[] lossWeights = Draw(ref random, steps * h, 1.0);
        double[] cellWeights = Draw(ref random, h, 1.0);

        var original = new double[layout.ParameterCount];
        layer.ExportParameters(original);
        var savedHidden = new double[h];
        var savedCell = new double[h];
        layer.CopyStateTo(savedHidden, savedCell);
        var state = new State(layer, steps, h);
        try
        {
            // Analytic gradients.
            layer.ZeroGradients();
            layer.SetState(h0, c0);
            layer.Forward(xs, state.Hs);
            var dx = new double[steps * i];
            var dh0 = new double[h];
            var dc0 = new double[h];
            layer.Backward(lossWeights, ReadOnlySpan<double>.Empty, cellWeights, dx, dh0, dc0);
            var analytic = new double[layout.ParameterCount];
            layer.ExportGradients(analytic);

            var results = new List<LstmGradientCheckBlock>();
            double[] parameters = (double[])original.Clone();
            foreach (LstmBlock block in new[] { LstmBlock.Input, LstmBlock.Recurrent, LstmBlock.Bias })
            {
                foreach (LstmGate gate in new[] { LstmGate.Input, LstmGate.Forget, LstmGate.Cell, LstmGate.Output })
                {
                    int[] indices = Enumerable.Range(0, h)
                        .SelectMany(unit => Enumerable.Range(0, layout.ColumnsOf(block)).Select(column => layout.CanonicalIndexOf(block, gate, unit, column)))
                        .ToArray();
                    indices = Subset(ref random, indices, maxParametersPerBlock);
                    var errors = new GradientErrors();
                    foreach (int index in indices)
                    {
                        double saved = parameters[index];
                        parameters[index] = saved + epsilon;
                        double plus = state.Loss(parameters, xs, h0, c0, lossWeights, cellWeights);
                        parameters[index] = saved - epsilon;
                        double minus = state.Loss(parameters, xs, h0, c0, lossWeights, cellWeights);
                        parameters[index] = saved;
                        errors.Add(analytic[index], (plus - minus) / (2 * epsilon));
                    }

                    results.Add(errors.ToBlock($"{BlockName(block)}{GateName(gate)}", block, gate));
                }
            }

            layer.ImportParameters(original);
            results.Add(CheckInputs("x", xs, dx, v => state.Loss(original, v, h0, c0, lossWeights, cellWeights), epsilon));
            results.Add(CheckInputs("h0", h0, dh0, v => state.Loss(original, xs, v, c0, lossWeights, cellWeights), epsilon));
            results.Add(CheckInputs("c0", c0, dc0, v => state.Loss(original, xs, h0, v, lossWeights, cellWeights), epsilon));
            return new LstmGradientCheckResult(results);
        }
        finally
        {
            layer.ImportParameters(original);
            layer.SetState(savedHidden, savedCell);
            layer.ZeroGradients();
        }
    }

    internal static LstmGradientCheckBlock CheckInputs(string name, double[] values, double[] analytic, Func<double[], double> loss, double epsilon)
    {
        var errors = new GradientErrors();
        double[] probe = (double[])values.Clone();
        for (int k = 0; k < probe.Length; k++)
        {
            double saved = probe[k];
            probe[k] = saved + epsilon;
            double plus = loss(probe);
            probe[k] = saved - epsilon;
            double minus = loss(probe);
            probe[k] = saved;
            errors.Add(analytic[k], (plus - minus) / (2 * epsilon));
        }

        return errors.ToBlock(name, null, null);
    }

    internal static double[] Draw(ref LstmRandom random, int count, double range)
    {
        var values = new double[count];
        random.FillSymmetric(values, range);
        return values;
    }

    internal static int[] Subset(ref LstmRandom random, int[] indices, int limit)
    {
        if (limit == 0 || indices.Length <= limit)
        {
            return indices;
        }

        // A partial Fisher-Yates shuffle picks `limit` distinct indices.
        for (int k = 0; k < limit; k++)
        {
            int pick = k + (int)(random.NextUInt64() % (ulong)(indices.Length - k));
            (indices[k], indices[pick]) = (indices[pick], indices[k]);
        }

        return indices[..limit];
    }

    internal static string BlockName(LstmBlock block) => block switch
    {
        LstmBlock.Input => "Wx",
        LstmBlock.Recurrent => "Wh",
        _ => "b",
    };

    internal static string GateName(LstmGate gate) => gate switch
    {
        LstmGate.Input => "i",
        LstmGate.Forget => "f",
        LstmGate.Cell => "g",
        _ => "o",
    };

    /// <summary>Runs forward passes at perturbed points without touching the gradients.</summary>
    private sealed class State
    {
        private readonly ILstmTrainingLayer<double> _layer;
        private readonly int _stateWidth;

        public State(ILstmTrainingLayer<double> layer, int steps, int stateWidth)
        {
            _layer = layer;
            _stateWidth = stateWidth;
            Hs = new double[steps * stateWidth];
        }

        public double[] Hs { get; }

        public double Loss(double[] parameters, double[] xs, double[] h0, double[] c0, double[] lossWeights, double[] cellWeights)
        {
            _layer.ImportParameters(parameters);
            _layer.SetState(h0, c0);
            _layer.Forward(xs, Hs);
            var hidden = new double[_stateWidth];
            var cell = new double[_stateWidth];
            _layer.CopyStateTo(hidden, cell);
            double loss = 0;
            for (int k = 0; k < Hs.Length; k++)
            {
                loss += lossWeights[k] * Hs[k];
            }

            for (int j = 0; j < _stateWidth; j++)
            {
                loss += cellWeights[j] * cell[j];
            }

            return loss;
        }
    }
}
