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
        if (IsSafeTensors(file))
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
        if (IsSafeTensors(file))
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
            : StateDictJson.Read(StateDictJson.Tensors(root));
    }

    /// <summary>
    /// The one rule, for every loader and for baking, that decides how a file is read: as safetensors when its 8-byte header
    /// length fits the file and a JSON object follows it, or when it does not start like JSON text; otherwise as JSON. A
    /// damaged safetensors file is so refused with the safetensors reader's reason, not a JSON parser's.
    /// </summary>
    public static bool IsSafeTensors(ReadOnlySpan<byte> file) => SafeTensorsModel.Recognizes(file) || !IsJsonText(file);

    /// <summary>
    /// Whether the bytes start like JSON text: after an optional byte order mark and whitespace, an object, an array or a
    /// string; or, after the byte order mark, eight printable characters (a safetensors header length written in eight
    /// printable bytes would be over 2 PB, so none is one). A file shorter than that is JSON only if it starts like it.
    /// </summary>
    private static bool IsJsonText(ReadOnlySpan<byte> file)
    {
        int start = file.Length >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF ? 3 : 0;
        int i = start;
        while (i < file.Length && file[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        if (i < file.Length && file[i] is (byte)'{' or (byte)'[' or (byte)'"')
        {
            return true;
        }

        if (file.Length - start < 8)
        {
            return false;
        }

        foreach (byte b in file.Slice(start, 8))
        {
            if (b is < 0x20 or > 0x7E && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
