using System;

namespace LstmGen;

/// <summary>
/// Asks the LstmGen source generator to turn a <c>partial</c> class or struct into a whole model: LSTM, dense and activation
/// layers chained in order, with an optional residual path, all with sizes fixed at compile time. It reads like PyTorch's
/// <c>nn.Sequential</c> and RTNeural's <c>ModelT</c>.
/// </summary>
/// <remarks>
/// <para>Three ways to say what the model is:</para>
/// <list type="bullet">
/// <item><description>
/// <c>[LstmModel(inputWidth, hiddenWidths, outputWidth)]</c>: LSTM layers of the given widths, then a linear read-out, the
/// amp-capture shape and PyTorch's <c>nn.LSTM(num_layers=…)</c> → <c>nn.Linear</c>; <see cref="Residual"/> adds x[0].
/// </description></item>
/// <item><description>
/// <c>[LstmModel(inputWidth)]</c> followed, on the same declaration, by one <see cref="LstmAttribute"/>,
/// <see cref="DenseAttribute"/> or <see cref="ActivationAttribute"/> per layer, in order: any sequence, Keras stacks of mixed
/// widths included.
/// </description></item>
/// <item><description>
/// <c>[LstmModel(Weights = "models/red.json")]</c> with no sizes at all: layers, sizes, activations and the residual path
/// are read from the file at build time (GuitarML and RTNeural files record them all; see <see cref="ModelFiles"/>).
/// </description></item>
/// </list>
/// <para>
/// The generated model offers <c>Step(x, y)</c> and <c>Forward(xs, ys)</c> for the whole network, <c>Reset()</c>, a view per
/// layer (<c>Lstm0</c>, <c>Dense1</c>, …) with the layer's own API, whole-model parameter import and export, file loading,
/// and with <see cref="MaxSteps"/> back-propagation through every layer, SGD and (with <see cref="Adam"/>) Adam. With
/// <see cref="Streams"/>, it runs several independent sequences at once.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class LstmModelAttribute : Attribute
{
    /// <summary>Declares a model whose layers and sizes come from <see cref="Weights"/> or <see cref="LayersFrom"/> at build time.</summary>
    public LstmModelAttribute()
    {
    }

    /// <summary>Declares a model of the given input width whose layers follow as attributes, in order.</summary>
    /// <param name="inputWidth">The elements of x per time step, I.</param>
    public LstmModelAttribute(int inputWidth) => InputWidth = inputWidth;

    /// <summary>Declares LSTM layers of the given widths followed by a linear read-out.</summary>
    /// <param name="inputWidth">The elements of x per time step, I.</param>
    /// <param name="hiddenWidths">The LSTM layers' widths, bottom first: <c>new[] { 40 }</c>, or <c>new[] { 20, 20 }</c> for a stack.</param>
    /// <param name="outputWidth">The read-out's width, O.</param>
    public LstmModelAttribute(int inputWidth, int[] hiddenWidths, int outputWidth)
    {
        InputWidth = inputWidth;
        HiddenWidths = hiddenWidths;
        OutputWidth = outputWidth;
    }

    /// <summary>Gets the stated input width, or 0 when the file gives it.</summary>
    public int InputWidth { get; }

    /// <summary>Gets the stated LSTM widths of the stack-and-read-out form, or null.</summary>
    public int[]? HiddenWidths { get; }

    /// <summary>Gets the stated read-out width of the stack-and-read-out form, or 0.</summary>
    public int OutputWidth { get; }

    /// <summary>
    /// Gets or sets whether x[0] is added to every output: <c>y = read-out(h) + x[0]</c>, the residual path of amp captures
    /// (GuitarML's <c>skip = 1</c>). A file that records its residual path must agree.
    /// </summary>
    public bool Residual { get; set; }

    /// <summary>
    /// Gets or sets the path (as listed in <c>AdditionalFiles</c>) of a model file whose weights are baked into read-only data
    /// at build time; without stated sizes the file gives the layers too. The file must fit the model (LSTM012 otherwise), and
    /// is read exactly as a model's <c>LoadWeights</c> reads it at run time. Paths are compared as for
    /// <see cref="LstmLayerAttribute.Weights"/>.
    /// </summary>
    public string? Weights { get; set; }

    /// <summary>
    /// Gets or sets the path of a model file that gives the layers and sizes at build time, while the weights stay writable
    /// (loaded at run time, or trained): for example to train a model shaped like a capture.
    /// </summary>
    public string? LayersFrom { get; set; }

    /// <summary>Gets or sets the element type: <c>typeof(float)</c> (the default) or <c>typeof(double)</c>.</summary>
    public Type? ElementType { get; set; }

    /// <summary>Gets or sets the length of the training tape; 0 (the default) makes an inference-only model.</summary>
    public int MaxSteps { get; set; }

    /// <summary>Gets or sets whether a training model also gets Adam. Requires <see cref="MaxSteps"/>.</summary>
    public bool Adam { get; set; }

    /// <summary>Gets or sets whether float models use the runtime library's exact <c>Exp</c> and <c>Tanh</c>.</summary>
    public bool ExactActivations { get; set; }

    /// <summary>
    /// Gets or sets how many independent sequences (streams) the model runs together through one set of weights: the two
    /// channels of a stereo signal through one amp capture, eight sensors through one detector, a mini-batch in training.
    /// 1 (the default) is an ordinary model.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A model with N ≥ 2 streams keeps the state of every LSTM layer per stream. Its <c>Step</c> takes N·I inputs and writes
    /// N·O outputs, stream-major: stream s's inputs are elements s·I to s·I + I − 1 and its outputs s·O to s·O + O − 1.
    /// <c>Forward</c> takes T steps of all streams, time-major: step t of stream s starts at (t·N + s)·I. A <c>Step</c>
    /// overload runs only the first k streams, and <c>Reset(stream)</c> clears one stream's state in every layer; each LSTM
    /// layer's view sets and copies the state of one stream or all.
    /// </para>
    /// <para>
    /// Every LSTM layer loads each weight once for a group of streams (see <see cref="LstmLayerAttribute.Streams"/>); dense and
    /// activation layers run stream by stream. Every stream's outputs are exactly the bits of an ordinary model with the same
    /// weights, state and inputs. Weights, files and parameter transfer are those of the ordinary model, whatever N is.
    /// </para>
    /// <para>
    /// With <see cref="MaxSteps"/>, <c>Forward</c> records up to MaxSteps steps of every stream, and <c>Backward</c> adds the
    /// gradients of all N sequences into the one gradient buffer of each layer: a mini-batch, equal to the sum of N
    /// single-stream backward passes up to the order of that sum. Between 1 and <see cref="LstmLayerAttribute.MaxStreams"/>;
    /// the buffers of all streams count toward the storage limit.
    /// </para>
    /// </remarks>
    public int Streams { get; set; } = 1;
}

