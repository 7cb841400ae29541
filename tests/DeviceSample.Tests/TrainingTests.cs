using DeviceSample.Training;
using Xunit;

namespace DeviceSample.Tests;

/// <summary>The training program's trainer learns the forecasting task (a short run, from a fresh seed).</summary>
public sealed class TrainingTests
{
    [Fact]
    public void A_few_hundred_episodes_cut_the_forecast_error_several_times()
    {
        var trainer = new PredictorTrainer(seed: 5);
        float before = trainer.ValidationError();
        for (int episode = 0; episode < 300; episode++)
        {
            trainer.TrainEpisode(0.01f);
        }

        float after = trainer.ValidationError();
        Assert.True(after < before / 4, $"validation RMS error {before} before training, {after} after");
    }

    [Fact]
    public void Mini_batches_learn_the_task_too()
    {
        var trainer = new MiniBatchTrainer(seed: 5);
        var validator = new PredictorTrainer(seed: 5);
        float before = validator.ValidationError();
        for (int iteration = 0; iteration < 60; iteration++)
        {
            trainer.TrainIteration(0.01f);
        }

        trainer.TrainIteration(0.01f);
        trainer.CopyTo(validator.Layer);
        float after = validator.ValidationError();
        Assert.True(after < before / 4, $"validation RMS error {before} before training, {after} after 61 mini-batches of {MiniBatchTrainer.Machines}");
    }
}
