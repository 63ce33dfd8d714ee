using System.Text;
using EnergyLogger.Core.Json;
using Xunit;

namespace EnergyLogger.Core.Tests.Json;

/// <summary>
/// Seeded mutation loop over the reader (RELIABILITY "Fuzzing"): every input ends in a documented status,
/// never an exception; the caps hold; and what parses survives a write-and-read round trip unchanged.
/// </summary>
public class JsonFuzzTests
{
    private static readonly string[] Seeds =
    {
        """{"a":[1,2.5e-3,-0,true,false,null],"b":{"c":"x\"y\\u00e9\ud83d\ude00"},"d":[]}""",
        """[{"name":"p","address":625,"type":"int16","scale":0.1,"sentinels":["0x8000",-1]}]""",
        """{"deep":[[[[[[{"x":[1e308,-1e-308,123456789012345678901]}]]]]]]}""",
        "\"grüße\"",
        "123.456e7",
    };

    private static readonly string[] Fragments = { "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "1e", "-", ".", "tru", "null", " ", "\u0001", "\u00ff" };

    [Fact]
    public void Parse_SeededMutations_OnlyDocumentedStatusesAndStableRoundTrip()
    {
        var random = new Random(20260101);
        var doc = new JsonDocument();
        var limits = new JsonLimits { MaxDepth = 8, MaxValues = 256, MaxStringBytes = 64, MaxBytes = 512 };
        var statuses = new HashSet<JsonStatus>();
        for (int i = 0; i < 20000; i++)
        {
            byte[] input = Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]));

            JsonStatus status = doc.Parse(input, 0, input.Length, limits);

            Assert.True(Enum.IsDefined(status));
            statuses.Add(status);
            if (status != JsonStatus.Ok)
            {
                Assert.InRange(doc.ErrorPosition, 0, input.Length);
                Assert.NotNull(doc.ErrorPath);
                Assert.Equal(0, doc.TokenCount);
                continue;
            }

            Assert.InRange(doc.TokenCount, 1, limits.MaxValues);
            string once = Rewrite(doc);
            Assert.Equal(JsonStatus.Ok, doc.Parse(once, new JsonLimits()));
            Assert.Equal(once, Rewrite(doc));
        }

        // The loop reaches the parser's error paths, not just the happy one.
        Assert.True(statuses.Count >= 10, string.Join(",", statuses));
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(7);
        var doc = new JsonDocument();
        for (int i = 0; i < 5000; i++)
        {
            var input = new byte[random.Next(0, 64)];
            random.NextBytes(input);

            JsonStatus status = doc.Parse(input, 0, input.Length, new JsonLimits());

            Assert.True(Enum.IsDefined(status));
        }
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0 && at < bytes.Count:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    int from = random.Next(bytes.Count + 1);
                    int length = random.Next(bytes.Count - from + 1);
                    bytes.InsertRange(at, bytes.GetRange(from, length));
                    break;
            }
        }

        return bytes.ToArray();
    }

    /// <summary>Writes the parsed tree back with our writer; a second pass must give the same text.</summary>
    private static string Rewrite(JsonDocument doc)
    {
        var w = new JsonWriter(65536, 32);
        Write(doc, JsonDocument.Root, w);
        Assert.False(w.Overflowed);
        return w.Text();
    }

    private static void Write(JsonDocument doc, int t, JsonWriter w)
    {
        switch (doc.Kind(t))
        {
            case JsonKind.Object:
                w.BeginObject();
                for (int k = doc.FirstChild(t); k != -1; k = doc.NextSibling(t, k + 1))
                {
                    w.Name(doc.GetString(k));
                    Write(doc, k + 1, w);
                }

                w.EndObject();
                break;
            case JsonKind.Array:
                w.BeginArray();
                for (int c = doc.FirstChild(t); c != -1; c = doc.NextSibling(t, c))
                {
                    Write(doc, c, w);
                }

                w.EndArray();
                break;
            case JsonKind.String:
                w.String(doc.GetString(t));
                break;
            case JsonKind.Number:
                if (doc.TryGetDouble(t, out double v))
                {
                    w.Number(v, 15, 9);
                }
                else
                {
                    w.Null();
                }

                break;
            case JsonKind.True:
                w.Bool(true);
                break;
            case JsonKind.False:
                w.Bool(false);
                break;
            default:
                w.Null();
                break;
        }
    }
}
