using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Tests.Modbus;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>Seeded mutation loops over the Kaa config and command JSON (RELIABILITY, Fuzzing).</summary>
public class KaaFuzzTests
{
    private static readonly string Map = MapText.With(MapText.List(
        """{"name":"export_limit","address":142,"type":"uint16","writable":true,"writeMin":0,"writeMax":100}""",
        """{"name":"grid_power","address":160,"type":"int16","target":"grid.power"}"""));

    private static readonly int[] ResultCodes = [200, 400, 403, 404, 409, 422, 429, 500, 502, 503, 504];

    [Fact]
    public void Fuzz_ConfigMessages_OnlyDocumentedReportsAndOnlyValidConfigsApplied()
    {
        var random = new Random(4242);
        string seed = "{\"configId\":\"c\",\"config\":{\"map\":" + Map + ",\"poll\":{\"fastMs\":5000}}}";
        var rig = new KaaRig();
        rig.Run(1000);
        for (int round = 0; round < 600; round++)
        {
            string message = Mutate(random, seed.Replace("\"c\"", "\"c" + round + "\""));
            rig.Session.Push("kp1/" + KaaRig.App + "/cmx/" + KaaRig.Token + "/config/json/status", message);
            rig.Run(1000);
        }

        int[] codes = rig.Session.On("/applied/json/").Select(s => JsonDocument.Parse(s.Payload).RootElement.GetProperty("statusCode").GetInt32()).ToArray();
        Assert.All(codes, c => Assert.Contains(c, new[] { 200, 400 }));
        Assert.Contains(200, codes);
        Assert.Contains(400, codes);
        Assert.Equal(codes.Count(c => c == 200), rig.Host.Applied.Count);
        Assert.All(rig.Host.Applied, c => Assert.NotNull(c.Map));
    }

    [Fact]
    public void Fuzz_CommandMessages_OnlyDocumentedStatusesAndNoWriteOutsideTheWritablePoint()
    {
        var random = new Random(777);
        string[] seeds =
        [
            "[{\"id\":1,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[50]}}]",
            "[{\"id\":1,\"payload\":{\"unit\":1,\"fc\":3,\"addr\":140,\"count\":4}}]",
        ];
        var rig = new KaaRig();
        Bus bus = Bus.Rtu().WithInverter(1);
        rig.Host.Map = MapText.Load(Map);
        rig.Host.Buses[1] = bus.Master;
        rig.Run(1000);
        for (int round = 0; round < 600; round++)
        {
            string type = round % 2 == 0 ? "regs_write" : "regs_read";
            string message = Mutate(random, seeds[round % 2].Replace("\"id\":1", "\"id\":" + round));
            rig.Session.Push("kp1/" + KaaRig.App + "/cex/" + KaaRig.Token + "/command/" + type + "/status", message);
            rig.Run(1000);
        }

        foreach (Sent result in rig.Session.On("/result/"))
        {
            foreach (JsonElement r in JsonDocument.Parse(result.Payload).RootElement.EnumerateArray())
            {
                Assert.Contains(r.GetProperty("statusCode").GetInt32(), ResultCodes);
            }
        }

        // Every register write on the bus went to the writable point (FC06/FC16 at address 142).
        foreach (var write in bus.Link.Writes)
        {
            byte function = write.Bytes[1];
            if (function is 0x06 or 0x10)
            {
                Assert.Equal(142, (write.Bytes[2] << 8) | write.Bytes[3]);
            }
        }

        Assert.InRange(bus.Link.Slave(1).Holding[142], 0, 100);
    }

    private static string Mutate(Random random, string text)
    {
        var chars = new StringBuilder(text);
        int edits = random.Next(0, 4);
        const string alphabet = "{}[]\",:0123456789-.etruanlx ";
        for (int e = 0; e < edits && chars.Length > 0; e++)
        {
            int at = random.Next(chars.Length);
            switch (random.Next(3))
            {
                case 0:
                    chars[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 1:
                    chars.Remove(at, 1);
                    break;
                default:
                    chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
            }
        }

        return chars.ToString();
    }
}
