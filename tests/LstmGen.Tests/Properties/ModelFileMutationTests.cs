using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using LstmGen.Testing;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Properties;

/// <summary>
/// Model files of every format, damaged at random: cut short, bytes flipped, keys repeated, numbers replaced by ones that
/// overflow or are not finite. Whatever the damage, loading either succeeds or throws <see cref="InvalidDataException"/>,
/// never anything else; a failed load leaves the model's parameters exactly as they were, and a successful one holds what
/// an independent strict decoding of the same bytes gives (<see cref="IndependentStackDecoder"/>). Reading only the
/// structure (<see cref="ModelFiles.ReadStructure"/>) obeys the same rule.
/// </summary>
public sealed class ModelFileMutationTests
{
    private static readonly byte[][] Files = BuildFiles();

    private static byte[][] BuildFiles()
    {
        var model = new TorchStackModel();
        model.InitializeParameters(9);
        string folder = Path.Combine(AppContext.BaseDirectory, "TestData", "models");
        return new[]
        {
            ModelFiles.ToSafeTensors(model),
            ModelFiles.ToGuitarMlJson(model),
            File.ReadAllBytes(Path.Combine(folder, "stack-I3-H10-L2-O2.state_dict.json")),
            File.ReadAllBytes(Path.Combine(folder, "stack-I3-H10-L2-O2.rtneural.json")),
            File.ReadAllBytes(Path.Combine(folder, "stack-I3-H10-L2-O2.safetensors")),
        };
    }

    /// <summary>Numbers that must be refused or read exactly: beyond float and double range, tiny, long, negative zero.</summary>
    private static readonly string[] Numbers = { "1e39", "-1e39", "1e309", "1e-46", "4.9e-324", "0.30000000000000004441", "-0.0", "123456789012345678901234567890", "NaN", "Infinity", "1.", ".5", "01" };

    private static readonly Gen<byte[]> Damaged = Gen.Select(Gen.Int[0, Files.Length - 1], Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 255], Gen.Int[0, Numbers.Length - 1], (file, kind, where, value, number) =>
    {
        byte[] bytes = Files[file];
        int at = where % bytes.Length;
        switch (kind)
        {
            case 0:
                return bytes.AsSpan(0, at).ToArray();
            case 1:
            {
                byte[] flipped = (byte[])bytes.Clone();
                flipped[at] ^= (byte)Math.Max(1, value);
                return flipped;
            }

            case 2 when bytes[0] == (byte)'{':
            {
                // Repeat the first key that starts at or after the chosen place, with its value.
                string text = Encoding.UTF8.GetString(bytes);
                int key = text.IndexOf("\"", at, StringComparison.Ordinal);
                int colon = key < 0 ? -1 : text.IndexOf("\":", key + 1, StringComparison.Ordinal);
                return colon < 0 ? bytes : Encoding.UTF8.GetBytes(text.Insert(key, text.Substring(key, colon + 2 - key) + "0, "));
            }

            case 3 when bytes[0] == (byte)'{':
            {
                // Replace the number at or after the chosen place.
                string text = Encoding.UTF8.GetString(bytes);
                int start = text.IndexOfAny("-0123456789".ToCharArray(), at);
                if (start < 0)
                {
                    return bytes;
                }

                int end = start;
                while (end < text.Length && "-+.eE0123456789".Contains(text[end], StringComparison.Ordinal))
                {
                    end++;
                }

                return Encoding.UTF8.GetBytes(text[..start] + Numbers[number] + text[end..]);
            }

            default:
            {
                byte[] grown = new byte[bytes.Length + 1];
                bytes.AsSpan(0, at).CopyTo(grown);
                grown[at] = (byte)value;
                bytes.AsSpan(at).CopyTo(grown.AsSpan(at + 1));
                return grown;
            }
        }
    });

    [Fact]
    public void A_damaged_file_loads_or_is_refused_cleanly_and_a_refusal_changes_nothing()
    {
        var model = new TorchStackModel();
        model.InitializeParameters(4);
        float[] before = new float[TorchStackModel.ParameterCount];
        float[] after = new float[TorchStackModel.ParameterCount];
        int refused = 0;
        int loaded = 0;
        Damaged.Sample(
            file =>
            {
                model.ExportParameters(before);
                try
                {
                    model.LoadWeights(file);
                    loaded++;
                    model.ExportParameters(after);

                    // Accepted: the result must be what an independent strict decoding of the same bytes gives.
                    float[] expected = IndependentStackDecoder.Decode(file);
                    Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
                }
                catch (InvalidDataException)
                {
                    refused++;
                    model.ExportParameters(after);
                    Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
                }

                try
                {
                    _ = ModelFiles.ReadStructure(file);
                }
                catch (InvalidDataException)
                {
                }
            },
            iter: PropertyRuns.Iterations(2_000),
            threads: 1,
            seed: PropertyRuns.Seed);
        Assert.True(refused > 0 && loaded > 0, $"{refused} refused, {loaded} loaded");
    }
}
