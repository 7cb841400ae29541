using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LstmGen.Tests.Baked;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Support;
using LstmGen.Tests.Training;

namespace LstmGen.Tests.Loading.Support;

/// <summary>Returns a layer's writable <see cref="LstmWeights{T}"/> view (the interfaces do not expose it).</summary>
public delegate LstmWeights<T> WeightsOf<T>(ILstmMutableLayer<T> layer)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>A layer class the loading tests run on, and how to reach its weights view.</summary>
public sealed record ModelSubject<T>(string Name, Func<ILstmMutableLayer<T>> Create, WeightsOf<T> Weights)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>
/// Float and double layers of every PyTorch case size: the generator's own choice of kernel, the other kernel forced
/// (another storage order), exact activations, and float64.
/// </summary>
public static class ModelSubjects
{
    public static readonly IReadOnlyList<ModelSubject<float>> Singles =
    [
        Single<Torch3x2>(l => l.Weights), Single<Torch1x8>(l => l.Weights), Single<Torch4x16>(l => l.Weights),
        Single<Torch5x7>(l => l.Weights), Single<Torch8x32>(l => l.Weights), Single<Torch16x64>(l => l.Weights),
        Single<Blocked4x16>(l => l.Weights), Single<Blocked8x32>(l => l.Weights), Single<Axpy16x64>(l => l.Weights),
        Single<Exact3x2>(l => l.Weights), Single<Exact1x8>(l => l.Weights), Single<Exact5x7>(l => l.Weights),
        Single<Exact16x64>(l => l.Weights), Single<Runtime1x8>(l => l.Weights),
    ];

    public static readonly IReadOnlyList<ModelSubject<double>> Doubles =
    [
        Double<Double3x2>(l => l.Weights), Double<Double1x8>(l => l.Weights), Double<Double4x16>(l => l.Weights),
        Double<Double5x7>(l => l.Weights), Double<Double8x32>(l => l.Weights), Double<Double16x64>(l => l.Weights),
        Double<DoubleBlocked7x12>(l => l.Weights), Double<RuntimeDouble1x8>(l => l.Weights),
    ];

    public static ModelSubject<float> Single(string name) => Singles.Single(s => s.Name == name);

    public static ModelSubject<double> Double(string name) => Doubles.Single(s => s.Name == name);

    /// <summary>(case, subject) pairs whose sizes match, float subjects first.</summary>
    public static IEnumerable<object[]> PyTorchCasePairs(bool single)
    {
        foreach (string caseName in PyTorchCase.Names)
        {
            PyTorchCase fixture = PyTorchCase.Load(caseName);
            IEnumerable<string> names = single
                ? Singles.Where(s => Fits(s.Create().ParameterLayout, fixture)).Select(s => s.Name)
                : Doubles.Where(s => Fits(s.Create().ParameterLayout, fixture)).Select(s => s.Name);
            foreach (string name in names)
            {
                yield return new object[] { caseName, name };
            }
        }
    }

    private static bool Fits(LstmParameterLayout layout, PyTorchCase fixture) =>
        layout.InputWidth == fixture.InputWidth && layout.StateWidth == fixture.StateWidth;

    private static ModelSubject<float> Single<TLayer>(Func<TLayer, LstmWeights<float>> weights)
        where TLayer : class, ILstmMutableLayer<float>, new() =>
        new(typeof(TLayer).Name, () => new TLayer(), layer => weights((TLayer)layer));

    private static ModelSubject<double> Double<TLayer>(Func<TLayer, LstmWeights<double>> weights)
        where TLayer : class, ILstmMutableLayer<double>, new() =>
        new(typeof(TLayer).Name, () => new TLayer(), layer => weights((TLayer)layer));
}
