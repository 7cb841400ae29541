using System;
using System.Numerics;
using LstmGen.CompilerServices;

namespace LstmGen;

/// <summary>
/// A writable view of a dense layer's parameters (or gradients): the storage plus the <see cref="DenseLayout"/> that gives
/// it meaning, with import from and export to PyTorch's <c>nn.Linear</c> and Keras' <c>Dense</c> layouts.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly ref struct DenseWeights<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Wraps storage laid out as <paramref name="layout"/> describes.</summary>
    /// <param name="storage">The values in storage order; exactly <see cref="DenseLayout.ParameterCount"/> elements.</param>
    /// <param name="layout">The layout.</param>
    /// <param name="values">Whether the storage holds parameters or gradients.</param>
    /// <exception cref="ArgumentException"><paramref name="storage"/> has the wrong length.</exception>
    public DenseWeights(Span<T> storage, DenseLayout layout, LstmValues values = LstmValues.Parameters)
    {
        LstmGuard.Length(storage.Length, layout.ParameterCount, nameof(storage), "O·(I+1)");
        Storage = storage;
        Layout = layout;
        Values = values;
    }

    /// <summary>Gets the values in storage order (see <see cref="DenseLayout"/>).</summary>
    public Span<T> Storage { get; }

    /// <summary>Gets the layout of <see cref="Storage"/>.</summary>
    public DenseLayout Layout { get; }

    /// <summary>Gets whether the view holds parameters or gradients.</summary>
    public LstmValues Values { get; }

    /// <summary>Gets weight W[o, i].</summary>
    /// <param name="output">The output, 0 ≤ o &lt; O.</param>
    /// <param name="input">The input, 0 ≤ i &lt; I.</param>
    public ref T this[int output, int input] => ref Storage[Layout.WeightIndex(output, input)];

    /// <summary>Gets bias b[o].</summary>
    /// <param name="output">The output, 0 ≤ o &lt; O.</param>
    public ref T Bias(int output) => ref Storage[Layout.BiasIndex(output)];

    /// <summary>Copies the values out in canonical order: W (O×I row-major), then b (O).</summary>
    /// <param name="destination">Receives O·(I+1) values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length; nothing is written.</exception>
    public void CopyToCanonical(Span<T> destination) => Layout.StorageToCanonical<T>(Storage, destination);

    /// <summary>Replaces the values with ones in canonical order: W (O×I row-major), then b (O).</summary>
    /// <param name="source">O·(I+1) values.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length; nothing changes.</exception>
    public void CopyFromCanonical(ReadOnlySpan<T> source) => Layout.CanonicalToStorage(source, Storage);

    /// <summary>Replaces the parameters with a PyTorch <c>nn.Linear</c>'s <c>weight</c> and <c>bias</c>.</summary>
    /// <param name="weight"><c>weight</c>: O × I, row-major.</param>
    /// <param name="bias"><c>bias</c>: O values, or empty for <c>bias=False</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps the storage; nothing changes.</exception>
    public void ImportPyTorch(ReadOnlySpan<T> weight, ReadOnlySpan<T> bias)
    {
        DenseLayout layout = Layout;
        LstmGuard.Length(weight.Length, layout.OutputWidth * layout.InputWidth, nameof(weight), "O·I");
        LstmGuard.OptionalLength(bias.Length, layout.OutputWidth, nameof(bias), "O");
        LstmGuard.NoOverlap<T>(Storage, weight, nameof(weight));
        LstmGuard.NoOverlap<T>(Storage, bias, nameof(bias));
        for (int o = 0; o < layout.OutputWidth; o++)
        {
            for (int i = 0; i < layout.InputWidth; i++)
            {
                Storage[layout.WeightIndex(o, i)] = weight[(o * layout.InputWidth) + i];
            }

            Storage[layout.BiasIndex(o)] = bias.IsEmpty ? T.Zero : bias[o];
        }
    }

    /// <summary>Copies the values out as a PyTorch <c>nn.Linear</c>'s <c>weight</c> (O × I, row-major) and <c>bias</c> (O).</summary>
    /// <param name="weight">Receives <c>weight</c>.</param>
    /// <param name="bias">Receives <c>bias</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps the storage; nothing is written.</exception>
    public void ExportPyTorch(Span<T> weight, Span<T> bias)
    {
        DenseLayout layout = Layout;
        LstmGuard.Length(weight.Length, layout.OutputWidth * layout.InputWidth, nameof(weight), "O·I");
        LstmGuard.Length(bias.Length, layout.OutputWidth, nameof(bias), "O");
        LstmGuard.NoOverlap<T>(Storage, weight, nameof(weight));
        LstmGuard.NoOverlap<T>(Storage, bias, nameof(bias));
        for (int o = 0; o < layout.OutputWidth; o++)
        {
            for (int i = 0; i < layout.InputWidth; i++)
            {
                weight[(o * layout.InputWidth) + i] = Storage[layout.WeightIndex(o, i)];
            }

            bias[o] = Storage[layout.BiasIndex(o)];
        }
    }

    /// <summary>Replaces the parameters with a Keras <c>Dense</c> layer's <c>kernel</c> (I × O, row-major) and <c>bias</c> (O).</summary>
    /// <param name="kernel"><c>kernel</c>: I × O, row-major; <c>kernel[i, o]</c> is W[o, i].</param>
    /// <param name="bias"><c>bias</c>: O values, or empty for <c>use_bias=False</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps the storage; nothing changes.</exception>
    public void ImportKeras(ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias)
    {
        DenseLayout layout = Layout;
        LstmGuard.Length(kernel.Length, layout.OutputWidth * layout.InputWidth, nameof(kernel), "I·O");
        LstmGuard.OptionalLength(bias.Length, layout.OutputWidth, nameof(bias), "O");
        LstmGuard.NoOverlap<T>(Storage, kernel, nameof(kernel));
        LstmGuard.NoOverlap<T>(Storage, bias, nameof(bias));
        for (int o = 0; o < layout.OutputWidth; o++)
        {
            for (int i = 0; i < layout.InputWidth; i++)
            {
                Storage[layout.WeightIndex(o, i)] = kernel[(i * layout.OutputWidth) + o];
            }

            Storage[layout.BiasIndex(o)] = bias.IsEmpty ? T.Zero : bias[o];
        }
    }

    /// <summary>Copies the values out as a Keras <c>Dense</c> layer's <c>kernel</c> (I × O, row-major) and <c>bias</c> (O).</summary>
    /// <param name="kernel">Receives <c>kernel</c>.</param>
    /// <param name="bias">Receives <c>bias</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or overlaps the storage; nothing is written.</exception>
    public void ExportKeras(Span<T> kernel, Span<T> bias)
    {
        DenseLayout layout = Layout;
        LstmGuard.Length(kernel.Length, layout.OutputWidth * layout.InputWidth, nameof(kernel), "I·O");
        LstmGuard.Length(bias.Length, layout.OutputWidth, nameof(bias), "O");
        LstmGuard.NoOverlap<T>(Storage, kernel, nameof(kernel));
        LstmGuard.NoOverlap<T>(Storage, bias, nameof(bias));
        for (int o = 0; o < layout.OutputWidth; o++)
        {
            for (int i = 0; i < layout.InputWidth; i++)
            {
                kernel[(i * layout.OutputWidth) + o] = Storage[layout.WeightIndex(o, i)];
            }

            bias[o] = Storage[layout.BiasIndex(o)];
        }
    }

    /// <summary>
    /// Draws every parameter from U(−<paramref name="range"/>, <paramref name="range"/>) with a deterministic generator, in
    /// canonical order; PyTorch's <c>nn.Linear</c> uses 1/√I.
    /// </summary>
    /// <param name="seed">The seed of the <see cref="LstmRandom"/> generator.</param>
    /// <param name="range">The half-width of the interval.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is negative or not finite; nothing changes.</exception>
    public void InitializeUniform(ulong seed, double range)
    {
        if (!(range >= 0) || double.IsInfinity(range))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "The range must be a finite, non-negative number.");
        }

        var random = new LstmRandom(seed);
        DenseLayout layout = Layout;
        for (int o = 0; o < layout.OutputWidth; o++)
        {
            for (int i = 0; i < layout.InputWidth; i++)
            {
                Storage[layout.WeightIndex(o, i)] = T.CreateChecked(random.NextSymmetric(range));
            }
        }

        for (int o = 0; o < layout.OutputWidth; o++)
        {
            Storage[layout.BiasIndex(o)] = T.CreateChecked(random.NextSymmetric(range));
        }
    }
}
