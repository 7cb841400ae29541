extern alias runtime;

using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using CsCheck;
using LstmGen.Generator.Tests.Support;
using LstmGen.Testing;
using Xunit;
using RuntimeModel = runtime::LstmGen.ILstmModel<float>;
using RuntimeMutableModel = runtime::LstmGen.ILstmMutableModel<float>;

namespace LstmGen.Generator.Tests.Properties;

/// <summary>
/// Baked at build time and loaded at run time, a model file gives the same bits: random GuitarML files (random sizes, values
/// written in random styles, some exactly halfway between two floats) are baked by the generator and loaded by the
/// runtime into a model of the same layers, and every parameter is compared; damaged files (GuitarML JSON and
/// safetensors) are refused by both paths with the same message, or by neither.
/// </summary>
public sealed class BakedEqualsLoadedPropertyTests
{
    /// <summary>The assembly's model <c>Baked</c> exports exactly the bits <paramref name="loaded"/> holds.</summary>
    private static void AssertBakedHoldsLoadedBits(Assembly assembly, RuntimeMutableModel loaded)
    {
        var baked = (RuntimeModel)Activator.CreateInstance(assembly.GetType("Baked", throwOnError: true)!)!;
        float[] fromBaked = new float[baked.Structure.ParameterCount];
        float[] fromLoaded = new float[fromBaked.Length];
        baked.ExportParameters(fromBaked);
        loaded.ExportParameters(fromLoaded);
        Assert.Equal(fromLoaded.Select(BitConverter.SingleToInt32Bits), fromBaked.Select(BitConverter.SingleToInt32Bits));
    }

    private static readonly Gen<string> Value = Gen.Select(Gen.Double[-2, 2], Gen.Int[0, 3], (value, style) => style switch
    {
        0 => value.ToString("R", CultureInfo.InvariantCulture),
        1 => value.ToString("E12", CultureInfo.InvariantCulture),
        2 => ((float)value).ToString("R", CultureInfo.InvariantCulture),
        // Halfway between two floats: rounding must break the tie the same way on both paths.
        _ => ((double)(float)value + (Math.BitIncrement((double)(float)value) - (double)(float)value) * (1L << 28)).ToString("R", CultureInfo.InvariantCulture),
    });

    private static readonly Gen<(int I, int H, int O, int Layers, int Skip, string[] Values)> File =
        Gen.Select(Gen.Int[1, 2], Gen.Int[1, 10], Gen.Int[1, 2], Gen.Int[1, 2], Gen.Int[0, 1])
            .SelectMany(sizes => Value.Array[Count(sizes.Item1, sizes.Item2, sizes.Item3, sizes.Item4)]
                .Select(values => (sizes.Item1, sizes.Item2, sizes.Item3, sizes.Item4, sizes.Item3 == 1 ? sizes.Item5 : 0, values)));

    [Fact]
    public void A_baked_model_holds_the_bits_the_runtime_loads() =>
        File.Sample(
            file =>
            {
                byte[] bytes = GuitarMl(file.I, file.H, file.O, file.Layers, file.Skip, file.Values);
                const string Source = "using LstmGen;\n[LstmModel(Weights = \"m.json\")] public partial class Baked;\n[LstmModel(LayersFrom = \"m.json\")] public partial class Loaded;\n";
                GeneratorRun run = GeneratorHarness.Run(Source, additionalTexts: [FileAdditionalText.Create("m.json", bytes)]);
                Assert.Empty(run.GeneratorDiagnostics);
                Assembly assembly = EmittedAssembly.Load(run.Output);
                var loaded = (RuntimeMutableModel)Activator.CreateInstance(assembly.GetType("Loaded", throwOnError: true)!)!;
                loaded.LoadWeights(bytes);
                AssertBakedHoldsLoadedBits(assembly, loaded);
            },
            iter: PropertyRuns.Iterations(20),
            threads: 1,
            seed: PropertyRuns.Seed);

    /// <summary>Numbers a damaged file may hold instead of a weight.</summary>
    private static readonly string[] Numbers = { "1e39", "-1e39", "1e309", "1e-46", "-0.0", "NaN", "01", "1.", "123456789012345678901234567890" };

