using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the whole generated file for one model: the user's partial type (documentation, one storage field, one-line
/// members that forward to it, and a view type per layer with parameters), then the implementation struct in
/// <c>LstmGen.Generated</c>.
/// </summary>
internal static class ModelEmitter
{
    /// <summary>Members of a layer that only the model runs: its views leave them out.</summary>
    private static readonly HashSet<string> ModelOnly = new()
    {
        "Step", "Forward", "Backward", "ApplySgd", "ClipGradients", "ApplyAdam", "ResetAdam", "RecordedSteps", "MaxSteps", "TapeStepStride",
    };

    private static readonly Regex ModelOnlyCref = new("<see cref=\"(Step|Forward|Backward|MaxSteps)(\\([^\"]*\\))?\"/>", RegexOptions.CultureInvariant);

    public static string Emit(ModelEmitInput input)
    {
        var plan = new ModelPlan(input.Spec, input.Structure);
        ModelSpec spec = input.Spec;
        var writer = new SourceWriter();
        FileHeader.Write(writer, "[LstmModel]", spec.Target);
        string implType = $"global::LstmGen.Generated.{spec.Target.ImplName}";
        string element = plan.Element.Name;
        PartialEmitter.Write(
            writer,
            spec.Target,
            new[] { InterfaceOf(plan) },
            element,
            () => ModelDocsEmitter.EmitTypeDocs(plan, writer),
            () =>
            {
                PartialEmitter.WriteMembers(writer, ModelApi.Members(plan), element, ModelApi.StorageField, implType, spec.Target.IsValueType, declaresInterfaces: true, () =>
                {
                    writer.Line("/// <summary>The model's layers, buffers and state; the code that runs them is generated in LstmGen.Generated.</summary>");
                    writer.Line($"private {implType} {ModelApi.StorageField};");
                    writer.Line();
                });
                foreach (PartPlan part in plan.Parts.Where(part => part.HasView))
                {
                    WriteView(writer, plan, part, $"{implType}.{part.TypeName}");
                }
            });

        writer.Line();
        using (writer.OpenBlock("namespace LstmGen.Generated"))
        {
            bool x86 = plan.Parts.Any(part => part.Lstm is { } lstm && lstm.Paths.Any(path => path.DirectFma));
            FileHeader.WriteUsings(writer, x86);
            new ModelImplEmitter(plan, writer, input.Facts, input.Baked).Emit();
        }

        return writer.ToString();
    }

    /// <summary>Writes a layer's view: a ref struct over the layer inside the model, with the layer's own members.</summary>
    private static void WriteView(SourceWriter writer, ModelPlan plan, PartPlan part, string implType)
    {
        string element = plan.Element.Name;
        IReadOnlyList<ApiMember> members;
        if (part.Lstm is { } lstm)
        {
            DocsEmitter.EmitTypeDocs(lstm, writer, declaresInterfaces: true, viewOf: $"Layer {part.Index} of the model, {ModelApi.Xml(part.Layer.ToString())}");
            members = LayerApi.Members(lstm).Where(member => !member.IsExplicit && !ModelOnly.Contains(member.Name))
                .Select(member => member with { Docs = member.Docs.Select(line => ModelOnlyCref.Replace(line, "the model's <c>$1</c>")).ToArray() })
                .ToList();
        }
        else
        {
            DensePlan dense = part.Dense!;
            writer.Line("/// <summary>");
            writer.Line($"/// Layer {part.Index} of the model, {ModelApi.Xml(part.Layer.ToString())}: a view of the dense layer inside it, <c>y = act(W·x + b)</c>.");
            writer.Line("/// </summary>");
            writer.Line("/// <remarks>");
            writer.Line($"/// <para><b>Shapes:</b> x has {dense.InputWidth} element(s), y has {dense.OutputWidth}; W is {dense.OutputWidth}×{dense.InputWidth} and b has {dense.OutputWidth}: {dense.ParameterCount} parameters.</para>");
            writer.Line(dense.IsColumnMajor
                ? $"/// <para><b>Parameter storage</b> (<see cref=\"Parameters\"/>): column by column, [b | W]ᵀ: b[o] at o, W[o, i] at (1 + i)·{dense.OutputWidth} + o.</para>"
                : $"/// <para><b>Parameter storage</b> (<see cref=\"Parameters\"/>): row by row: b[o] at o·{dense.InputWidth + 1}, then W[o, i] at o·{dense.InputWidth + 1} + 1 + i.</para>");
            writer.Line("/// <para>Import and export use the canonical order of PyTorch's nn.Linear: W (O×I, row-major), then b.</para>");
            writer.Line("/// </remarks>");
            members = DenseApi.Members(dense);
        }

        using (writer.OpenBlock($"public readonly ref struct {part.ViewName}"))
        {
            PartialEmitter.WriteMembers(writer, members, element, "_layer", implType, isValueType: false, declaresInterfaces: false, () =>
            {
                writer.Line($"private readonly ref {implType} _layer;");
                writer.Line();
                writer.Line("/// <summary>Views the layer inside a model.</summary>");
                writer.Line("/// <param name=\"layer\">The layer.</param>");
                writer.Line($"internal {part.ViewName}(ref {implType} layer) => _layer = ref layer;");
                writer.Line();
            });
        }

        writer.Line();
    }

    /// <summary>The most specific interface a model implements.</summary>
    private static string InterfaceOf(ModelPlan plan) =>
        plan.Spec.Adam ? "ILstmAdamModel<T>"
        : plan.IsTraining ? "ILstmTrainingModel<T>"
        : plan.IsBaked ? "ILstmModel<T>"
        : "ILstmMutableModel<T>";
}
