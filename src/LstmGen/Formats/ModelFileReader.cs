using System;

namespace LstmGen.Formats;

/// <summary>
/// Reads any supported model file into its <see cref="ModelFileContent"/>: safetensors by its header, JSON by its keys
/// (<c>model_data</c> and <c>state_dict</c>: GuitarML; <c>layers</c>: RTNeural; anything else: a state_dict). The run-time
/// loaders and the generator's baking call this same code.
/// </summary>
internal static class ModelFileReader
{
    /// <summary>
    /// Checks that a file is well-formed safetensors or JSON, without asking what it holds: the generator reports a malformed
    /// file (LSTM011) apart from one that holds the wrong model (LSTM012).
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The file is neither well-formed safetensors nor well-formed JSON.</exception>
    public static void CheckWellFormed(ReadOnlySpan<byte> file)
    {
        if (SafeTensorsModel.Recognizes(file) || (file.Length > 0 && file[0] != (byte)'{' && !IsJsonStart(file)))
        {
            _ = SafeTensorsFile.Parse(file);
        }
        else
        {
            _ = JsonParser.Parse(file, "The model file");
        }
    }

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

    /// <summary>Whether the bytes start like JSON text: optional byte order mark and whitespace, then a value.</summary>
    private static bool IsJsonStart(ReadOnlySpan<byte> file)
    {
        int i = file.Length >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF ? 3 : 0;
        while (i < file.Length && file[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i < file.Length && file[i] is (byte)'{' or (byte)'[' or (byte)'"';
    }
}
