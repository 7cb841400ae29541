using System;

namespace LstmGen.Training;

/// <summary>Tracks the worst errors of one block of a finite-difference gradient check.</summary>
internal sealed class GradientErrors
{
    private double _worstRelative;
    private double _worstAbsolute;
    private double _largestGradient;
    private int _count;

    /// <summary>Adds one element: its analytic and numeric gradients.</summary>
    public void Add(double analytic, double numeric)
    {
        double absolute = Math.Abs(analytic - numeric);
        double relative = absolute / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), 1e-8);
        _worstRelative = double.IsNaN(relative) ? double.NaN : Math.Max(_worstRelative, relative);
        _worstAbsolute = Math.Max(_worstAbsolute, absolute);
        _largestGradient = Math.Max(_largestGradient, Math.Abs(analytic));
        _count++;
    }

    public LstmGradientCheckBlock ToBlock(string name, LstmBlock? block, LstmGate? gate) =>
        new(name, block, gate, _count, _worstRelative, _worstAbsolute, _largestGradient);
}
