using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace SineTraining;

/// <summary>Draws the training run with ScottPlot: the loss curves, and the trained model's predictions against the targets.</summary>
public static class TrainingPlot
{
    /// <summary>Saves a 1200×500 PNG with the two charts side by side.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="iterations">The iteration of each loss sample.</param>
    /// <param name="trainingLoss">The mean training loss over the iterations since the previous sample.</param>
    /// <param name="validationLoss">The validation loss at each sample.</param>
    /// <param name="inputs">One validation sequence's noisy inputs.</param>
    /// <param name="targets">Its targets: the next clean samples.</param>
    /// <param name="predictions">The model's predictions.</param>
    public static void Save(string path, IReadOnlyList<int> iterations, IReadOnlyList<double> trainingLoss, IReadOnlyList<double> validationLoss, float[] inputs, float[] targets, float[] predictions)
    {
        var loss = new Plot();
        double[] xs = iterations.Select(i => (double)i).ToArray();
        // The loss falls by two orders of magnitude, so it is drawn as log10.
        loss.Add.ScatterLine(xs, trainingLoss.Select(Math.Log10).ToArray()).LegendText = "training";
        loss.Add.ScatterLine(xs, validationLoss.Select(Math.Log10).ToArray()).LegendText = "validation";
        loss.Title("Loss while training");
        loss.XLabel("iteration");
        loss.YLabel("log10 of the mean squared error");
        loss.ShowLegend(Alignment.UpperRight);

        var fit = new Plot();
        double[] steps = Enumerable.Range(0, targets.Length).Select(t => (double)t).ToArray();
        var noisy = fit.Add.ScatterPoints(steps, inputs.Select(v => (double)v).ToArray());
        noisy.LegendText = "input (noisy)";
        fit.Add.ScatterLine(steps, targets.Select(v => (double)v).ToArray()).LegendText = "target: next clean sample";
        fit.Add.ScatterLine(steps, predictions.Select(v => (double)v).ToArray()).LegendText = "prediction";
        fit.Title("A validation sequence after training");
        fit.XLabel("step");
        fit.ShowLegend(Alignment.LowerRight);

        var layout = new Multiplot(loss);
        layout.AddPlot(fit);
        layout.Layout = new ScottPlot.MultiplotLayouts.Columns();
        layout.SavePng(path, 1200, 500);
    }
}
