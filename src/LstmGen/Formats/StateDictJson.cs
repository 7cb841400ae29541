using System.Collections.Generic;
using System.Linq;

namespace LstmGen.Formats;

/// <summary>
/// Reads a PyTorch state_dict written as one JSON object of tensor names and nested arrays (RTNeural's <c>torch_helpers</c>
/// style, <c>json.dump(model.state_dict(), f, cls=EncodeTensor)</c>). Modules follow one another in the object's order,
/// which is PyTorch's module order; the file records no activations and no residual path. The object may stand alone or
/// be wrapped as <c>{"state_dict": {…}}</c>.
/// </summary>
internal static class StateDictJson
{
    public static ModelFileContent Read(JsonObject root)
    {
        List<StateDictLayers.Module> modules = StateDictLayers.Find(Entries(root), naturalOrder: false);
        return Content(ModelFileFormat.StateDictJson, modules);
    }

    /// <summary>
    /// The object that holds a JSON file's tensors: a GuitarML file's <c>state_dict</c>; the <c>state_dict</c> of a file that
    /// holds nothing else (<c>{"state_dict": {…}}</c>, a GuitarML file without its model_data); otherwise the file itself.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException"><c>state_dict</c> is not an object, or stands beside keys other than model_data.</exception>
    public static JsonObject Tensors(JsonObject root)
    {
        if (!root.TryGet("state_dict", out JsonNode node))
        {
            return root;
        }

        if (node is not JsonObject state)
        {
            FormatError.Throw($"The model file's state_dict is {node.Describe()}; it must be an object of tensors.");
            return null!;
        }

        if (!GuitarMlFile.Recognizes(root) && root.Members.Count != 1)
        {
            string others = string.Join(", ", root.Members.Where(m => m.Key != "state_dict").Take(8).Select(m => $"'{m.Key}'"));
            FormatError.Throw($"The model file has 'state_dict' beside {others} but no 'model_data': a GuitarML file holds model_data and state_dict, a wrapped state_dict nothing else.");
        }

        return state;
    }

    /// <summary>The tensors of a JSON state_dict, each read when its module asks for it.</summary>
    public static List<StateDictLayers.Entry> Entries(JsonObject state)
    {
        var entries = new List<StateDictLayers.Entry>();
        foreach (KeyValuePair<string, JsonNode> member in state.Members)
        {
            SourceTensor tensor = JsonTensor.Read(member.Value, member.Key);
            entries.Add(new StateDictLayers.Entry(member.Key, tensor.Shape, () => tensor));
        }

        return entries;
    }

    /// <summary>The content of a state_dict whose modules are known: their layers in order, no activations, no residual.</summary>
    public static ModelFileContent Content(ModelFileFormat format, List<StateDictLayers.Module> modules)
    {
        if (modules.Count == 0)
        {
            FormatError.Throw("The state_dict holds no tensors.");
        }

        List<LayerTensors> layers = modules.SelectMany(module => module.Layers).ToList();
        for (int k = 1; k < layers.Count; k++)
        {
            if (layers[k].Layer.InputWidth != layers[k - 1].Layer.OutputWidth)
            {
                FormatError.Throw($"The state_dict's {layers[k].Source} reads {layers[k].Layer.InputWidth} elements, but the layer before it, {layers[k - 1].Source}, writes {layers[k - 1].Layer.OutputWidth}: the modules do not chain in this order ({Describe(modules)}).");
            }
        }

        return new ModelFileContent(format, layers[0].Layer.InputWidth, layers, residualWidth: null, storesActivations: false);
    }

    /// <summary>Lists modules for messages: <c>LSTM 'rec' (2 layers), nn.Linear 'lin'</c>.</summary>
    public static string Describe(List<StateDictLayers.Module> modules) =>
        modules.Count == 0 ? "no modules" : string.Join(", ", modules.Select(m => m.IsLstm
            ? $"LSTM '{m.Display}' ({m.Layers.Count} layer{(m.Layers.Count == 1 ? string.Empty : "s")})"
            : $"nn.Linear '{m.Display}'"));
}