/// <summary>One LSTM layer of a model declared with <c>[LstmModel(inputWidth)]</c>; layers follow the model attribute in order.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : Attribute
{
    /// <summary>Declares an LSTM layer whose input is the previous layer's output.</summary>
    /// <param name="hiddenWidth">The number of hidden units, H: the layer's output width.</param>
    public LstmAttribute(int hiddenWidth) => HiddenWidth = hiddenWidth;

    /// <summary>Gets the number of hidden units.</summary>
    public int HiddenWidth { get; }
}

/// <summary>One dense layer, <c>y = act(W·x + b)</c>, of a model declared with <c>[LstmModel(inputWidth)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a dense layer whose input is the previous layer's output.</summary>
    /// <param name="outputWidth">The number of outputs, O.</param>
    /// <param name="activation">The activation applied to W·x + b; identity by default.</param>
    public DenseAttribute(int outputWidth, ActivationKind activation = ActivationKind.Identity)
    {
        OutputWidth = outputWidth;
        Activation = activation;
    }

    /// <summary>Gets the number of outputs.</summary>
    public int OutputWidth { get; }

    /// <summary>Gets the activation.</summary>
    public ActivationKind Activation { get; }
}

/// <summary>One element-wise activation layer of a model declared with <c>[LstmModel(inputWidth)]</c>; it keeps the width.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute : Attribute
{
    /// <summary>Declares an activation layer.</summary>
    /// <param name="activation">The activation.</param>
    public ActivationAttribute(ActivationKind activation) => Activation = activation;

    /// <summary>Gets the activation.</summary>
    public ActivationKind Activation { get; }
}
