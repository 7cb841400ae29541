using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Support;
using LstmGen.Training;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>
/// Generated models of every listed shape against <see cref="ReferenceModel"/>, the independent runtime-sized double code:
/// outputs and every layer's gradients, in float (1e-5 and 1e-4 relative per layer) and double (1e-12 and 1e-10).
/// </summary>
public sealed class ReferenceModelTests
{
    private static readonly Dictionary<string, Func<object>> Factories = new()
    {
        [nameof(AmpKnobModel)] = () => new AmpKnobModel(),
        [nameof(KerasRtNeuralModel)] = () => new KerasRtNeuralModel(),
        [nameof(TorchRtNeuralModel)] = () => new TorchRtNeuralModel(),
        [nameof(TorchStackModel)] = () => new TorchStackModel(),
        [nameof(MixedKerasModel)] = () => new MixedKerasModel(),
        [nameof(DenseFirstModel)] = () => new DenseFirstModel(),
        [nameof(AmpKnobModelDouble)] = () => new AmpKnobModelDouble(),
        [nameof(KerasRtNeuralModelDouble)] = () => new KerasRtNeuralModelDouble(),
        [nameof(TorchRtNeuralModelDouble)] = () => new TorchRtNeuralModelDouble(),
        [nameof(TorchStackModelDouble)] = () => new TorchStackModelDouble(),
        [nameof(MixedKerasModelDouble)] = () => new MixedKerasModelDouble(),
        [nameof(DenseFirstModelDouble)] = () => new DenseFirstModelDouble(),
    };

    public static IEnumerable<object[]> FloatModels => Factories.Keys.Where(name => !name.EndsWith("Double", StringComparison.Ordinal)).Select(name => new object[] { name });

    public static IEnumerable<object[]> DoubleModels => Factories.Keys.Where(name => name.EndsWith("Double", StringComparison.Ordinal)).Select(name => new object[] { name });

    /// <summary>Creates one of the test models (a struct one boxed) by name.</summary>
    public static T Create<T>(string name) => (T)Factories[name]();

    [Theory]
    [MemberData(nameof(FloatModels))]
    public void Float_models_match_the_reference(string model) => Check(Create<ILstmTrainingModel<float>>(model), 1e-5, 1e-4);

    [Theory]
    [MemberData(nameof(DoubleModels))]
    public void Double_models_match_the_reference(string model) => Check(Create<ILstmTrainingModel<double>>(model), 1e-12, 1e-10);

    /// <summary>
    /// Central differences with ε = 1e-5 on a loss of order 1 are good to about 1e-11 absolute, so a block passes when its worst
    /// relative error is under 1e-6 or, where its gradients are tiny, its worst absolute error is under 1e-9; a wrong term
    /// would be off by the size of the gradient itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoubleModels))]
    public void Every_block_of_every_layer_passes_the_gradient_check(string name)
    {
        var model = Create<ILstmTrainingModel<double>>(name);
        model.InitializeParameters(21);
        KeepReLUOutputsLive(model);
        LstmGradientCheckResult result = ModelGradientCheck.Run(model, steps: Math.Min(6, model.MaxSteps), seed: 5);
        Assert.Equal(model.Structure.Layers.Sum(layer => layer.Kind switch { ModelLayerKind.Lstm => 12, ModelLayerKind.Dense => 2, _ => 0 }) + 1, result.Blocks.Count);
        Assert.All(result.Blocks, block => Assert.True(!block.ComparedNothing && (block.WorstRelativeError <= 1e-6 || block.WorstAbsoluteError <= 1e-9), result.ToString()));
    }

    /// <summary>
    /// Raises the biases of a last dense layer with ReLU to 1, so its units are live: at seed 21 both of
    /// <c>MixedKerasModelDouble</c>'s were below zero on every step, every gradient vanished, and the check compared nothing
    /// (it passed on zeros until <see cref="LstmGradientCheckBlock.ComparedNothing"/> made that visible).
    /// </summary>
    private static void KeepReLUOutputsLive(ILstmTrainingModel<double> model)
    {
        ModelLayer last = model.Structure.Layers[^1];
        if (last.Kind == ModelLayerKind.Dense && last.Activation == ActivationKind.ReLU)
        {
            var parameters = new double[model.Structure.ParameterCount];
            model.ExportParameters(parameters);
            parameters.AsSpan(parameters.Length - last.OutputWidth).Fill(1.0);
            model.ImportParameters(parameters);
        }
    }

    private static void Check<T>(ILstmTrainingModel<T> model, double outputTolerance, double gradientTolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ModelStructure structure = model.Structure;
        model.InitializeParameters(11);
        var parameters = new T[structure.ParameterCount];
        model.ExportParameters(parameters);
        int steps = Math.Min(7, model.MaxSteps);
        double[] xs = Numerics.RandomSymmetric(steps * structure.InputWidth, 1.0, 3);
        double[] dLossDy = Numerics.RandomSymmetric(steps * structure.OutputWidth, 1.0, 4);
        var reference = new ReferenceModel(structure, Array.ConvertAll(parameters, double.CreateChecked));
        (double[] expectedY, double[] expectedGradients, double[] expectedDx) = reference.Run(xs, dLossDy);

        var ys = new T[expectedY.Length];
        model.Forward(Array.ConvertAll(xs, T.CreateChecked), ys);
        Numerics.AssertClose(expectedY, Array.ConvertAll(ys, double.CreateChecked), outputTolerance, $"{structure}: y");

        var dx = new T[xs.Length];
        model.ZeroGradients();
        model.Backward(Array.ConvertAll(dLossDy, T.CreateChecked), dx);
        var gradients = new T[structure.ParameterCount];
        model.ExportGradients(gradients);
        double[] actual = Array.ConvertAll(gradients, double.CreateChecked);
        int offset = 0;
        for (int k = 0; k < structure.Layers.Count; k++)
        {
            int count = (int)structure.Layers[k].ParameterCount;
            if (count > 0)
            {
                Numerics.AssertRelative(expectedGradients.AsSpan(offset, count), actual.AsSpan(offset, count), gradientTolerance, $"{structure}: layer {k} gradients");
            }

            offset += count;
        }

        Numerics.AssertRelative(expectedDx, Array.ConvertAll(dx, double.CreateChecked), gradientTolerance, $"{structure}: dx");
    }
}
