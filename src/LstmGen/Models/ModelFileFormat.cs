namespace LstmGen;

/// <summary>The model file formats LstmGen reads, at run time and at build time alike.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
enum ModelFileFormat
{
    /// <summary>
    /// The JSON of the Automated-GuitarAmpModelling / GuitarML tools:
    /// <c>{"model_data": {"unit_type": "LSTM", "input_size", "hidden_size", "output_size", "num_layers", "skip", …},
    /// "state_dict": {"rec.weight_ih_l0": [[…]], …, "lin.weight", "lin.bias"}}</c>. It stores the whole structure.
    /// </summary>
    GuitarMl = 0,

    /// <summary>
    /// A PyTorch <c>state_dict</c> as a JSON object of tensor names and nested arrays (RTNeural's <c>torch_helpers</c> style).
    /// It stores the layers in module order, but no activations and no residual path.
    /// </summary>
    StateDictJson = 1,

    /// <summary>
    /// RTNeural's JSON for a Keras model (<c>model_utils.save_model</c>): <c>{"in_shape": […], "layers": [{"type", "activation",
    /// "shape", "weights"}, …]}</c>. It stores the whole structure but no residual path.
    /// </summary>
    RtNeuralJson = 2,

    /// <summary>A PyTorch <c>state_dict</c> saved as safetensors. Like <see cref="StateDictJson"/>, but the tensors are sorted by name, not by module.</summary>
    SafeTensors = 3,
}
