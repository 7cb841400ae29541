using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LstmGen.Tests.Support;

/// <summary>
/// One whole-model case from TestData/pytorch-models (see its README): a GuitarML model file computed by PyTorch in float64,
/// with its inputs, outputs, loss weights and the gradient of every state_dict tensor.
/// </summary>
public sealed class ModelFixture
{
    private ModelFixture(string name, JsonElement expected)
    {
        Name = name;
        ModelPath = Path.Combine(Folder, name + ".json");
        X = Flat(expected.GetProperty("x"));
        Y = Flat(expected.GetProperty("y"));
        LossWeights = Flat(expected.GetProperty("lossWeights"));
        LossValue = expected.GetProperty("lossValue").GetDouble();
        Gradients = expected.GetProperty("grad").EnumerateObject().ToDictionary(p => p.Name, p => Flat(p.Value), StringComparer.Ordinal);
    }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "pytorch-models");

    public string Name { get; }

    public string ModelPath { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double[] LossWeights { get; }

    public double LossValue { get; }

    /// <summary>dLoss/d of every state_dict tensor by name, and of <c>x</c>.</summary>
    public IReadOnlyDictionary<string, double[]> Gradients { get; }

    /// <summary>The names of every case in the folder.</summary>
    public static IEnumerable<string> Names => Directory.GetFiles(Folder, "*.json")
        .Where(path => !path.EndsWith(".expected.json", StringComparison.Ordinal))
        .Select(path => Path.GetFileNameWithoutExtension(path)!)
        .Order(StringComparer.Ordinal);

    public static ModelFixture Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".expected.json")));
        return new ModelFixture(name, document.RootElement.Clone());
    }

    /// <summary>The generated type the test project declares for the case (see WriteFixtureModels in the project file).</summary>
    public static Type TypeOf(string name, string variant)
    {
        string typeName = "LstmGen.Tests.Fixtures." + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')) + "_" + variant;
        return typeof(ModelFixture).Assembly.GetType(typeName, throwOnError: false)
            ?? throw new InvalidOperationException($"{typeName} was not generated: rebuild the test project, which declares a model type for every case.");
    }

    /// <summary>The gradient of one tensor, found by the end of its name (<c>weight_ih_l1</c>, <c>lin.bias</c>).</summary>
    public double[] Gradient(string suffix) =>
        Gradients.Single(pair => pair.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;

    private static double[] Flat(JsonElement element)
    {
        var values = new List<double>();
        void Add(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Add(item);
                }
            }
            else
            {
                values.Add(e.GetDouble());
            }
        }

        Add(element);
        return values.ToArray();
    }
}
