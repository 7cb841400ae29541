using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// A generated layer declared with <c>MaxSteps</c>: <c>Forward</c> records a tape and <c>Backward</c> back-propagates through
/// time. Everything a training loop needs, for layers of any size.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmTrainingLayer<T> : ILstmMutableLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the most steps one <c>Forward</c> records: the tape's length.</summary>
    int MaxSteps { get; }

    /// <summary>Gets the number of steps the last <c>Forward</c> recorded and <c>Backward</c> has not consumed yet.</summary>
    int RecordedSteps { get; }

    /// <summary>Gets the accumulated gradients, in the storage order of the parameters.</summary>
    [UnscopedRef]
    Span<T> Gradients { get; }

    /// <summary>Gets a view of the gradients: coordinate access and export as frameworks hold gradients (see <see cref="LstmValues.Gradients"/>).</summary>
    [UnscopedRef]
    LstmWeights<T> GradientWeights { get; }

    /// <summary>Back-propagates through the recorded steps and adds the parameter gradients to the accumulated ones.</summary>
    /// <param name="dLossDh">dLoss/dh for every recorded step; T·H elements.</param>
    /// <param name="dLossDx">Receives dLoss/dx for every step; T·I elements, or empty when not needed.</param>
    /// <exception cref="InvalidOperationException">No steps are recorded.</exception>
    /// <exception cref="ArgumentException">A length is wrong or the spans overlap; nothing changes.</exception>
    void Backward(ReadOnlySpan<T> dLossDh, Span<T> dLossDx);

    /// <summary>Back-propagates through the recorded steps and adds the parameter gradients to the accumulated ones.</summary>
    /// <param name="dLossDh">dLoss/dh for every recorded step; T·H elements.</param>
    /// <param name="dLossDhFinal">dLoss/dh of the final state; H elements, or empty for zero.</param>
    /// <param name="dLossDcFinal">dLoss/dc of the final state; H elements, or empty for zero.</param>
    /// <param name="dLossDx">Receives dLoss/dx for every step; T·I elements, or empty when not needed.</param>
    /// <param name="dLossDh0">Receives dLoss/dh₀; H elements, or empty when not needed.</param>
    /// <param name="dLossDc0">Receives dLoss/dc₀; H elements, or empty when not needed.</param>
    /// <exception cref="InvalidOperationException">No steps are recorded.</exception>
    /// <exception cref="ArgumentException">A length is wrong or the spans overlap; nothing changes.</exception>
    void Backward(ReadOnlySpan<T> dLossDh, ReadOnlySpan<T> dLossDhFinal, ReadOnlySpan<T> dLossDcFinal, Span<T> dLossDx, Span<T> dLossDh0, Span<T> dLossDc0);

    /// <summary>Sets every accumulated gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>Copies the accumulated gradients out in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="destination">Receives 4H·(1+I+H) values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length; nothing is written.</exception>
    void ExportGradients(Span<T> destination);

    /// <summary>Takes one plain gradient-descent step: every parameter <c>W −= learningRate · dW</c>.</summary>
    /// <param name="learningRate">The learning rate: finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite; nothing changes.</exception>
    void ApplySgd(T learningRate);

    /// <summary>Scales the gradients down so that their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    /// <param name="maxNorm">The largest norm allowed: positive and finite.</param>
    /// <returns>The norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite; nothing changes.</exception>
    T ClipGradients(T maxNorm);
}

/// <summary>A training layer declared with <c>Adam = true</c>: it keeps Adam's moments and takes Adam steps.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmAdamLayer<T> : ILstmTrainingLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Takes one Adam step (as <c>torch.optim.Adam</c>) with the accumulated gradients.</summary>
    /// <param name="learningRate">The learning rate: finite and not negative.</param>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for stability: positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range; nothing changes.</exception>
    void ApplyAdam(T learningRate, T beta1, T beta2, T epsilon);

    /// <summary>Clears Adam's moments and step count, as for a fresh optimizer.</summary>
    void ResetAdam();
}
