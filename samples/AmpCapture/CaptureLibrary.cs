using System;
using System.IO;
using System.Linq;
using LstmGen;

namespace AmpCapture;

/// <summary>
/// Chooses among the capture sizes this player was built with: an app that loads whatever capture its user picks reads the
/// file's structure first (<see cref="ModelFiles.ReadStructure"/>, which loads nothing), then creates the first generated
/// model type the file fits (<see cref="ModelFileInfo.Fits"/>, the answer <c>LoadWeights</c> would give, taking what the
/// format does not record from the type). A file that fits none gets a message listing the sizes the app supports.
/// </summary>
public static class CaptureLibrary
{
    /// <summary>The model types this player supports, as (structure, factory) pairs. Add a declared type here to support its size.</summary>
    private static readonly (ModelStructure Structure, Func<ILstmMutableModel<float>> Create)[] Supported =
    {
        (Capture8.Structure, () => new Capture8()),
        (Capture20.Structure, () => new Capture20()),
    };

    /// <summary>Gets the structures of the supported captures, for messages.</summary>
    public static string SupportedSizes => string.Join(" and ", Supported.Select(s => s.Structure.ToString()));

    /// <summary>Loads a capture file into the generated model of its size.</summary>
    /// <param name="file">The whole file: GuitarML JSON, or any format <see cref="ModelFiles"/> reads.</param>
    /// <returns>The model, with the file's weights and a silent state.</returns>
    /// <exception cref="InvalidDataException">The file is not a model file, or holds a model of a size this player does not support.</exception>
    public static ILstmModel<float> Load(byte[] file)
    {
        ModelFileInfo info = ModelFiles.ReadStructure(file);
        foreach ((ModelStructure structure, Func<ILstmMutableModel<float>> create) in Supported)
        {
            if (info.Fits(structure))
            {
                ILstmMutableModel<float> model = create();
                model.LoadWeights(file);
                return model;
            }
        }

        throw new InvalidDataException($"The capture holds {info.Description}; this player supports {SupportedSizes}.");
    }
}
