using System;
using System.IO;
using LstmGen.Tests.Support;
using LstmGen.Training;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>Proves that running and training whole models allocates nothing, by counting this thread's allocated bytes.</summary>
public sealed class ModelAllocationTests
{
    [Fact]
    public void Ten_thousand_model_steps_allocate_nothing()
    {
        var model = new AmpKnobModel();
        model.InitializeParameters(1);
        float[] x = new float[AmpKnobModel.InputWidth];
        float[] y = new float[AmpKnobModel.OutputWidth];
        int t = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                x[0] = t++ * 0.001f;
                model.Step(x, y);
            },
            warmUp: 500,
            runsPerWindow: 10_000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Baked_and_struct_models_step_and_run_sequences_without_allocating()
    {
        var baked = (ILstmModel<float>)Activator.CreateInstance(ModelFixture.TypeOf(ModelFixtureTests.FirstCase, "Baked"))!;
        AssertForwardAllocatesNothing(baked);
        AssertForwardAllocatesNothing(ReferenceModelTests.Create<ILstmTrainingModel<float>>(nameof(TorchRtNeuralModel)));
        AssertForwardAllocatesNothing(ReferenceModelTests.Create<ILstmTrainingModel<float>>(nameof(MixedKerasModel)));
        AssertForwardAllocatesNothing(ReferenceModelTests.Create<ILstmTrainingModel<float>>(nameof(DenseFirstModel)));
    }

    [Fact]
    public void A_training_iteration_allocates_nothing()
    {
        var model = new TorchStackModel();
        model.InitializeParameters(3);
        float[] xs = new float[TorchStackModel.MaxSteps * TorchStackModel.InputWidth];
        float[] targets = new float[TorchStackModel.MaxSteps * TorchStackModel.OutputWidth];
        float[] ys = new float[targets.Length];
        float[] dLossDy = new float[targets.Length];
        float[] dLossDx = new float[xs.Length];
        int call = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                xs[call % xs.Length] = call++ * 0.01f;
                model.Reset();
                model.ZeroGradients();
                model.Forward(xs, ys);
                Losses.MeanSquaredError<float>(ys, targets, dLossDy);
                model.Backward(dLossDy, dLossDx);
                model.ClipGradients(1f);
                model.ApplySgd(1e-3f);
            },
            warmUp: 50,
            runsPerWindow: 200);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Adam_iterations_and_layer_views_allocate_nothing()
    {
        var model = new TorchRtNeuralModel();
        model.InitializeParameters(3);
        float[] xs = new float[TorchRtNeuralModel.MaxSteps];
        float[] ys = new float[TorchRtNeuralModel.MaxSteps];
        float[] hidden = new float[8];
        float[] cell = new float[8];
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                model.Forward(xs, ys);
                model.Backward(ys, default);
                model.ApplyAdam(1e-3f);
                model.Lstm0.CopyStateTo(hidden, cell);
                _ = model.Dense1.Weights[0, 0] + model.Lstm0.Parameters[0];
            },
            warmUp: 50,
            runsPerWindow: 200);
        Assert.Equal(0, allocated);
    }

    private static void AssertForwardAllocatesNothing(ILstmModel<float> model)
    {
        int steps = model is ILstmTrainingModel<float> training ? Math.Min(12, training.MaxSteps) : 12;
        float[] xs = new float[steps * model.Structure.InputWidth];
        float[] ys = new float[steps * model.Structure.OutputWidth];
        float[] x = new float[model.Structure.InputWidth];
        float[] y = new float[model.Structure.OutputWidth];
        int call = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                xs[call % xs.Length] = call++ * 0.01f;
                model.Forward(xs, ys);
                model.Step(x, y);
            },
            warmUp: 50,
            runsPerWindow: 200);
        Assert.True(allocated == 0, $"{model.Structure} allocated {allocated} bytes");
    }
}
