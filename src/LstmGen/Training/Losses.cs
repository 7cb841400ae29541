using System;
using System.Numerics;
using LstmGen.CompilerServices;

namespace LstmGen.Training;

/// <summary>Loss functions that also give the gradient a model's <c>Backward</c> takes. Allocation-free.</summary>
public static class Losses
{
    /// <summary>
    /// Returns the mean squared error <c>L = Σ (y − target)² / N</c> over all N elements, as PyTorch's <c>MSELoss</c> with mean
    /// reduction, and writes <c>dL/dy = 2 (y − target) / N</c>. The sum is taken in double precision.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="ys">The model's outputs, for example T·O elements.</param>
    /// <param name="targets">The targets; as many elements.</param>
    /// <param name="dLossDy">Receives dL/dy; as many elements, or empty when not needed. It may be the same span as neither input.</param>
    /// <exception cref="ArgumentException">A length differs or is zero, or <paramref name="dLossDy"/> overlaps an input.</exception>
    public static T MeanSquaredError<T>(ReadOnlySpan<T> ys, ReadOnlySpan<T> targets, Span<T> dLossDy)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (ys.IsEmpty)
        {
            throw new ArgumentException("There must be at least one output.", nameof(ys));
        }

        LstmGuard.Length(targets.Length, ys.Length, nameof(targets));
        LstmGuard.OptionalLength(dLossDy.Length, ys.Length, nameof(dLossDy));
        LstmGuard.NoOverlap<T>(ys, dLossDy, nameof(dLossDy));
        LstmGuard.NoOverlap<T>(targets, dLossDy, nameof(dLossDy));
        double sum = 0;
        T scale = T.CreateChecked(2.0 / ys.Length);
        for (int i = 0; i < ys.Length; i++)
        {
            T error = ys[i] - targets[i];
            double value = double.CreateChecked(error);
            sum += value * value;
            if (!dLossDy.IsEmpty)
            {
                dLossDy[i] = scale * error;
            }
        }

        return T.CreateChecked(sum / ys.Length);
    }
}
