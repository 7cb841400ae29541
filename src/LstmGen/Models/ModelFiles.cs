using System;
using System.Collections.Generic;
using LstmGen.Formats;

namespace LstmGen;

/// <summary>
/// Reads what a model file holds without loading it anywhere, so an app that lets its user pick a file (an amp player loading
/// a capture) can choose the generated model type that fits, or say which sizes it supports.
/// </summary>
/// <remarks>
/// <para>
/// Formats (<see cref="ModelFileFormat"/>): GuitarML / Automated-GuitarAmpModelling JSON, a PyTorch state_dict as JSON or
/// safetensors, and RTNeural's JSON for Keras models. JSON must be strict RFC 8259, with no key twice in one object; a
/// safetensors file must be as the reference reader (huggingface/safetensors) accepts it: no name twice, tensors that tile
/// the data section exactly in offset order (no overlap, no gap, nothing after the last), and a <c>__metadata__</c> that is a
/// map of strings. Every weight must be finite.
/// </para>
/// <para>
/// Generated models load files with the same readers (their <c>LoadWeights</c>), and the generator bakes files with them
/// too (the source is shared), so a file is accepted, or rejected with the same message, at build time and at run time.
/// </para>
/// </remarks>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
static partial class ModelFiles
{
    /// <summary>Reads a model file's structure: its layers with their sizes, and its residual path when the format records it.</summary>
    /// <param name="file">The whole file.</param>
    /// <returns>What the file says of the model, and what its format leaves out.</returns>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed or holds something LstmGen models cannot express; the message says what.</exception>
    public static ModelFileInfo ReadStructure(ReadOnlySpan<byte> file)
    {
        ModelFileContent content = ModelFileReader.Read(file);
        IReadOnlyList<KeyValuePair<string, string>> metadata = content.Format == ModelFileFormat.SafeTensors
            ? SafeTensorsFile.Parse(file).Metadata
            : Array.Empty<KeyValuePair<string, string>>();
        return new ModelFileInfo(content, metadata);
    }
}

/// <summary>What a model file holds: its format, its structure, and what the format does not record.</summary>
#if LSTMGEN_GENERATOR
internal
#else
public
#endif
sealed class ModelFileInfo
{
    private readonly ModelFileContent content;

    internal ModelFileInfo(ModelFileContent content, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        this.content = content;
        Metadata = metadata;
        Format = content.Format;
        Structure = content.Structure;
        StoresActivations = content.StoresActivations;
        StoresResidual = content.ResidualWidth is not null;
        Description = ModelMatcher.Describe(content);
    }

    /// <summary>Gets the file's format.</summary>
    public ModelFileFormat Format { get; }

    /// <summary>Gets the structure as the file describes it; activations it does not record read as identity, an unrecorded residual as none.</summary>
    public ModelStructure Structure { get; }

    /// <summary>Gets whether the format records the activations of dense layers (a state_dict does not: they have no parameters).</summary>
    public bool StoresActivations { get; }

    /// <summary>Gets whether the format records the residual path (only GuitarML's <c>skip</c> does).</summary>
    public bool StoresResidual { get; }

    /// <summary>Gets a safetensors file's <c>__metadata__</c> entries in file order (such as where the model came from); empty for other formats.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>Gets a one-line description for messages: <c>LSTM(1→40) → Dense(40→1) + x[0]</c>, noting what is not recorded.</summary>
    public string Description { get; }

    /// <summary>
    /// Gets whether the file loads into a model of <paramref name="model"/>'s structure: the answer <c>LoadWeights</c> gives,
    /// without loading. What the format does not record (a state_dict's activations, any residual path but GuitarML's) is
    /// taken from <paramref name="model"/>, so choose a model type with this rather than by comparing <see cref="Structure"/>:
    /// a safetensors file of an amp capture fits the capture's type although it records no residual path.
    /// </summary>
    /// <param name="model">A model type's structure, such as a generated model's static <c>Structure</c>.</param>
    /// <returns>Whether the file's layers, widths, and the activations and residual path it records agree with <paramref name="model"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public bool Fits(ModelStructure model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        return ModelMatcher.TryMatch(model, content, out _) is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
