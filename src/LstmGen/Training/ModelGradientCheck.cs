using System;
using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Training;

/// <summary>
/// The finite-difference gradient check of a whole float64 model: over a random sequence of several steps from a zero state
/// (one sequence per stream of a streamed model, whose gradients are then the mini-batch's sums),
/// it compares <c>Backward</c>'s gradient of every parameter block of every layer (an LSTM's Wx, Wh and b of each gate; a
/// dense layer's W and b), and of the inputs x, with central differences of the loss.
/// </summary>
/// <remarks>
/// The loss is <c>L = Σ_t Σ_j w[t, j]·y[t, j]</c> with fixed random weights w, so dLoss/dy = w at every step and every
/// output carries gradient, through the residual path too. Errors are measured as in <see cref="LstmGradientCheck"/>.
/// </remarks>
public static class ModelGradientCheck
{
    /// <summary>
    /// Runs the check and returns the worst error per block, named by layer (<c>Lstm0.Wxi</c>, <c>Dense1.W</c>), then
    /// <c>x</c>. The model's parameters are restored afterwards, its state is reset and its gradients are left at zero (a
    /// struct model is checked on a boxed copy).
    /// </summary>
    /// <typeparam name="TModel">A generated training model declared with <c>ElementType = typeof(double)</c>.</typeparam>
    /// <param name="model">
    /// The model; its current parameters are the point the gradient is checked at. At all-zero parameters many gradients
    /// vanish (every h stays 0): such blocks compare nothing (<see cref="LstmGradientCheckBlock.ComparedNothing"/>) and the
    /// result does not pass.
    /// </param>
    /// <param name="steps">
    /// The sequence length, at least 2 and at most the model's <c>MaxSteps</c>: the sequence starts from a zero state, so at one
    /// step h₋₁ and c₋₁ are zero and Wh's and the forget gate's gradients vanish.
    /// </param>
    /// <param name="seed">Seeds the inputs and the loss weights.</param>
    /// <param name="maxParametersPerBlock">Checks at most this many randomly chosen parameters per block; 0 checks them all.</param>
    /// <param name="epsilon">The finite-difference step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LstmGradientCheckResult Run<TModel>(TModel model, int steps, ulong seed, int maxParametersPerBlock = 0, double epsilon = 1e-5)
        where TModel : ILstmTrainingModel<double>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run((ILstmTrainingModel<double>)model, steps, seed, maxParametersPerBlock, epsilon);
    }

    private static LstmGradientCheckResult Run(ILstmTrainingModel<double> model, int steps, ulong seed, int maxParametersPerBlock, double epsilon)
    {
        if (steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "The check needs at least 2 steps: from the zero state it starts in, one step leaves Wh's and the forget gate's gradients at zero, which compares nothing.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, model.MaxSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(maxParametersPerBlock);
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The step must be positive and finite.");
        }

        ModelStructure structure = model.Structure;
        var random = new LstmRandom(seed);
        // A streamed model runs a sequence per stream: the check covers the mini-batch's summed gradients.
        double[] xs = LstmGradientCheck.Draw(ref random, steps * model.Streams * structure.InputWidth, 1.0);
        double[] lossWeights = LstmGradientCheck.Draw(ref random, steps * model.Streams * structure.OutputWidth, 1.0);
        var ys = new double[lossWeights.Length];
        var original = new double[structure.ParameterCount];
        model.ExportParameters(original);

        double Loss(double[] parameters, double[] inputs)
        {
            model.ImportParameters(parameters);
            model.Reset();
            model.Forward(inputs, ys);
            double loss = 0;
            for (int k = 0; k < ys.Length; k++)
            {
                loss += lossWeights[k] * ys[k];
            }

            return loss;
        }

        try
        {
            model.ZeroGradients();
            model.Reset();
            model.Forward(xs, ys);
            var dx = new double[xs.Length];
            model.Backward(lossWeights, dx);
            var analytic = new double[original.Length];
            model.ExportGradients(analytic);

            var results = new List<LstmGradientCheckBlock>();
            double[] parameters = (double[])original.Clone();
            int offset = 0;
            for (int k = 0; k < structure.Layers.Count; k++)
            {
                ModelLayer layer = structure.Layers[k];
                foreach ((string name, LstmBlock? block, LstmGate? gate, int[] indices) in Blocks(layer, k, offset))
                {
                    var errors = new GradientErrors();
                    foreach (int index in LstmGradientCheck.Subset(ref random, indices, maxParametersPerBlock))
                    {
                        double saved = parameters[index];
                        parameters[index] = saved + epsilon;
                        double plus = Loss(parameters, xs);
                        parameters[index] = saved - epsilon;
                        double minus = Loss(parameters, xs);
                        parameters[index] = saved;
                        errors.Add(analytic[index], (plus - minus) / (2 * epsilon));
                    }

                    results.Add(errors.ToBlock(name, block, gate));
                }

                offset += (int)layer.ParameterCount;
            }

            results.Add(LstmGradientCheck.CheckInputs("x", xs, dx, inputs => Loss(original, inputs), epsilon));
            return new LstmGradientCheckResult(results);
        }
        finally
        {
            model.ImportParameters(original);
            model.Reset();
            model.ZeroGradients();
        }
    }

    /// <summary>A layer's parameter blocks with their indices in the model's canonical order.</summary>
    private static IEnumerable<(string Name, LstmBlock? Block, LstmGate? Gate, int[] Indices)> Blocks(ModelLayer layer, int k, int offset)
    {
        if (layer.Kind == ModelLayerKind.Lstm)
        {
            var layout = new LstmParameterLayout(layer.InputWidth, layer.OutputWidth, layer.OutputWidth);
            foreach (LstmBlock block in new[] { LstmBlock.Input, LstmBlock.Recurrent, LstmBlock.Bias })
            {
                foreach (LstmGate gate in new[] { LstmGate.Input, LstmGate.Forget, LstmGate.Cell, LstmGate.Output })
                {
                    int[] indices = Enumerable.Range(0, layer.OutputWidth)
                        .SelectMany(unit => Enumerable.Range(0, layout.ColumnsOf(block)).Select(column => offset + layout.CanonicalIndexOf(block, gate, unit, column)))
                        .ToArray();
                    yield return ($"Lstm{k}.{LstmGradientCheck.BlockName(block)}{LstmGradientCheck.GateName(gate)}", block, gate, indices);
                }
            }
        }
        else if (layer.Kind == ModelLayerKind.Dense)
        {
            int weights = layer.OutputWidth * layer.InputWidth;
            yield return ($"Dense{k}.W", null, null, Enumerable.Range(offset, weights).ToArray());
            yield return ($"Dense{k}.b", null, null, Enumerable.Range(offset + weights, layer.OutputWidth).ToArray());
        }
    }
}
