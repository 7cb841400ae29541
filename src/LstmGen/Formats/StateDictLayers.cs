using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace LstmGen.Formats;

/// <summary>
/// Finds the layers in a PyTorch state_dict: every <c>nn.LSTM</c> module (its <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>,
/// <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> for k = 0, 1, …) and every <c>nn.Linear</c> module (<c>weight</c>, <c>bias</c>),
/// in module order. Any other tensor is an error: a model of LstmGen layers must use every parameter the file has.
/// </summary>
internal static class StateDictLayers
{
    private static readonly Regex LstmName = new(
        @"^(?<module>.*?)(?<tensor>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(?<layer>0|[1-9][0-9]{0,3})(?<reverse>_reverse)?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex LinearName = new(@"^(?<module>.*?)(?<tensor>weight|bias)$", RegexOptions.CultureInvariant);

    /// <summary>A tensor name with a way to read its shape now and its values later.</summary>
    public readonly struct Entry
    {
        public Entry(string name, IReadOnlyList<long> shape, Func<SourceTensor> read)
        {
            Name = name;
            Shape = shape;
            Read = read;
        }

        public string Name { get; }

        public IReadOnlyList<long> Shape { get; }

        public Func<SourceTensor> Read { get; }
    }

    /// <summary>A module of the state_dict: an nn.LSTM (with its layers) or an nn.Linear, and the tensors of each layer.</summary>
    public sealed class Module
    {
        public Module(string prefix, bool isLstm)
        {
            Prefix = prefix;
            IsLstm = isLstm;
        }

        public string Prefix { get; }

        public bool IsLstm { get; }

        public List<LayerTensors> Layers { get; } = new();

        /// <summary>The module's name as messages show it: <c>rec</c>, or "the unnamed module" for a bare nn.LSTM.</summary>
        public string Display => Prefix.Length == 0 ? "the unnamed module" : Prefix.TrimEnd('.');
    }

    /// <summary>Groups the entries into modules and reads their tensors, checking every shape.</summary>
    /// <param name="entries">The state_dict's tensors, in the file's order.</param>
    /// <param name="naturalOrder">Order modules by name (numbers compared as numbers) instead of by first appearance: safetensors sorts names.</param>
    /// <exception cref="System.IO.InvalidDataException">A tensor belongs to no supported module, a module is incomplete, or a shape is wrong.</exception>
    public static List<Module> Find(IReadOnlyList<Entry> entries, bool naturalOrder)
    {
        var lstm = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        var linear = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        var order = new List<(string Prefix, bool IsLstm)>();
        foreach (Entry entry in entries)
        {
            Match match = LstmName.Match(entry.Name);
            if (match.Success)
            {
                if (match.Groups["reverse"].Success)
                {
                    FormatError.Throw($"The state_dict has '{entry.Name}': the LSTM is bidirectional, which LstmGen layers are not.");
                }

                if (match.Groups["tensor"].Value == "weight_hr")
                {
                    FormatError.Throw($"The state_dict has '{entry.Name}': the LSTM uses projections (proj_size), which LstmGen layers do not support.");
                }

                Add(lstm, order, match.Groups["module"].Value, true, $"{match.Groups["tensor"].Value}_l{match.Groups["layer"].Value}", entry);
                continue;
            }

            match = LinearName.Match(entry.Name);
            if (match.Success && (entry.Shape.Count == 2 || (match.Groups["tensor"].Value == "bias" && entry.Shape.Count == 1)))
            {
                Add(linear, order, match.Groups["module"].Value, false, match.Groups["tensor"].Value, entry);
                continue;
            }

            FormatError.Throw($"The state_dict has '{entry.Name}' (shape {FormatError.Shape(entry.Shape)}), which is not a parameter of an nn.LSTM or nn.Linear; LstmGen models chain LSTM and dense layers and must use every tensor of the file.");
        }

        if (naturalOrder)
        {
            order = order.OrderBy(m => m.Prefix, NaturalComparer.Instance).ThenBy(m => m.IsLstm ? 0 : 1).ToList();
        }

        var modules = new List<Module>();
        foreach ((string prefix, bool isLstm) in order)
        {
            modules.Add(isLstm ? ReadLstm(prefix, lstm[prefix]) : ReadLinear(prefix, linear[prefix]));
        }

        return modules;
    }

    private static void Add(Dictionary<string, Dictionary<string, Entry>> modules, List<(string, bool)> order, string prefix, bool isLstm, string tensor, Entry entry)
    {
        if (!modules.TryGetValue(prefix, out Dictionary<string, Entry>? tensors))
        {
            tensors = new Dictionary<string, Entry>(StringComparer.Ordinal);
            modules.Add(prefix, tensors);
            order.Add((prefix, isLstm));
        }

        tensors[tensor] = entry;
    }

    private static Module ReadLstm(string prefix, Dictionary<string, Entry> tensors)
    {
        var module = new Module(prefix, true);
        int layers = tensors.Keys.Select(key => int.Parse(key.Substring(key.LastIndexOf('l') + 1), CultureInfo.InvariantCulture)).Max() + 1;
        int inputWidth = 0;
        for (int k = 0; k < layers; k++)
        {
            string suffix = "_l" + k.ToString(CultureInfo.InvariantCulture);
            string source = $"{module.Display} (nn.LSTM layer {k})";
            string Missing(string tensor) => $"The state_dict's LSTM {module.Display} has layers up to {layers - 1} but lacks '{prefix}{tensor}{suffix}'.";
            Entry weightIh = Required(tensors, "weight_ih" + suffix, Missing("weight_ih"));
            Entry weightHh = Required(tensors, "weight_hh" + suffix, Missing("weight_hh"));

            if (weightHh.Shape.Count != 2 || weightHh.Shape[0] % 4 != 0 || weightHh.Shape[0] == 0 || weightHh.Shape[1] * 4 != weightHh.Shape[0])
            {
                FormatError.Throw($"The tensor '{weightHh.Name}' has shape {FormatError.Shape(weightHh.Shape)}; an nn.LSTM's weight_hh is 4H × H.");
            }

            long h = weightHh.Shape[1];
            if (weightIh.Shape.Count != 2 || weightIh.Shape[0] != 4 * h || weightIh.Shape[1] < 1 || (k > 0 && weightIh.Shape[1] != inputWidth))
            {
                string expected = k == 0 ? $"[{4 * h}, I]" : $"[{4 * h}, {inputWidth}]";
                FormatError.Throw($"The tensor '{weightIh.Name}' has shape {FormatError.Shape(weightIh.Shape)} but {source} needs {expected} (4H × I, with the layer below's H as I).");
            }

            SourceTensor? biasIh = Bias(tensors, "bias_ih" + suffix, 4 * h);
            SourceTensor? biasHh = Bias(tensors, "bias_hh" + suffix, 4 * h);
            if ((biasIh is null) != (biasHh is null))
            {
                FormatError.Throw(HalfBiasPair(prefix, biasIh is null ? "bias_ih" + suffix : "bias_hh" + suffix, biasIh is null ? "bias_hh" + suffix : "bias_ih" + suffix));
            }

            int i = (int)weightIh.Shape[1];
            module.Layers.Add(LayerTensors.PyTorchLstm(i, (int)h, source, weightIh.Read(), weightHh.Read(), biasIh, biasHh));
            inputWidth = (int)h;
        }

        return module;
    }

    /// <summary>
    /// The message for an nn.LSTM layer with one bias of its pair: PyTorch saves both (bias=True) or neither (bias=False), so
    /// a lone bias means a damaged file, which must not load as a zero bias.
    /// </summary>
    public static string HalfBiasPair(string prefix, string missing, string present) =>
        $"The state_dict has '{prefix}{present}' but lacks '{prefix}{missing}'; an nn.LSTM saves both biases of a layer (bias=True) or neither (bias=False).";

    private static Entry Required(Dictionary<string, Entry> tensors, string key, string message)
    {
        if (!tensors.TryGetValue(key, out Entry entry))
        {
            FormatError.Throw(message);
        }

        return entry;
    }

    private static SourceTensor? Bias(Dictionary<string, Entry> tensors, string key, long length)
    {
        if (!tensors.TryGetValue(key, out Entry bias))
        {
            return null;
        }

        if (bias.Shape.Count != 1 || bias.Shape[0] != length)
        {
            FormatError.Throw($"The tensor '{bias.Name}' has shape {FormatError.Shape(bias.Shape)} but its layer needs [{length}].");
        }

        return bias.Read();
    }

    private static Module ReadLinear(string prefix, Dictionary<string, Entry> tensors)
    {
        var module = new Module(prefix, false);
        Entry weight = Required(tensors, "weight", $"The state_dict has '{prefix}bias' but no '{prefix}weight': {module.Display} is not an nn.Linear LstmGen can read.");

        if (weight.Shape[0] < 1 || weight.Shape[1] < 1 || weight.Shape[0] > int.MaxValue || weight.Shape[1] > int.MaxValue)
        {
            FormatError.Throw($"The tensor '{weight.Name}' has shape {FormatError.Shape(weight.Shape)}; an nn.Linear's weight is O × I with both at least 1.");
        }

        var layer = new ModelLayer(ModelLayerKind.Dense, (int)weight.Shape[1], (int)weight.Shape[0]);
        SourceTensor? bias = Bias(tensors, "bias", weight.Shape[0]);
        module.Layers.Add(LayerTensors.Dense(layer, $"{module.Display} (nn.Linear)", TensorLayout.PyTorch, weight.Read(), bias));
        return module;
    }

    /// <summary>Orders names so that numbers inside them compare as numbers: <c>layers.2</c> before <c>layers.10</c>.</summary>
    private sealed class NaturalComparer : IComparer<string>
    {
        public static readonly NaturalComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            x ??= string.Empty;
            y ??= string.Empty;
            int i = 0;
            int j = 0;
            while (i < x.Length && j < y.Length)
            {
                if (char.IsDigit(x[i]) && char.IsDigit(y[j]))
                {
                    int startX = i;
                    int startY = j;
                    while (i < x.Length && char.IsDigit(x[i]))
                    {
                        i++;
                    }

                    while (j < y.Length && char.IsDigit(y[j]))
                    {
                        j++;
                    }

                    string a = x.Substring(startX, i - startX).TrimStart('0');
                    string b = y.Substring(startY, j - startY).TrimStart('0');
                    int byLength = a.Length.CompareTo(b.Length);
                    int byDigits = byLength != 0 ? byLength : string.CompareOrdinal(a, b);
                    if (byDigits != 0)
                    {
                        return byDigits;
                    }

                    continue;
                }

                int byChar = x[i].CompareTo(y[j]);
                if (byChar != 0)
                {
                    return byChar;
                }

                i++;
                j++;
            }

            int byRest = (x.Length - i).CompareTo(y.Length - j);
            return byRest != 0 ? byRest : string.CompareOrdinal(x, y);
        }
    }
}
