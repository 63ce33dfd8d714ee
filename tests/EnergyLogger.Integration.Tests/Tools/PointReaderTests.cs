using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Readings;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

public sealed class PointReaderTests
{
    [Fact]
    public async Task Read_DeyePointsByName_ValuesAsTheLoggerPublishesThem()
    {
        RegisterMap map = ReadyMapPolling.Load("deye-sg04lp3.json");
        await using MapPeer peer = await MapPeer.StartAsync(ReadyMapPeerTests.DeyeScene(map, withBatteryPack: false), 9600);
        using SerialLink link = SerialLink.Open(peer.SerialPath, 9600, Parity.None, 1);
        var clock = new SystemClock();
        var reader = new PointReader(map, new ModbusMaster(link, clock, new RtuFramer(), new MasterOptions()), clock);
        int[] points = PointReader.Select(map, ["grid_power", "grid_frequency", "device_state", "serial_number", "battery_soh", "inverter_l1_current"], out _)!;

        List<Reading> readings = reader.Read(points, out _);

        Assert.Equal(
        [
            // In the map's order. The device counts import as positive; the schema, and so the reading, exports positive.
            ("grid_frequency", "holding 609 (0x0261)", "50.01", "Hz", "good"),
            ("grid_power", "holding 625 (0x0271)", "-800", "W", "good"),
            ("battery_soh", "holding 10048 (0x2740)", "", "%", "unsupported"),
            ("inverter_l1_current", "holding 630 (0x0276)", "9.5", "A", "good"),
            ("device_state", "holding 500 (0x01F4)", "2 (normal)", "", "good"),
            ("serial_number", "holding 3 (0x0003)", "2306123456", "", "good"),
        ], readings.Select(r => (r.Name, r.Address, r.Value, r.Unit, r.Quality)));
    }

    [Fact]
    public void Select_AnUnknownName_NamesIt()
    {
        RegisterMap map = ReadyMapPolling.Load("deye-sg04lp3.json");
        Assert.Null(PointReader.Select(map, ["grid_power", "grid_powr"], out string? unknown));
        Assert.Equal("grid_powr", unknown);
    }

    private static readonly Reading[] Two =
    [
        new("grid_power", "holding 625 (0x0271)", "-800", "W", "good"),
        new("battery_soh", "holding 10006 (0x2716)", "", "%", "unsupported"),
    ];

    private static readonly DateTimeOffset Time = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_Table_AlignedWithAddressAndTimeAbove()
    {
        var output = new StringWriter();
        new ReadingFormat("table", output).Write(Time, Two);
        Assert.Equal(
            "2026-06-21T12:00:00.000+00:00\n" +
            "  grid_power   holding 625 (0x0271)    -800 W\n" +
            "  battery_soh  holding 10006 (0x2716)  -       unsupported\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_CsvTwice_HeaderOnceThenOneRowPerValue()
    {
        var output = new StringWriter();
        var format = new ReadingFormat("csv", output);
        format.Write(Time, Two);
        format.Write(Time.AddSeconds(5), Two[..1]);
        Assert.Equal(
            "time,name,address,value,unit,quality\n" +
            "2026-06-21T12:00:00.000+00:00,grid_power,holding 625 (0x0271),-800,W,good\n" +
            "2026-06-21T12:00:00.000+00:00,battery_soh,holding 10006 (0x2716),,%,unsupported\n" +
            "2026-06-21T12:00:05.000+00:00,grid_power,holding 625 (0x0271),-800,W,good\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_Json_OneObjectPerReadNumbersAsNumbers()
    {
        var output = new StringWriter();
        new ReadingFormat("json", output).Write(Time, Two);
        Assert.Equal(
            "{\"time\":\"2026-06-21T12:00:00.000+00:00\",\"values\":[" +
            "{\"name\":\"grid_power\",\"address\":\"holding 625 (0x0271)\",\"value\":-800,\"unit\":\"W\",\"quality\":\"good\"}," +
            "{\"name\":\"battery_soh\",\"address\":\"holding 10006 (0x2716)\",\"value\":null,\"unit\":\"%\",\"quality\":\"unsupported\"}]}\n",
            output.ToString().ReplaceLineEndings("\n"));
    }
}
