using System;
using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Generator.Tests.Support;

/// <summary>The declarations every snapshot and compile-clean test runs the generator on: one layer per scenario.</summary>
public static class Scenarios
{
    public static readonly IReadOnlyDictionary<string, string> All = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        // Foundation: sizes, type kinds and places a layer can live.
        ["Layer1x1"] = Layer("[LstmLayer(1, 1)] public partial class Layer1x1;"),
        ["Tutorial3x2"] = Layer("[LstmLayer(3, 2)] public partial class Tutorial3x2;"),
        ["Detector8x16"] = Layer("[LstmLayer(inputWidth: 8, stateWidth: 16)] public partial class Detector8x16;"),
        ["Odd5x7"] = Layer("[LstmLayer(5, 7)] public partial class Odd5x7;"),
        ["Struct4x8"] = Layer("[LstmLayer(4, 8)] public partial struct Struct4x8;"),
        ["GlobalNamespace2x4"] = "using LstmGen;\n\n[LstmLayer(2, 4)]\npublic partial class GlobalNamespace2x4;\n",
        ["FileScopedNamespace3x4"] = "using LstmGen;\n\nnamespace Demo.FileScoped;\n\n[LstmLayer(3, 4)]\npublic partial class FileScopedNamespace3x4;\n",
        ["Nested2x4"] = "using LstmGen;\n\nnamespace Demo.Nested\n{\n    public partial class Outer\n    {\n        internal partial record struct Middle\n        {\n            [LstmLayer(2, 4)]\n            public partial class Nested2x4;\n        }\n    }\n}\n",

        // Kernel strategies: input width 1, odd tails, pipelined tiles, row-blocked, exact activations, a large layer.
        ["InputWidthOne1x16"] = Layer("[LstmLayer(1, 16)] public partial class InputWidthOne1x16;"),
        ["OddTail3x33"] = Layer("[LstmLayer(3, 33)] public partial class OddTail3x33;"),
        ["RowBlocked16x64"] = Layer("[LstmLayer(16, 64)] public partial class RowBlocked16x64;"),
        ["Pipelined8x32"] = Layer("[LstmLayer(8, 32)] public partial class Pipelined8x32;"),
        ["PipelinedTraining1x32"] = Layer("[LstmLayer(1, 32, MaxSteps = 8)] public partial struct PipelinedTraining1x32;"),
        ["ForcedRowBlocked8x32"] = Layer("[LstmLayer(8, 32, Kernel = LstmKernel.RowBlocked)] public partial class ForcedRowBlocked8x32;"),
        ["ExactActivations4x8"] = Layer("[LstmLayer(4, 8, ExactActivations = true)] public partial class ExactActivations4x8;"),
        ["Large64x128"] = Layer("[LstmLayer(64, 128)] public partial class Large64x128;"),

        // Training and float64 layers.
        ["Training8x16"] = Layer("[LstmLayer(inputWidth: 8, stateWidth: 16, MaxSteps = 64)] public partial class Training8x16;"),
        ["TrainingAdamStruct4x8"] = Layer("[LstmLayer(4, 8, MaxSteps = 16, Adam = true)] public partial struct TrainingAdamStruct4x8;"),
        ["Double3x2"] = Layer("[LstmLayer(3, 2, MaxSteps = 8, ElementType = typeof(double))] public partial class Double3x2;"),
        ["DoubleInference5x7"] = Layer("[LstmLayer(5, 7, ElementType = typeof(double))] public partial class DoubleInference5x7;"),

        // Streams: stereo at a small size (column axpy, two sums per row), eight streams of a row-blocked struct layer, and a
        // training layer whose tape holds four sequences.
        ["StreamsStereo1x16"] = Layer("[LstmLayer(1, 16, Streams = 2)] public partial class StreamsStereo1x16;"),
        ["StreamsStruct16x64"] = Layer("[LstmLayer(16, 64, Streams = 8)] public partial struct StreamsStruct16x64;"),
        ["StreamsTraining8x16"] = Layer("[LstmLayer(8, 16, MaxSteps = 32, Streams = 4)] public partial class StreamsTraining8x16;"),

        // Whole models: the amp-capture shape, RTNeural's two test models, a PyTorch stack, a Keras stack of mixed widths.
        ["ModelAmp1x40"] = Layer("[LstmModel(inputWidth: 1, hiddenWidths: new[] { 40 }, outputWidth: 1, Residual = true)] public partial class ModelAmp1x40;"),
        ["ModelKerasStruct"] = Layer("[LstmModel(4)]\n[Dense(8, ActivationKind.Tanh)]\n[Lstm(8)]\n[Lstm(6)]\n[Activation(ActivationKind.Sigmoid)]\n[Dense(3)]\n[Dense(5, ActivationKind.ReLU)]\npublic partial struct ModelKerasStruct;"),
        ["ModelRtNeuralTorchTraining"] = Layer("[LstmModel(1, MaxSteps = 16)]\n[Lstm(8)]\n[Dense(8, ActivationKind.Tanh)]\n[Dense(8, ActivationKind.ReLU)]\n[Dense(1, ActivationKind.Sigmoid)]\npublic partial class ModelRtNeuralTorchTraining;"),
        ["ModelStackDoubleAdam"] = Layer("[LstmModel(3, new[] { 10, 10 }, 2, MaxSteps = 9, Adam = true, ElementType = typeof(double))] public partial class ModelStackDoubleAdam;"),
        ["ModelStreamsStereoAmp"] = Layer("[LstmModel(1, new[] { 20 }, 1, Residual = true, Streams = 2)] public partial class ModelStreamsStereoAmp;"),
        ["ModelStreamsKerasTraining"] = Layer("[LstmModel(3, MaxSteps = 6, Streams = 3, Residual = true, Adam = true)]\n[Dense(5, ActivationKind.Tanh)]\n[Lstm(6)]\n[Activation(ActivationKind.Sigmoid)]\n[Lstm(3)]\npublic partial struct ModelStreamsKerasTraining;"),
        ["ModelDenseFirstResidual"] = Layer("[LstmModel(3, MaxSteps = 4, Residual = true, ExactActivations = true)]\n[Dense(5, ActivationKind.Tanh)]\n[Lstm(3)]\npublic partial struct ModelDenseFirstResidual;"),
    };

    public static IEnumerable<object[]> Names => All.Keys.Select(name => new object[] { name });

    private static string Layer(string declaration) => $"using LstmGen;\n\nnamespace Demo;\n\n{declaration}\n";
}
