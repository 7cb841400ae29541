using System;

namespace LstmGen.Formats;

/// <summary>
/// Reads any supported model file into its <see cref="ModelFileContent"/>: safetensors by its header, JSON by its keys
/// (<c>model_data</c> and <c>state_dict</c>: GuitarML; <c>layers</c>: RTNeural; anything else: a state_dict). The run-time
/// loaders and the generator's baking call this same code.
/// </summary>
internal static class ModelFileReader
{
    /// <exception cref="System.IO.InvalidDataException">The file is not a model LstmGen reads; the message says what is wrong and where.</exception>
    public static ModelFileContent Read(ReadOnlySpan<byte> file)
    {
        if (SafeTensorsModel.Recognizes(file))
        {
            return SafeTensorsModel.Read(file);
        }

        if (JsonParser.Parse(file, "The model file") is not JsonObject root)
        {
            FormatError.Throw("The model file is neither safetensors nor a JSON object.");
            return null!;
        }

        return GuitarMlFile.Recognizes(root) ? GuitarMlFile.Read(root)
            : RtNeuralFile.Recognizes(root) ? RtNeuralFile.Read(root)
            : StateDictJson.Read(root);
    }
}
