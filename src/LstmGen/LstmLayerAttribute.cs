using System;

namespace LstmGen;

/// <summary>
/// Asks the LstmGen source generator to turn a <c>partial</c> class or struct into a single LSTM layer
/// whose sizes are compile-time constants.
/// </summary>
/// <remarks>
/// <para>
/// The generated part holds the parameters and the state in fixed-size <c>[InlineArray]</c> storage and offers
/// allocation-free <c>Step</c> (one time step) and <c>Forward</c> (a sequence) methods. Setting <see cref="MaxSteps"/>
/// adds a fixed-size tape and back-propagation through time; without it the layer carries nothing for training.
/// </para>
/// <para>
/// Widths are limited to <see cref="MaxWidth"/>, a layer's buffers to <see cref="MaxStorageBytes"/> bytes (the runtime loads
/// no type of 128 MiB or more), the tape to <see cref="MaxTapeSteps"/> steps and baked layers to
/// <see cref="MaxBakedParameterCount"/> parameters; larger layers are rejected at compile time (diagnostic <c>LSTM003</c>).
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class LstmLayerAttribute : Attribute
{
    /// <summary>The largest input or state width the generator accepts.</summary>
    public const int MaxWidth = LstmLimits.MaxWidth;

    /// <summary>
    /// The most bytes of buffers (parameters, state, gradients, tape, optimizer moments) one layer may hold: 120 MiB. The CLR
    /// refuses to load a type of 128 MiB or more.
    /// </summary>
    public const long MaxStorageBytes = LstmLimits.MaxStorageBytes;

    /// <summary>The largest value the generator accepts for <see cref="MaxSteps"/>.</summary>
    public const int MaxTapeSteps = LstmLimits.MaxTapeSteps;

    /// <summary>The largest value the generator accepts for <see cref="Streams"/>.</summary>
    public const int MaxStreams = LstmLimits.MaxStreams;

    /// <summary>The largest layer, in parameters, whose weights the generator bakes (larger ones load at run time).</summary>
    public const int MaxBakedParameterCount = LstmLimits.MaxBakedParameterCount;

    /// <summary>Declares an LSTM layer with the given input width <c>I</c> and state (hidden) width <c>H</c>.</summary>
    /// <param name="inputWidth">The number of inputs per time step, <c>I</c>; between 1 and <see cref="MaxWidth"/>.</param>
    /// <param name="stateWidth">The number of hidden units, <c>H</c>; between 1 and <see cref="MaxWidth"/>.</param>
    public LstmLayerAttribute(int inputWidth, int stateWidth)
    {
        InputWidth = inputWidth;
        StateWidth = stateWidth;
    }

    /// <summary>Gets the number of inputs per time step, <c>I</c>.</summary>
    public int InputWidth { get; }

    /// <summary>Gets the number of hidden units, <c>H</c>.</summary>
    public int StateWidth { get; }

    /// <summary>
    /// Gets or sets the length of the training tape. Zero (the default) makes an inference-only layer. A positive value
    /// enables training: <c>Forward</c> records up to this many steps and <c>Backward</c>, gradients and SGD are generated.
    /// </summary>
    public int MaxSteps { get; set; }

    /// <summary>
    /// Gets or sets the element type: <c>typeof(float)</c> (the default) or <c>typeof(double)</c>.
    /// Double layers always use exact activations and are meant for reference runs and gradient checks.
    /// </summary>
    public Type? ElementType { get; set; }

    /// <summary>
    /// Gets or sets whether a training layer also gets Adam: its two moment buffers and <c>ApplyAdam</c>.
    /// Requires <see cref="MaxSteps"/>.
    /// </summary>
    public bool Adam { get; set; }

    /// <summary>
    /// Gets or sets whether float layers use <see cref="MathF.Exp(float)"/> and <see cref="MathF.Tanh(float)"/>
    /// instead of the vectorised approximations in <see cref="CompilerServices.LstmMath"/>. Slower; for bit-for-bit comparisons
    /// with other <c>MathF</c> based code.
    /// </summary>
    public bool ExactActivations { get; set; }

    /// <summary>
    /// Gets or sets the path (as listed in the project's <c>AdditionalFiles</c>) of a model file whose weights are baked
    /// into the assembly's read-only data at build time: safetensors, a JSON state_dict or an RTNeural JSON model, read as
    /// <see cref="LstmWeights{T}.Load"/> reads it at run time. A baked layer cannot train and its parameters are read-only.
    /// </summary>
    /// <remarks>
    /// Paths are compared with '\' read as '/' and leading "./" and "../" parts dropped: the request names the file whose
    /// path equals it or ends with "/" and it. Case counts, unless no file matches with the same case (a project written on
    /// Windows builds the same on Linux). A path that names two files is an error (LSTM010).
    /// </remarks>
    public string? Weights { get; set; }

    /// <summary>
    /// Gets or sets the tensor-name prefix used with <see cref="Weights"/>, for example <c>"encoder.lstm."</c>.
    /// Empty by default.
    /// </summary>
    public string? WeightsPrefix { get; set; }

    /// <summary>
    /// Gets or sets the layer used with <see cref="Weights"/>: the <c>k</c> in <c>weight_ih_lk</c> of a stacked <c>nn.LSTM</c>,
    /// or the index in an RTNeural model's <c>layers</c>.
    /// </summary>
    public int WeightsLayer { get; set; }

    /// <summary>
    /// Gets or sets the kernel the generator emits. <see cref="LstmKernel.Auto"/> (the default) lets the generator choose
    /// by size; the others force a strategy, for measurements and tests.
    /// </summary>
    public LstmKernel Kernel { get; set; }

    /// <summary>
    /// Gets or sets the number of independent sequences N the layer steps together through one set of weights: the channels
    /// of a stereo signal, a board's sensors, a crowd of agents. One (the default) makes the ordinary single-sequence layer.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A layer with N ≥ 2 streams keeps N pairs (h, c) and its <c>Step</c> takes N·I inputs and writes N·H outputs,
    /// stream-major: stream s's inputs are elements s·I to s·I + I − 1. <c>Forward</c> takes T steps of all streams, time-major:
    /// step t of stream s starts at (t·N + s)·I. A <c>Step</c> overload runs only the first k streams, so streams that are
    /// silent cost nothing; per-stream <c>Reset</c>, <c>SetState</c> and <c>CopyStateTo</c> leave the other streams alone.
    /// </para>
    /// <para>
    /// The kernels load each weight once for a group of streams (as many as the registers hold sums for) instead of once per
    /// stream, and every stream gets exactly the bits a single-stream layer with the same weights would give. Between 1 and
    /// <see cref="MaxStreams"/>.
    /// </para>
    /// <para>
    /// With <see cref="MaxSteps"/>, the tape holds every stream's sequence (N·MaxSteps records) and <c>Backward</c> sums the
    /// gradients of all N sequences into the one gradient buffer: a mini-batch, equal to the sum of N single-stream backward
    /// passes up to the order of that sum. The layer implements none of the <c>ILstmLayer</c> interfaces, which describe one
    /// sequence.
    /// </para>
    /// </remarks>
    public int Streams { get; set; } = 1;
}
