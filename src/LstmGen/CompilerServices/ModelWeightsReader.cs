using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics;
using LstmGen.Formats;

namespace LstmGen.CompilerServices;

/// <summary>
/// Reads a model file for a generated model's <c>LoadWeights</c>: the file's layers are lined up with the model's (kinds,
/// widths, activations and residual path where the format records them), then each layer's parameters are put in
/// canonical order and rounded to the element type. The generator bakes files through the same readers.
/// </summary>
/// <remarks>For use by generated code: hidden from IntelliSense, and not an API to build on.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelWeightsReader
{
    /// <summary>Returns each layer's parameters in canonical order (empty for an activation layer), checked before anything is written.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="structure">The model's structure.</param>
    /// <param name="file">The whole file.</param>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed, holds another model, or holds a value that is not finite.</exception>
    public static T[][] Read<T>(ModelStructure structure, ReadOnlySpan<byte> file)
        where T : IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(structure);
        IReadOnlyList<LayerTensors> layers = ModelMatcher.Match(structure, ModelFileReader.Read(file));
        bool single = typeof(T) == typeof(float);
        var parameters = new T[layers.Count][];
        for (int k = 0; k < layers.Count; k++)
        {
            parameters[k] = ModelParameters.Convert<T>(layers[k].Canonical(single));
        }

        return parameters;
    }
}
