using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using LstmGen.Tests.Layers;
using LstmGen.Tests.Training;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// Memory: inference layers carry parameters and state only, training layers add gradients, tape and optimizer moments,
/// and the generated StorageBytes constant is what the runtime really lays out.
/// </summary>
public sealed class StorageTests
{
    [Fact]
    public void Inference_layers_have_no_training_members()
    {
        string[] trainingMembers = { "Backward", "Gradients", "GradientWeights", "ZeroGradients", "ApplySgd", "ApplyAdam", "ClipGradients", "RecordedSteps", "MaxSteps" };
        foreach (Type type in new[] { typeof(Torch8x32), typeof(Struct8x16), typeof(Random64x128) })
        {
            string[] names = type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Select(m => m.Name).ToArray();
            Assert.DoesNotContain(names, trainingMembers.Contains);
            Assert.DoesNotContain(Implementation(type).GetFields(BindingFlags.NonPublic | BindingFlags.Instance), f => f.Name.Contains("tape", StringComparison.OrdinalIgnoreCase) || f.Name.Contains("gradient", StringComparison.OrdinalIgnoreCase));
            Assert.False(typeof(ILstmTrainingLayer<float>).IsAssignableFrom(type));
        }

        Assert.Null(Implementation(typeof(Train8x32)).GetField("adamFirstMoment", BindingFlags.NonPublic | BindingFlags.Instance));
        Assert.NotNull(Implementation(typeof(Adam8x32)).GetField("adamFirstMoment", BindingFlags.NonPublic | BindingFlags.Instance));
    }

    /// <summary>The generated implementation struct a layer holds in its one storage field.</summary>
    private static Type Implementation(Type layer) => layer.GetField("__lstm", BindingFlags.NonPublic | BindingFlags.Instance)!.FieldType;

    [Fact]
    public void Storage_bytes_are_parameters_and_state_for_inference()
    {
        // Parameters with 15 spare floats (so they can start on a 64-byte boundary) and the int that says where they start;
        // h twice (read one copy, write the other) and c, one 16-float slot each, with 15 spare floats and the int that says
        // where they start; and the int that says which h is current.
        Assert.Equal(Struct8x16.StorageBytes, (4 * (Struct8x16.ParameterCount + 15 + (3 * 16) + 15)) + 12);
        Assert.Equal(Struct8x16.StorageBytes, Unsafe.SizeOf<Struct8x16>());
        Assert.Equal(Random64x128.StorageBytes, (4 * ((4 * 128 * (1 + 64 + 128)) + 15 + (3 * 128) + 15)) + 12);
    }

    [Fact]
    public void Storage_bytes_of_training_layers_add_gradients_tape_and_moments()
    {
        // Training adds gradients, the tape (MaxSteps · (I + 7H)) and the recorded-step counter; Adam two moments and a counter.
        int parameters = 4 * 32 * (1 + 8 + 32);
        // The parameters' alignment slack (64 bytes less one element) and its offset are there as for inference.
        Assert.Equal(Train8x32.StorageBytes, (4 * ((2 * parameters) + 15 + (64 * (8 + (7 * 32))) + (3 * 32) + 15)) + 16);
        Assert.Equal(Adam8x32.StorageBytes, (4 * ((4 * parameters) + 15 + (32 * (8 + (7 * 32))) + (3 * 32) + 15)) + 20);
        Assert.Equal(Double3x2.StorageBytes, (8 * ((2 * 48) + 7 + (8 * (3 + 14)) + (3 * 8) + 7)) + 16);
    }

    /// <summary>The memory tables of the README and of docs/publish-to-a-device.md, row by row, against the generated constants.</summary>
    [Fact]
    public void The_documented_memory_tables_are_the_generated_figures()
    {
        string readme = Documentation("README.md");
        AssertRow(readme, "8×16 float", Struct8x16.StorageBytes, Memory.Train8x16.StorageBytes, Memory.Adam8x16.StorageBytes);
        AssertRow(readme, "64×128 float", Random64x128.StorageBytes, Memory.Train64x128.StorageBytes, Memory.Adam64x128.StorageBytes);

        // The baked instance holds the state only: h twice and c in 16-float slots, 15 spare floats, two counters.
        string publish = Documentation(System.IO.Path.Combine("docs", "publish-to-a-device.md"));
        AssertRow(publish, "1×16 (the device sample)", Memory.Infer1x16.StorageBytes, Memory.Train1x16.StorageBytes, Memory.Baked1x16.StorageBytes);
        AssertRow(publish, "8×16", Struct8x16.StorageBytes, Memory.Train8x16.StorageBytes, Memory.Baked1x16.StorageBytes);
        AssertRow(publish, "64×128", Random64x128.StorageBytes, Memory.Train64x128.StorageBytes, ((3 * 128) + 15) * 4 + 8);
        Assert.Contains($"an instance holds {Memory.Baked1x16.StorageBytes} bytes of state", publish, StringComparison.Ordinal);

        // A struct's size is its storage, to the byte (counters may pad to the struct's alignment).
        Assert.Equal(Struct8x16.StorageBytes, Unsafe.SizeOf<Struct8x16>());
        Assert.InRange(Unsafe.SizeOf<Memory.Train8x16>(), Memory.Train8x16.StorageBytes, Memory.Train8x16.StorageBytes + 4);
        Assert.InRange(Unsafe.SizeOf<Memory.Adam8x16>(), Memory.Adam8x16.StorageBytes, Memory.Adam8x16.StorageBytes + 4);
    }

    private static string Documentation(string relativePath)
    {
        string folder = AppContext.BaseDirectory;
        while (!System.IO.File.Exists(System.IO.Path.Combine(folder, "LstmGen.sln")))
        {
            folder = System.IO.Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return System.IO.File.ReadAllText(System.IO.Path.Combine(folder, relativePath));
    }

    /// <summary>Asserts that a table row starting with <paramref name="label"/> gives these byte counts, in order.</summary>
    private static void AssertRow(string document, string label, params int[] bytes)
    {
        string row = document.Split('\n').Single(line => line.StartsWith($"| {label} |", StringComparison.Ordinal));
        int[] documented = System.Text.RegularExpressions.Regex.Matches(row, @"([0-9][0-9,]*) B\b")
            .Select(match => int.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))
            .Take(bytes.Length)
            .ToArray();
        Assert.Equal(bytes, documented);
    }

    [Theory]
    [InlineData(typeof(Torch8x32))]
    [InlineData(typeof(Random64x128))]
    [InlineData(typeof(Train8x32))]
    [InlineData(typeof(Adam8x32))]
    [InlineData(typeof(Memory.Adam64x128))]
    public void A_class_layer_allocates_its_storage_bytes_plus_the_object_header(Type type)
    {
        int storage = (int)type.GetField("StorageBytes")!.GetValue(null)!;
        Activator.CreateInstance(type);
        long before = GC.GetAllocatedBytesForCurrentThread();
        object layer = Activator.CreateInstance(type)!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(layer);
        Assert.InRange(allocated, storage, storage + 24);
    }
}
