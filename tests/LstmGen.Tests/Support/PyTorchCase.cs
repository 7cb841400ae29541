using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LstmGen.Tests.Support;

/// <summary>One PyTorch reference case from TestData/pytorch (see its README), with values as doubles.</summary>
public sealed class PyTorchCase
{
    private PyTorchCase(string name, JsonElement root)
    {
        Name = name;
        InputWidth = root.GetProperty("inputWidth").GetInt32();
        StateWidth = root.GetProperty("stateWidth").GetInt32();
        Steps = root.GetProperty("steps").GetInt32();
        JsonElement torch = root.GetProperty("pytorch");
        WeightIh = Flat(torch.GetProperty("weight_ih"));
        WeightHh = Flat(torch.GetProperty("weight_hh"));
        BiasIh = Flat(torch.GetProperty("bias_ih"));
        BiasHh = Flat(torch.GetProperty("bias_hh"));
        JsonElement keras = root.GetProperty("keras");
        KerasKernel = Flat(keras.GetProperty("kernel"));
        KerasRecurrentKernel = Flat(keras.GetProperty("recurrent_kernel"));
        KerasBias = Flat(keras.GetProperty("bias"));
        JsonElement onnx = root.GetProperty("onnx");
        OnnxW = Flat(onnx.GetProperty("W"));
        OnnxR = Flat(onnx.GetProperty("R"));
        OnnxB = Flat(onnx.GetProperty("B"));
        H0 = Flat(root.GetProperty("h0"));
        C0 = Flat(root.GetProperty("c0"));
        X = Flat(root.GetProperty("x"));
        H = Flat(root.GetProperty("h"));
        C = Flat(root.GetProperty("c"));
        LossWeights = Flat(root.GetProperty("lossWeights"));
        LossValue = root.GetProperty("lossValue").GetDouble();
        JsonElement grad = root.GetProperty("grad");
        GradWeightIh = Flat(grad.GetProperty("weight_ih"));
        GradWeightHh = Flat(grad.GetProperty("weight_hh"));
        GradBias = Flat(grad.GetProperty("bias"));
        GradX = Flat(grad.GetProperty("x"));
        GradH0 = Flat(grad.GetProperty("h0"));
        GradC0 = Flat(grad.GetProperty("c0"));
    }

    public string Name { get; }

    public int InputWidth { get; }

    public int StateWidth { get; }

    public int Steps { get; }

    public double[] WeightIh { get; }

    public double[] WeightHh { get; }

    public double[] BiasIh { get; }

    public double[] BiasHh { get; }

    public double[] KerasKernel { get; }

    public double[] KerasRecurrentKernel { get; }

    public double[] KerasBias { get; }

    public double[] OnnxW { get; }

    public double[] OnnxR { get; }

    public double[] OnnxB { get; }

    public double[] H0 { get; }

    public double[] C0 { get; }

    public double[] X { get; }

    public double[] H { get; }

    public double[] C { get; }

    public double[] LossWeights { get; }

    public double LossValue { get; }

    public double[] GradWeightIh { get; }

    public double[] GradWeightHh { get; }

    public double[] GradBias { get; }

    public double[] GradX { get; }

    public double[] GradH0 { get; }

    public double[] GradC0 { get; }

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "pytorch");

    public static PyTorchCase Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));
        return new PyTorchCase(name, document.RootElement.Clone());
    }

    /// <summary>The parameters in LstmGen's canonical order: weight_ih, weight_hh, then bias_ih + bias_hh.</summary>
    public double[] CanonicalParameters() =>
        WeightIh.Concat(WeightHh).Concat(BiasIh.Zip(BiasHh, (a, b) => a + b)).ToArray();

    /// <summary>The gradients in canonical order (the bias gradient is shared by both PyTorch biases).</summary>
    public double[] CanonicalGradients() => GradWeightIh.Concat(GradWeightHh).Concat(GradBias).ToArray();

    public override string ToString() => Name;

    private static double[] Flat(JsonElement element)
    {
        var values = new List<double>();
        Collect(element, values);
        return values.ToArray();
    }

    private static void Collect(JsonElement element, List<double> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                Collect(item, values);
            }
        }
        else
        {
            values.Add(element.GetDouble());
        }
    }
}
