using System;
using System.Collections.Generic;
using System.Linq;
using LstmGen.Tests.Training;

namespace LstmGen.Tests.Support;

/// <summary>The training layers by name, in float and in double.</summary>
public static class TrainingCatalog
{
    private static readonly Dictionary<string, Func<ILstmTrainingLayer<float>>> Singles = new()
    {
        [nameof(Train3x2)] = () => new Train3x2(),
        [nameof(Train1x8)] = () => new Train1x8(),
        [nameof(Train4x16)] = () => new Train4x16(),
        [nameof(Train5x7)] = () => new Train5x7(),
        [nameof(Train8x32)] = () => new Train8x32(),
        [nameof(Train16x64)] = () => new Train16x64(),
        [nameof(TrainBlocked8x32)] = () => new TrainBlocked8x32(),
        [nameof(TrainAxpy16x64)] = () => new TrainAxpy16x64(),
        [nameof(TrainExact4x16)] = () => new TrainExact4x16(),
        [nameof(SineLayer)] = () => new SineLayer(),
        [nameof(Adam8x32)] = () => new Adam8x32(),
    };

    private static readonly Dictionary<string, Func<ILstmTrainingLayer<double>>> Doubles = new()
    {
        [nameof(Double3x2)] = () => new Double3x2(),
        [nameof(Double1x8)] = () => new Double1x8(),
        [nameof(Double4x16)] = () => new Double4x16(),
        [nameof(Double5x7)] = () => new Double5x7(),
        [nameof(Double8x32)] = () => new Double8x32(),
        [nameof(Double16x64)] = () => new Double16x64(),
        [nameof(DoubleBlocked7x12)] = () => new DoubleBlocked7x12(),
        [nameof(DoubleStruct2x9)] = () => new DoubleStruct2x9(),
    };

    public static IEnumerable<object[]> SingleNames => Singles.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    public static IEnumerable<object[]> DoubleNames => Doubles.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    public static ILstmTrainingLayer<float> CreateSingle(string name) => Singles[name]();

    public static ILstmTrainingLayer<double> CreateDouble(string name) => Doubles[name]();

    /// <summary>Names of the float and the double layers of the given sizes whose tape holds at least <paramref name="steps"/>.</summary>
    public static (IEnumerable<string> Singles, IEnumerable<string> Doubles) WithSizes(int inputWidth, int stateWidth, int steps)
    {
        bool fits<T>(ILstmTrainingLayer<T> layer)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
            layer.ParameterLayout.InputWidth == inputWidth && layer.ParameterLayout.StateWidth == stateWidth && layer.MaxSteps >= steps;
        return (
            Singles.Where(s => fits(s.Value())).Select(s => s.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray(),
            Doubles.Where(d => fits(d.Value())).Select(d => d.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray());
    }
}
