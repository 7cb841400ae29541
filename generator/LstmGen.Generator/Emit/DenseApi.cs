using System.Collections.Generic;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>The public members of a dense layer's view in a generated model: sizes, parameters, gradients, import and export.</summary>
internal static class DenseApi
{
    private const string ArgumentDocs = "/// <exception cref=\"ArgumentException\">";

    public static IReadOnlyList<ApiMember> Members(DensePlan plan)
    {
        string count = Literals.Int(plan.ParameterCount);
        var members = new List<ApiMember>
        {
            ApiMember.Constant("InputWidth", "int", Literals.Int(plan.InputWidth), "/// <summary>The input width I.</summary>"),
            ApiMember.Constant("OutputWidth", "int", Literals.Int(plan.OutputWidth), "/// <summary>The output width O.</summary>"),
            ApiMember.Constant("ParameterCount", "int", count, "/// <summary>The number of parameters, O·(I + 1): W (O×I) and b (O).</summary>"),
            ApiMember.Constant(
                "Activation",
                "ActivationKind",
                "global::LstmGen.ActivationKind." + plan.Activation,
                "/// <summary>The activation applied to W·x + b.</summary>"),
        };
        if (!plan.IsBaked)
        {
            members.Add(ApiMember.Constant("DefaultInitRange", "double", Literals.Double(plan.DefaultInitRange), "/// <summary>PyTorch's default initialisation range for nn.Linear, 1/√I.</summary>"));
        }

        members.Add(ApiMember.Computed(
            "Layout",
            "DenseLayout",
            "new(InputWidth, OutputWidth)",
            "/// <summary>Gets the storage layout of <see cref=\"Parameters\"/>: it maps (output, input) to an index.</summary>"));
        if (plan.IsBaked)
        {
            members.Add(ApiMember.Property("Parameters", "ReadOnlySpan<T>", true, false, "/// <summary>Gets the baked parameters in storage order (see <see cref=\"Layout\"/>); static data shared by every instance.</summary>"));
        }
        else
        {
            members.Add(ApiMember.Property(
                "Parameters",
                "Span<T>",
                false,
                false,
                "/// <summary>Gets all parameters in storage order (see <see cref=\"Layout\"/>), for reading and writing.</summary>",
                "/// <remarks>A view of where the parameters are now: running the model can move them to keep them on a 64-byte boundary, so get it again after a run.</remarks>"));
            members.Add(ApiMember.Property(
                "Weights",
                "DenseWeights<T>",
                false,
                false,
                "/// <summary>Gets a view of the parameters: coordinate access, PyTorch (nn.Linear) and Keras (Dense) import and export.</summary>",
                "/// <remarks>Like <see cref=\"Parameters\"/>, a view of where the parameters are now.</remarks>"));
            members.Add(ApiMember.Method(
                "InitializeParameters",
                "void",
                new[] { new ApiParameter("ulong", "seed") },
                "/// <summary>Draws every parameter from U(−1/√I, 1/√I), PyTorch's default for nn.Linear, with a deterministic generator.</summary>",
                "/// <param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>"));
            members.Add(ApiMember.Method(
                "ImportParameters",
                "void",
                new[] { new ApiParameter("ReadOnlySpan<T>", "source") },
                "/// <summary>Replaces all parameters with values in canonical order: W (O×I, row-major, as nn.Linear's weight), then b (O).</summary>",
                $"/// <param name=\"source\">{count} values.</param>",
                ArgumentDocs + "<paramref name=\"source\"/> has the wrong length or overlaps the parameters; nothing changes.</exception>"));
        }

        members.Add(ApiMember.Method(
            "ExportParameters",
            "void",
            new[] { new ApiParameter("Span<T>", "destination") },
            "/// <summary>Copies all parameters out in canonical order: W (O×I, row-major), then b (O).</summary>",
            $"/// <param name=\"destination\">Receives {count} values.</param>",
            ArgumentDocs + "<paramref name=\"destination\"/> has the wrong length; nothing is written.</exception>"));
        if (plan.IsTraining)
        {
            members.Add(ApiMember.Property("Gradients", "Span<T>", false, false, "/// <summary>Gets the accumulated gradients, in the storage order of <see cref=\"Parameters\"/>.</summary>"));
            members.Add(ApiMember.Property(
                "GradientWeights",
                "DenseWeights<T>",
                false,
                false,
                "/// <summary>Gets a view of the gradients with coordinate access and export to the PyTorch and Keras layouts.</summary>"));
            members.Add(ApiMember.Method(
                "ExportGradients",
                "void",
                new[] { new ApiParameter("Span<T>", "destination") },
                "/// <summary>Copies the accumulated gradients out in canonical order: dW (O×I, row-major), then db (O).</summary>",
                $"/// <param name=\"destination\">Receives {count} values.</param>",
                ArgumentDocs + "<paramref name=\"destination\"/> has the wrong length; nothing is written.</exception>"));
            members.Add(ApiMember.Method("ZeroGradients", "void", new ApiParameter[0], "/// <summary>Sets this layer's accumulated gradients to zero.</summary>"));
        }

        return members;
    }
}