    /// <summary>
    /// A random file, GuitarML JSON or safetensors, damaged once: cut short, a byte changed, a number replaced, a key
    /// repeated, or (safetensors) the header length replaced.
    /// </summary>
    private static readonly Gen<((int I, int H, int O, int Layers, int Skip, string[] Values) File, byte[] Bytes)> Damaged =
        File.SelectMany(file => Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 255], Gen.Int[0, Numbers.Length - 1], Gen.Bool, (kind, where, value, number, safeTensors) =>
        {
            byte[] bytes = safeTensors
                ? SafeTensors(file.I, file.H, file.O, file.Layers, file.Values)
                : GuitarMl(file.I, file.H, file.O, file.Layers, file.Skip, file.Values);
            string text = Encoding.UTF8.GetString(bytes);
            int at = where % bytes.Length;
            byte[] damaged = kind switch
            {
                0 => bytes.AsSpan(0, at).ToArray(),
                1 => bytes.Select((b, index) => index == at ? (byte)(b ^ Math.Max(1, value)) : b).ToArray(),
                2 when !safeTensors => Encoding.UTF8.GetBytes(ReplaceNumber(text, at, Numbers[number])),
                3 when !safeTensors => Encoding.UTF8.GetBytes(RepeatKey(text, at)),
                _ when safeTensors => HeaderLength(bytes, where, value),
                _ => bytes.AsSpan(0, at).ToArray(),
            };
            return (file, damaged);
        }));

    /// <summary>
    /// Damaged files, baked and loaded into a model whose layers are declared: the generator refuses the file (LSTM011 or
    /// LSTM012) exactly when the runtime throws, with the runtime's message, and where both accept it they hold the same bits.
    /// </summary>
    [Fact]
    public void A_damaged_file_is_refused_by_both_paths_or_read_alike() =>
        Damaged.Sample(
            sample =>
            {
                ((int i, int h, int o, int layers, int skip, _), byte[] bytes) = sample;
                string sizes = $"{i}, new[] {{ {string.Join(", ", Enumerable.Repeat(h, layers))} }}, {o}{(skip == 1 ? ", Residual = true" : string.Empty)}";
                string source = $"using LstmGen;\n[LstmModel({sizes}, Weights = \"m.json\")] public partial class Baked;\n[LstmModel({sizes})] public partial class Loaded;\n";
                GeneratorRun run = GeneratorHarness.Run(source, additionalTexts: [FileAdditionalText.Create("m.json", bytes)]);
                Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is not ("LSTM011" or "LSTM012"));
                Assembly assembly = EmittedAssembly.Load(run.Output);
                var loaded = (RuntimeMutableModel)Activator.CreateInstance(assembly.GetType("Loaded", throwOnError: true)!)!;
                string? refusal = null;
                try
                {
                    loaded.LoadWeights(bytes);
                }
                catch (System.IO.InvalidDataException e)
                {
                    refusal = e.Message;
                }

                bool runtimeAccepts = refusal is null;
                Assert.Equal(runtimeAccepts, run.GeneratorDiagnostics.IsEmpty);
                if (refusal is not null)
                {
                    Assert.Contains(refusal.TrimEnd('.'), run.GeneratorDiagnostics.Single().GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                }

                if (runtimeAccepts)
                {
                    AssertBakedHoldsLoadedBits(assembly, loaded);
                }
            },
            iter: PropertyRuns.Iterations(30),
            threads: 1,
            seed: PropertyRuns.Seed);

    private static string ReplaceNumber(string text, int at, string number)
    {
        int start = text.IndexOfAny("-0123456789".ToCharArray(), at);
        if (start < 0)
        {
            return text;
        }

        int end = start;
        while (end < text.Length && "-+.eE0123456789".Contains(text[end], StringComparison.Ordinal))
        {
            end++;
        }

        return text[..start] + number + text[end..];
    }

    private static string RepeatKey(string text, int at)
    {
        int key = text.IndexOf('"', at);
        int colon = key < 0 ? -1 : text.IndexOf("\":", key + 1, StringComparison.Ordinal);
        return colon < 0 ? text : text.Insert(key, text.Substring(key, colon + 2 - key) + "0, ");
    }

    /// <summary>The same parameters as <see cref="GuitarMl"/> as a safetensors state_dict of F32 tensors, written by hand.</summary>
    private static byte[] SafeTensors(int i, int h, int o, int layers, string[] values)
    {
        var tensors = new System.Collections.Generic.List<(string Name, int[] Shape)>();
        for (int k = 0; k < layers; k++)
        {
            tensors.Add(($"rec.weight_ih_l{k}", [4 * h, k == 0 ? i : h]));
            tensors.Add(($"rec.weight_hh_l{k}", [4 * h, h]));
            tensors.Add(($"rec.bias_ih_l{k}", [4 * h]));
            tensors.Add(($"rec.bias_hh_l{k}", [4 * h]));
        }

        tensors.Add(("lin.weight", [o, h]));
        tensors.Add(("lin.bias", [o]));
        var header = new StringBuilder("{");
        var data = new System.Collections.Generic.List<byte>();
        int next = 0;
        foreach ((string name, int[] shape) in tensors)
        {
            int count = shape.Aggregate(1, (a, b) => a * b);
            int begin = data.Count;
            for (int n = 0; n < count; n++)
            {
                data.AddRange(BitConverter.GetBytes(float.Parse(values[next++], CultureInfo.InvariantCulture)));
            }

            header.Append(header.Length > 1 ? ", " : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"\"{name}\": {{\"dtype\": \"F32\", \"shape\": [{string.Join(", ", shape)}], \"data_offsets\": [{begin}, {data.Count}]}}");
        }

        byte[] json = Encoding.UTF8.GetBytes(header.Append('}').ToString().PadRight(((header.Length + 8) / 8) * 8));
        return BitConverter.GetBytes((ulong)json.Length).Concat(json).Concat(data).ToArray();
    }

    /// <summary>A safetensors file whose 8-byte header length is replaced: a little off, far too large, or one random byte.</summary>
    private static byte[] HeaderLength(byte[] bytes, int where, int value)
    {
        byte[] damaged = (byte[])bytes.Clone();
        ulong length = BitConverter.ToUInt64(bytes, 0);
        ulong replaced = (where % 3) switch
        {
            0 => length + (ulong)(value % 17) - 8,
            1 => 1UL << (20 + (value % 44)),
            _ => length ^ ((ulong)Math.Max(1, value) << (8 * (where % 8))),
        };
        BitConverter.GetBytes(replaced).CopyTo(damaged, 0);
        return damaged;
    }

    private static int Count(int i, int h, int o, int layers) => (4 * h * (i + h + 2)) + ((layers - 1) * 4 * h * (2 * h + 2)) + (o * h) + o;

    private static byte[] GuitarMl(int i, int h, int o, int layers, int skip, string[] values)
    {
        int next = 0;
        string Matrix(int rows, int columns) => "[" + string.Join(", ", Enumerable.Range(0, rows).Select(_ => Vector(columns))) + "]";
        string Vector(int count) => "[" + string.Join(", ", Enumerable.Range(0, count).Select(_ => values[next++])) + "]";
        var state = new StringBuilder();
        for (int k = 0; k < layers; k++)
        {
            state.Append($"\"rec.weight_ih_l{k}\": {Matrix(4 * h, k == 0 ? i : h)}, \"rec.weight_hh_l{k}\": {Matrix(4 * h, h)}, ");
            state.Append($"\"rec.bias_ih_l{k}\": {Vector(4 * h)}, \"rec.bias_hh_l{k}\": {Vector(4 * h)}, ");
        }

        state.Append($"\"lin.weight\": {Matrix(o, h)}, \"lin.bias\": {Vector(o)}");
        return Encoding.UTF8.GetBytes(
            $"{{\"model_data\": {{\"model\": \"SimpleRNN\", \"input_size\": {i}, \"skip\": {skip}, \"output_size\": {o}, \"unit_type\": \"LSTM\", \"num_layers\": {layers}, \"hidden_size\": {h}}}, \"state_dict\": {{{state}}}}}");
    }
}
