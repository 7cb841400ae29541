using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>
/// Calls every dense kernel path of the test models' dense layers (512-, 256-, 128-bit and scalar; paths the hardware lacks
/// run in software emulation): each matches a double-precision reference, and the accelerated paths give the scalar path's
/// bits, row-major dot products (eight partial sums added pairwise) and column-major layers (with an overlapping last
/// vector) alike.
/// </summary>
public sealed class DenseKernelPathTests
{
    private delegate void DenseKernel(ref float weights, ref float x, ref float y);

    public static IEnumerable<object[]> DenseLayers() =>
        new[] { typeof(AmpKnobModel), typeof(KerasRtNeuralModel), typeof(TorchRtNeuralModel), typeof(TorchStackModel), typeof(MixedKerasModel), typeof(DenseFirstModel) }
            .SelectMany(model => Implementation(model).GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
                .Where(part => part.Name.StartsWith("Dense", StringComparison.Ordinal))
                .Select(part => new object[] { model.Name, part.Name }));

    [Theory]
    [MemberData(nameof(DenseLayers))]
    public void Every_dense_path_matches_the_reference_and_accelerated_paths_the_scalar_bits(string modelName, string partName)
    {
        Type model = typeof(DenseKernelPathTests).Assembly.GetTypes().Single(t => t.Name == modelName && t.Namespace == "LstmGen.Tests.Support");
        Type part = Implementation(model).GetNestedType(partName, BindingFlags.NonPublic | BindingFlags.Public)!;
        int inputWidth = (int)part.GetField("InputWidth", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        int outputWidth = (int)part.GetField("OutputWidth", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        var layout = new DenseLayout(inputWidth, outputWidth);
        float[] canonical = Numerics.ToSingle(Numerics.RandomSymmetric(layout.ParameterCount, 1 / Math.Sqrt(inputWidth), 31));
        float[] x = Numerics.ToSingle(Numerics.RandomSymmetric(inputWidth, 2.0, 32));
        var storage = new float[layout.ParameterCount];
        layout.CanonicalToStorage<float>(canonical, storage);
        ActivationKind activation = Enum.Parse<ActivationKind>(ActivationOf(model, partName));

        Dictionary<string, DenseKernel> kernels = part.GetNestedType("Kernels", BindingFlags.NonPublic)!
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(m => m.Name, m => m.CreateDelegate<DenseKernel>());
        Assert.Contains("DenseScalar", kernels.Keys);
        float[] scalar = Run(kernels["DenseScalar"], storage, x, outputWidth);
        double[] reference = Reference(canonical, x, inputWidth, outputWidth, activation);
        foreach ((string name, DenseKernel kernel) in kernels)
        {
            float[] y = Run(kernel, storage, x, outputWidth);
            Numerics.AssertClose(reference, y, 1e-5, $"{modelName}.{partName} {name}");
            if (Accelerated(name))
            {
                Assert.True(scalar.AsSpan().SequenceEqual(y), $"{modelName}.{partName} {name} differs from the scalar path");
            }
        }
    }

    private static string ActivationOf(Type model, string partName)
    {
        var structure = (ModelStructure)model.GetProperty("Structure", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return structure.Layers[int.Parse(partName["Dense".Length..^"Part".Length], System.Globalization.CultureInfo.InvariantCulture)].Activation.ToString();
    }

    private static Type Implementation(Type model) => model.GetField("__model", BindingFlags.NonPublic | BindingFlags.Instance)!.FieldType;

    private static float[] Run(DenseKernel kernel, float[] storage, float[] x, int outputWidth)
    {
        float[] y = new float[outputWidth];
        kernel(ref storage[0], ref x[0], ref y[0]);
        return y;
    }

    private static double[] Reference(float[] canonical, float[] x, int inputWidth, int outputWidth, ActivationKind activation)
    {
        var y = new double[outputWidth];
        for (int o = 0; o < outputWidth; o++)
        {
            double z = canonical[(outputWidth * inputWidth) + o];
            for (int i = 0; i < inputWidth; i++)
            {
                z += (double)canonical[(o * inputWidth) + i] * x[i];
            }

            y[o] = activation switch
            {
                ActivationKind.Tanh => Math.Tanh(z),
                ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-z)),
                ActivationKind.ReLU => Math.Max(z, 0),
                _ => z,
            };
        }

        return y;
    }

    private static bool Accelerated(string kernel) => kernel switch
    {
        "DenseVector512" => Vector512.IsHardwareAccelerated,
        "DenseVector256" => Vector256.IsHardwareAccelerated,
        "DenseVector128" => Vector128.IsHardwareAccelerated,
        _ => true,
    };
}
