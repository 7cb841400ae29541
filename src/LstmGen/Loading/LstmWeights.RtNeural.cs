using System;
using LstmGen.Loading;

namespace LstmGen;

/// <content>Loading from RTNeural JSON models.</content>
public readonly ref partial struct LstmWeights<T>
{
    /// <summary>
    /// Replaces the parameters with an <c>lstm</c> layer of an RTNeural JSON model, the format RTNeural's
    /// <c>model_utils.save_model</c> writes for a Keras model: a <c>layers</c> array whose <c>lstm</c> entries carry
    /// <c>weights: [kernel (I × 4H), recurrent_kernel (H × 4H), bias (4H)]</c> in Keras' layout (see
    /// <see cref="ImportKeras"/>). Where the file gives shapes, they are checked too: the layer's <c>shape</c> must end in
    /// H, and the shape before it (the model's <c>in_shape</c> for layer 0, else the previous layer's <c>shape</c>) in I.
    /// Numbers are read as double and rounded to <typeparamref name="T"/>.
    /// </summary>
    /// <param name="utf8Json">The model file's UTF-8 bytes.</param>
    /// <param name="layerIndex">
    /// The layer's index in the model's <c>layers</c> array, counting layers of every type (so in
    /// <c>[dense, lstm, dense]</c> the LSTM is layer 1); the layer there must be an <c>lstm</c> layer.
    /// </param>
    /// <exception cref="System.IO.InvalidDataException">
    /// The JSON is malformed or has no <c>layers</c>, or the layer's weights or shapes do not fit this layer (the message
    /// gives what it found and what the layer needs). The whole layer is read and checked before anything is written, so on
    /// an exception the parameters are unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="layerIndex"/> is negative, past the last layer, or names a layer that is not an <c>lstm</c> layer
    /// (the message lists where the LSTM layers are).
    /// </exception>
    public void LoadRtNeuralJson(ReadOnlySpan<byte> utf8Json, int layerIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layerIndex);
        (T[] kernel, T[] recurrentKernel, T[] bias) = RtNeuralLstmReader.Read<T>(utf8Json, layerIndex, Layout.InputWidth, Layout.StateWidth);
        ImportKeras(kernel, recurrentKernel, bias);
    }
}
