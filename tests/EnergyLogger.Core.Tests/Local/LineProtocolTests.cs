using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Local;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class LineProtocolTests
{
    private static string Line(string sample, string device = "020000E2E214", int room = 4096)
    {
        byte[] text = Encoding.UTF8.GetBytes(sample);
        var doc = new JsonDocument();
        Assert.Equal(JsonStatus.Ok, doc.Parse(text, 0, text.Length, new JsonLimits()));
        var buffer = new byte[room];
        int n = LineProtocol.Write(doc, JsonDocument.Root, text, device, buffer, 0);
        return n < 0 ? "(does not fit)" : Encoding.UTF8.GetString(buffer, 0, n);
    }

    public static TheoryData<string, string> Samples => new()
    {
        // The golden sample's shape: modules flattened into dotted fields, seq an integer, the envelope and q left out.
        {
            """{"v":1,"seq":42,"ts":1767225600000,"mono":5000,"synced":true,"pv":{"power":4000,"mppt1":{"voltage":345.6}},"grid":{"power":-1500},"q":{"battery.soc":"stale"}}""",
            "energylogger,device=020000E2E214 seq=42i,pv.power=4000,pv.mppt1.voltage=345.6,grid.power=-1500 1767225600000\n"
        },
        // Booleans, texts with quotes and backslashes, exponents as the JSON wrote them.
        {
            """{"seq":7,"ts":1000,"generator":{"connected":true},"device":{"state":2,"state_text":"on \"grid\" \\ ok"},"ext":{"tiny":1.5e-7}}""",
            "energylogger,device=020000E2E214 seq=7i,generator.connected=true,device.state=2,device.state_text=\"on \\\"grid\\\" \\\\ ok\",ext.tiny=1.5e-7 1000\n"
        },
        // An aggregate: its count and its min and max are fields like any other.
        {
            """{"seq":10,"seq_last":19,"n":10,"ts":2000,"grid":{"power":-1000},"min":{"grid":{"power":-1800}}}""",
            "energylogger,device=020000E2E214 seq=10i,seq_last=19i,n=10,grid.power=-1000,min.grid.power=-1800 2000\n"
        },
        // No wall time (taken before the clock was set): skipped. No values: skipped.
        { """{"seq":3,"mono":5000,"synced":false,"grid":{"power":1}}""", "" },
        { """{"seq":3,"ts":1000,"v":1}""", "energylogger,device=020000E2E214 seq=3i 1000\n" },
        { """{"ts":1000,"v":1,"q":{"grid.power":"stale"}}""", "" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Write_Sample_OneLineOfLineProtocol(string sample, string expected)
    {
        Assert.Equal(expected, Line(sample));
    }

    public static TheoryData<string, string, string> Escapes => new()
    {
        // device tag, extra member name -> line
        { "my dongle,1=a", "odd name", "energylogger,device=my\\ dongle\\,1\\=a seq=1i,ext.odd\\ name=5 9\n" },
        { "d", "k=v,w", "energylogger,device=d seq=1i,ext.k\\=v\\,w=5 9\n" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Write_SpecialCharactersInTagsAndKeys_Escaped(string device, string name, string expected)
    {
        Assert.Equal(expected, Line("{\"seq\":1,\"ts\":9,\"ext\":{\"" + name + "\":5}}", device));
    }

    [Fact]
    public void Write_BufferTooSmall_ReportsItDoesNotFit()
    {
        Assert.Equal("(does not fit)", Line("""{"seq":1,"ts":9,"grid":{"power":-1500}}""", room: 30));
    }
}
