using System;
using System.Numerics;

namespace LstmGen;

/// <summary>
/// What every generated model offers, for code that runs or loads models of any size: an amp player that picks a model type
/// by the file the user opens, a tool that converts files, a test harness. Sizes and layers come from <see cref="Structure"/>.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmModel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the model's layers with their sizes, and its residual path.</summary>
    ModelStructure Structure { get; }

    /// <summary>
    /// Gets the number of independent sequences N that <see cref="Step(ReadOnlySpan{T}, Span{T})"/> and <see cref="Forward"/> run together: 1 for an
    /// ordinary model, the declared <c>Streams</c> otherwise (see <see cref="LstmModelAttribute.Streams"/>).
    /// </summary>
    int Streams { get; }

    /// <summary>Sets the state of every LSTM layer to zero, in every stream.</summary>
    void Reset();

    /// <summary>Sets one stream's state to zero in every LSTM layer; the other streams keep theirs. An ordinary model has stream 0 only.</summary>
    /// <param name="stream">The stream, from 0 to <see cref="Streams"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is not a stream of the model; nothing changes.</exception>
    void Reset(int stream);

    /// <summary>Runs one time step of the whole model, for every stream, and advances its state.</summary>
    /// <param name="x">The input; N·I elements, stream-major: stream s's inputs start at s·I (N = <see cref="Streams"/>).</param>
    /// <param name="y">Receives the output; N·O elements, stream-major, not overlapping <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; the state does not change.</exception>
    void Step(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>
    /// Runs one time step of the first <paramref name="streams"/> streams; the others keep their state and cost nothing. For an
    /// ordinary model, 1 is <see cref="Step(ReadOnlySpan{T}, Span{T})"/> and 0 does nothing.
    /// </summary>
    /// <param name="x">The inputs of the stepped streams; n·I elements, stream-major (n = <paramref name="streams"/>).</param>
    /// <param name="y">Receives their outputs; n·O elements, stream-major, not overlapping <paramref name="x"/>.</param>
    /// <param name="streams">How many streams to step, from 0 to <see cref="Streams"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="streams"/> is negative or above <see cref="Streams"/>; the state does not change.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or the two overlap; the state does not change.</exception>
    void Step(ReadOnlySpan<T> x, Span<T> y, int streams);

    /// <summary>Runs T steps of the whole model, for every stream, and advances its state.</summary>
    /// <param name="xs">The inputs, step after step; T·N·I elements, time-major: step t of stream s starts at (t·N + s)·I.</param>
    /// <param name="ys">Receives the outputs, laid out alike; T·N·O elements, not overlapping <paramref name="xs"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong or the spans overlap; nothing changes.</exception>
    void Forward(ReadOnlySpan<T> xs, Span<T> ys);

    /// <summary>Copies every parameter out in canonical order: each layer's in turn (see <see cref="Structure"/>).</summary>
    /// <param name="destination">Receives <see cref="ModelStructure.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length; nothing is written.</exception>
    void ExportParameters(Span<T> destination);
}

/// <summary>A generated model whose parameters can be written: every model except those with baked weights.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmMutableModel<T> : ILstmModel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Replaces every parameter with values in canonical order: each layer's in turn.</summary>
    /// <param name="source"><see cref="ModelStructure.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing changes.</exception>
    void ImportParameters(ReadOnlySpan<T> source);

    /// <summary>Draws every parameter as PyTorch initialises its layers (U(−1/√H, 1/√H) for an LSTM, U(−1/√I, 1/√I) for a dense layer), from a seed.</summary>
    /// <param name="seed">The seed; the same seed gives the same model on every machine.</param>
    void InitializeParameters(ulong seed);

    /// <summary>Replaces every parameter with a model file's, whatever its format (see <see cref="ModelFiles"/>).</summary>
    /// <param name="file">The whole file.</param>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed or holds another model; the message shows both. Nothing changes.</exception>
    void LoadWeights(ReadOnlySpan<byte> file);
}

/// <summary>A generated model declared with <c>MaxSteps</c>: back-propagation through every layer, SGD and clipping.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmTrainingModel<T> : ILstmMutableModel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the most steps one <c>Forward</c> records.</summary>
    int MaxSteps { get; }

    /// <summary>Gets the number of steps the last <c>Forward</c> recorded that <c>Backward</c> has not consumed yet.</summary>
    int RecordedSteps { get; }

    /// <summary>Back-propagates dLoss/dy through every layer of the recorded steps and adds every parameter's gradient, summed over the streams.</summary>
    /// <param name="dLossDy">dLoss/dy for every recorded step; T·N·O elements, laid out as <c>Forward</c>'s outputs.</param>
    /// <param name="dLossDx">Receives dLoss/dx for every step; T·N·I elements, laid out as <c>Forward</c>'s inputs, or empty when not needed.</param>
    /// <exception cref="InvalidOperationException">No steps are recorded.</exception>
    /// <exception cref="ArgumentException">A length is wrong or the spans overlap; nothing changes.</exception>
    void Backward(ReadOnlySpan<T> dLossDy, Span<T> dLossDx);

    /// <summary>Sets every accumulated gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>Copies every accumulated gradient out in canonical order, as <see cref="ILstmModel{T}.ExportParameters"/> lays the parameters out.</summary>
    /// <param name="destination">Receives <see cref="ModelStructure.ParameterCount"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length; nothing is written.</exception>
    void ExportGradients(Span<T> destination);

    /// <summary>Takes one plain gradient-descent step on every parameter: <c>W −= learningRate · dW</c>.</summary>
    /// <param name="learningRate">The learning rate: finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite; nothing changes.</exception>
    void ApplySgd(T learningRate);

    /// <summary>Scales every gradient so that the global L2 norm over the whole model is at most <paramref name="maxNorm"/>.</summary>
    /// <param name="maxNorm">The largest norm allowed: positive and finite.</param>
    /// <returns>The norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite; nothing changes.</exception>
    T ClipGradients(T maxNorm);
}

/// <summary>A training model declared with <c>Adam = true</c>.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILstmAdamModel<T> : ILstmTrainingModel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Takes one Adam step (as <c>torch.optim.Adam</c>) on every parameter of the model.</summary>
    /// <param name="learningRate">The learning rate: finite and not negative.</param>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator: positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range; nothing changes.</exception>
    void ApplyAdam(T learningRate, T beta1, T beta2, T epsilon);

    /// <summary>Clears every layer's Adam moments and step count.</summary>
    void ResetAdam();
}
