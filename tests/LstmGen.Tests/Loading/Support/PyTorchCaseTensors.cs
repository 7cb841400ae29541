using System.Collections.Generic;
using LstmGen.Tests.Support;

namespace LstmGen.Tests.Loading.Support;

/// <summary>The four nn.LSTM tensors of one layer, flattened row-major; from a fixture or made up for a test.</summary>
public sealed record PyTorchCaseTensors(int InputWidth, int StateWidth, IReadOnlyList<double> WeightIh, IReadOnlyList<double> WeightHh, IReadOnlyList<double> BiasIh, IReadOnlyList<double> BiasHh)
{
    public static PyTorchCaseTensors From(PyTorchCase fixture) =>
        new(fixture.InputWidth, fixture.StateWidth, fixture.WeightIh, fixture.WeightHh, fixture.BiasIh, fixture.BiasHh);

    /// <summary>Random tensors of the given sizes (U(−0.5, 0.5)), to stand for another layer of a stacked model.</summary>
    public static PyTorchCaseTensors Random(int inputWidth, int stateWidth, ulong seed)
    {
        int rows = 4 * stateWidth;
        return new(
            inputWidth,
            stateWidth,
            Numerics.RandomSymmetric(rows * inputWidth, 0.5, seed),
            Numerics.RandomSymmetric(rows * stateWidth, 0.5, seed + 1),
            Numerics.RandomSymmetric(rows, 0.5, seed + 2),
            Numerics.RandomSymmetric(rows, 0.5, seed + 3));
    }
}
