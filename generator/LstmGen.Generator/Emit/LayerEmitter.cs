using System.Collections.Generic;
using System.Linq;
using LstmGen.Generator.Model;
using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the whole generated file for one layer: the user's partial type (documentation, one storage field, one-line
/// members that forward to it), then the implementation struct in <c>LstmGen.Generated</c>, written under plain
/// <c>using</c> directives that no user declaration can capture.
/// </summary>
internal static class LayerEmitter
{
    public static string Emit(LayerEmitInput input)
    {
        LayerSpec spec = input.Spec;
        LayerPlan plan = KernelPlanner.Plan(spec);
        var writer = new SourceWriter();
        var context = new EmitContext(plan, writer, input.Facts);
        FileHeader.Write(writer, "[LstmLayer]", spec.Target);

        string implType = $"global::LstmGen.Generated.{spec.Target.ImplName}";
        IReadOnlyList<ApiMember> members = LayerApi.Members(plan);
        // A streamed layer's Step and state take N streams, so it implements none of the single-sequence interfaces.
        bool interfaces = spec.Target.DeclaresInterfaces && !spec.IsStreamed;
        PartialEmitter.Write(
            writer,
            spec.Target,
            interfaces ? new[] { InterfaceOf(plan) } : new string[0],
            plan.Element.Name,
            () => DocsEmitter.EmitTypeDocs(plan, writer, spec.Target.DeclaresInterfaces),
            () => PartialEmitter.WriteMembers(writer, members, plan.Element.Name, LayerApi.StorageField, implType, spec.Target.IsValueType, interfaces, () =>
            {
                writer.Line("/// <summary>The layer's buffers and state; the code that runs them is generated in LstmGen.Generated.</summary>");
                writer.Line($"private {implType} {LayerApi.StorageField};");
                writer.Line();
            }));

        writer.Line();
        using (writer.OpenBlock("namespace LstmGen.Generated"))
        {
            FileHeader.WriteUsings(writer, plan.Paths.Any(path => path.DirectFma));
            new LayerImplEmitter(context).Emit(input.Baked);
        }

        return writer.ToString();
    }

    /// <summary>The most specific interface a layer implements.</summary>
    private static string InterfaceOf(LayerPlan plan) =>
        plan.Spec.Adam ? "ILstmAdamLayer<T>"
        : plan.IsTraining ? "ILstmTrainingLayer<T>"
        : plan.IsBaked ? "ILstmLayer<T>"
        : "ILstmMutableLayer<T>";
}
