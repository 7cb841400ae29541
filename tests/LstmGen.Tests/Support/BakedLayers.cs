using LstmGen;

// Layers whose weights the generator bakes in from the committed model TestData/models/lstm-I1-H8.safetensors (the
// PyTorch fixture I1-H8-T16 saved under the prefix "lstm."), and the same declarations without Weights, to load the
// same file at run time and compare.
namespace LstmGen.Tests.Baked
{
    [LstmLayer(1, 8, Weights = "TestData/models/lstm-I1-H8.safetensors", WeightsPrefix = "lstm.")] public partial class Baked1x8;
    [LstmLayer(1, 8, Weights = "TestData/models/lstm-I1-H8.safetensors", WeightsPrefix = "lstm.")] public partial struct BakedStruct1x8;
    [LstmLayer(1, 8, ElementType = typeof(double), Weights = "TestData/models/lstm-I1-H8.safetensors", WeightsPrefix = "lstm.", WeightsLayer = 0)]
    public partial class BakedDouble1x8;

    [LstmLayer(1, 8)] public partial class Runtime1x8;
    [LstmLayer(1, 8, ElementType = typeof(double))] public partial class RuntimeDouble1x8;
}
