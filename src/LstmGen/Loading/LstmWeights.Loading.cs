using System;
using System.Runtime.InteropServices;
using LstmGen.Formats;

namespace LstmGen;

/// <content>Loading one layer from a model file.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>
    /// Replaces the parameters with one LSTM layer of a model file, whatever its format: a safetensors file or a JSON
    /// state_dict (GuitarML's included) by PyTorch's names <c>{prefix}weight_ih_l{layer}</c> (4H × I),
    /// <c>{prefix}weight_hh_l{layer}</c> (4H × H) and, unless the model was built with <c>bias=False</c>,
    /// <c>{prefix}bias_ih_l{layer}</c> and <c>{prefix}bias_hh_l{layer}</c> (4H each, summed; both or neither); an RTNeural (Keras) model by
    /// the index of its <c>lstm</c> entry in <c>layers</c>. Values are read as double and rounded to <typeparamref name="T"/>
    /// (F32, F16 and BF16 exactly); every one must be finite in <typeparamref name="T"/>. A model baked at build time from the
    /// same file holds the same bits: the generator reads files with this same code.
    /// </summary>
    /// <param name="file">The whole file, for example from <see cref="System.IO.File.ReadAllBytes(string)"/>.</param>
    /// <param name="prefix">The module path before PyTorch's names, with its trailing dot (<c>"lstm."</c>); empty for a bare <c>nn.LSTM</c>. Not used for RTNeural models.</param>
    /// <param name="layer">The <c>k</c> of <c>weight_ih_lk</c> (which layer of a stacked <c>nn.LSTM</c>), or the index in an RTNeural model's <c>layers</c>.</param>
    /// <exception cref="System.IO.InvalidDataException">
    /// The file is malformed (see <see cref="ModelFiles"/> for the rules), a tensor is missing (the message lists what the
    /// file has), has the wrong shape (the message gives both), an unsupported dtype or a value that is not finite; or the
    /// LSTM is bidirectional or uses projections. The file is read and checked before anything is written, so on an
    /// exception the parameters are unchanged.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative, or an RTNeural model has no lstm layer there.</exception>
    /// <exception cref="ArgumentException"><paramref name="file"/> overlaps <see cref="Storage"/>.</exception>
    public void Load(ReadOnlySpan<byte> file, string prefix = "", int layer = 0)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        CompilerServices.LstmGuard.NoOverlap(MemoryMarshal.AsBytes((ReadOnlySpan<T>)Storage), file, nameof(file));
        LayerTensors tensors = LstmLayerLookup.Find(file, prefix, layer, Layout.InputWidth, Layout.StateWidth);
        CopyFromCanonical(ModelParameters.Convert<T>(tensors.Canonical(typeof(T) == typeof(float))));
    }

    /// <summary>
    /// Replaces the parameters with one layer of a PyTorch <c>nn.LSTM</c> saved as safetensors, for example by
    /// <c>safetensors.torch.save_file(model.state_dict(), "model.safetensors")</c>; see <see cref="Load"/> for the names,
    /// the conversions and the exceptions.
    /// </summary>
    /// <param name="file">The whole file.</param>
    /// <param name="prefix">The module path before the tensor names, with its trailing dot; empty for a bare <c>nn.LSTM</c>.</param>
    /// <param name="layer">Which layer of a stacked <c>nn.LSTM</c>: the <c>k</c> in <c>weight_ih_lk</c>.</param>
    /// <exception cref="System.IO.InvalidDataException">The file is not safetensors, or see <see cref="Load"/>; the parameters are unchanged.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="file"/> overlaps <see cref="Storage"/>.</exception>
    public void LoadSafeTensors(ReadOnlySpan<byte> file, string prefix = "", int layer = 0)
    {
        if (!ModelFileReader.IsSafeTensors(file))
        {
            FormatError.Throw("The file is not safetensors: it starts like JSON text.");
        }

        Load(file, prefix, layer);
    }

    /// <summary>
    /// Replaces the parameters with an <c>lstm</c> layer of an RTNeural JSON model, the format RTNeural's
    /// <c>model_utils.save_model</c> writes for a Keras model: its <c>weights</c> are <c>[kernel (I × 4H),
    /// recurrent_kernel (H × 4H), bias (4H)]</c> in Keras' layout (see <see cref="ImportKeras"/>), and the shapes the file
    /// states are checked too. See <see cref="Load"/> for the conversions and the exceptions.
    /// </summary>
    /// <param name="utf8Json">The model file's UTF-8 bytes.</param>
    /// <param name="layerIndex">The layer's index in the model's <c>layers</c>, counting layers of every type (in <c>[dense, lstm, dense]</c> the LSTM is 1).</param>
    /// <exception cref="System.IO.InvalidDataException">The JSON is malformed or not an RTNeural model, or the layer does not fit; the parameters are unchanged.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layerIndex"/> is negative, past the last layer, or not an lstm layer (the message lists where they are).</exception>
    /// <exception cref="ArgumentException"><paramref name="utf8Json"/> overlaps <see cref="Storage"/>.</exception>
    public void LoadRtNeuralJson(ReadOnlySpan<byte> utf8Json, int layerIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layerIndex);
        if (JsonParser.Parse(utf8Json, "The RTNeural model") is not JsonObject root || !RtNeuralFile.Recognizes(root))
        {
            FormatError.Throw("The RTNeural model has no 'layers' array.");
        }

        Load(utf8Json, string.Empty, layerIndex);
    }
}
