using System;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// A generated layer declared with <c>MaxSteps</c>: it records a tape during <c>Forward</c> and back-propagates through time.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmTrainingLayer<T> : ILstmMutableLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the number of steps the tape can hold.</summary>
    int TapeCapacity { get; }

    /// <summary>Gets the number of steps the last <c>Forward</c> recorded and <c>Backward</c> has not consumed yet.</summary>
    int RecordedSteps { get; }

    /// <summary>Back-propagates through the recorded steps and adds the parameter gradients to the accumulated ones.</summary>
    /// <param name="dLossDh">dLoss/dh for every recorded step; T·H elements.</param>
    /// <param name="dLossDhFinal">dLoss/dh of the final state; H elements, or empty for zero.</param>
    /// <param name="dLossDcFinal">dLoss/dc of the final state; H elements, or empty for zero.</param>
    /// <param name="dLossDx">Receives dLoss/dx for every step; T·I elements, or empty when not needed.</param>
    /// <param name="dLossDh0">Receives dLoss/dh₀; H elements, or empty when not needed.</param>
    /// <param name="dLossDc0">Receives dLoss/dc₀; H elements, or empty when not needed.</param>
    void Backward(ReadOnlySpan<T> dLossDh, ReadOnlySpan<T> dLossDhFinal, ReadOnlySpan<T> dLossDcFinal, Span<T> dLossDx, Span<T> dLossDh0, Span<T> dLossDc0);

    /// <summary>Sets every accumulated gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>Copies the accumulated gradients out in canonical order (see <see cref="LstmParameterLayout"/>).</summary>
    /// <param name="destination">Receives 4H·(1+I+H) values.</param>
    void ExportGradients(Span<T> destination);

    /// <summary>Takes one plain gradient-descent step: every parameter <c>W −= learningRate · dW</c>.</summary>
    /// <param name="learningRate">The learning rate.</param>
    void ApplySgd(T learningRate);
}
