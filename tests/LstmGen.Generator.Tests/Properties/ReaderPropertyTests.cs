using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using LstmGen.Formats;
using LstmGen.Generator.Tests.Support;
using LstmGen.Testing;
using Xunit;

namespace LstmGen.Generator.Tests.Properties;

/// <summary>
/// Property tests of the shared readers (the same source the runtime loads files with), against independent references:
/// number text against .NET's correctly rounded <c>double.Parse</c>, and JSON acceptance against System.Text.Json in its
/// strict mode (no duplicate keys, no comments, no trailing commas, depth 64).
/// </summary>
public sealed class ReaderPropertyTests
{
    private static readonly Gen<string> Digits = Gen.Char["0123456789"].Array[1, 30].Select(chars => new string(chars));

    /// <summary>JSON number text: sign, integer part without leading zeros, optional fraction, optional exponent.</summary>
    private static readonly Gen<string> NumberText = Gen.Select(
        Gen.Bool,
        Digits.Select(d => d.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0"),
        Digits.Null(0.5),
        Gen.Int[-340, 340].Select(e => e.ToString(CultureInfo.InvariantCulture)).Null(0.5),
        (negative, integer, fraction, exponent) =>
            (negative ? "-" : string.Empty) + integer + (fraction is null ? string.Empty : "." + fraction) + (exponent is null ? string.Empty : "e" + exponent));

    [Fact]
    public void Number_text_converts_as_double_parse_does() =>
        NumberText.Sample(
            text =>
            {
                double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                double actual = DecimalText.ToDouble(Encoding.ASCII.GetBytes(text));
                return BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
                    || (expected == 0 && actual == 0 && double.IsNegative(expected) == double.IsNegative(actual));
            },
            iter: PropertyRuns.Iterations(20_000),
            seed: PropertyRuns.Seed);

    [Fact]
    public void Every_double_round_trips_through_its_shortest_text() =>
        Gen.Double.Where(double.IsFinite).Sample(
            value =>
            {
                string text = value.ToString("R", CultureInfo.InvariantCulture);
                return BitConverter.DoubleToInt64Bits(DecimalText.ToDouble(Encoding.ASCII.GetBytes(text))) == BitConverter.DoubleToInt64Bits(value);
            },
            iter: PropertyRuns.Iterations(20_000),
            seed: PropertyRuns.Seed);

    /// <summary>A valid document, then a few edits drawn from the characters that matter to JSON's grammar.</summary>
    private static readonly string[] Documents =
    {
        "{\"a\": [1, 2.5, -3e2], \"b\": {\"c\": \"x\\u00e9\", \"d\": [true, false, null]}}",
        "{\"model_data\": {\"hidden_size\": 8, \"skip\": 1}, \"state_dict\": {\"lin.bias\": [0.25], \"lin.weight\": [[1, 2], [3, 4]]}}",
        "[[[[0.1]]], {\"k\": \"v\"}, \"\\n\\t\\\"\", 1E-7, 0]",
    };

    private static readonly Gen<string> MutatedJson = Gen.Select(
        Gen.Int[0, 2].Select(index => Documents[index]),
        Gen.Select(Gen.Int[0, 200], Gen.Char["{}[],:\" 0123456789.eE-+tfnalsu\\x"], Gen.Int[0, 2]).Array[1, 4],
        (document, edits) =>
        {
            var text = new StringBuilder(document);
            foreach ((int position, char c, int kind) in edits)
            {
                int at = position % (text.Length + 1);
                switch (kind)
                {
                    case 0:
                        text.Insert(at, c);
                        break;
                    case 1 when at < text.Length:
                        text[at] = c;
                        break;
                    case 2 when at < text.Length:
                        text.Remove(at, 1);
                        break;
                }
            }

            return text.ToString();
        });

    [Fact]
    public void The_json_reader_accepts_exactly_what_strict_system_text_json_accepts() =>
        MutatedJson.Sample(
            text =>
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                bool ours = Accepts(() => JsonParser.Parse(utf8, "The document"));
                bool reference = Accepts(() =>
                {
                    using JsonDocument document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
                });
                return ours == reference;
            },
            iter: PropertyRuns.Iterations(20_000),
            seed: PropertyRuns.Seed);

    [Fact]
    public void Duplicate_keys_and_too_deep_documents_are_refused_as_strict_system_text_json_refuses_them()
    {
        foreach (string text in new[] { "{\"a\": 1, \"a\": 2}", "{\"a\": {\"b\": 1, \"b\": 1}}", new string('[', 65) + new string(']', 65), new string('[', 64) + new string(']', 64) })
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            bool reference = Accepts(() => JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 }).Dispose());
            Assert.Equal(reference, Accepts(() => JsonParser.Parse(utf8, "The document")));
        }
    }

    private static bool Accepts(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException)
        {
            return false;
        }
    }
}
