using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>The maps in tools/register-maps: they validate, and registers fed through them give the right schema values and signs.</summary>
public class ReadyMapTests
{
    private static SampleFixture Fixture(string file) => new(File.ReadAllText(MapFiles.Path(file)));

    private static double Number(string json, string path)
    {
        var doc = new JsonDocument();
        Assert.Equal(JsonStatus.Ok, doc.Parse(json, new JsonLimits()));
        int t = JsonDocument.Root;
        foreach (string part in path.Split('.'))
        {
            t = doc.Member(t, part);
            Assert.True(t >= 0, path + " missing in " + json);
        }

        Assert.True(doc.TryGetDouble(t, out double v));
        return v;
    }

    [Theory]
    [InlineData("deye-sg04lp3.json", 58, 6, 1)]
    [InlineData("growatt-sph.json", 46, 5, 3)]
    public void Load_ReadyMap_Validates(string file, int points, int metadata, int computed)
    {
        RegisterMap map = MapText.Load(File.ReadAllText(MapFiles.Path(file)));

        Assert.Equal((points, metadata, computed), (map.TelemetryCount, map.MetadataCount, map.Computed.Length));
    }

    [Fact]
    public void Deye_Cycle_SchemaValuesWithNormalisedSigns()
    {
        SampleFixture f = Fixture("deye-sg04lp3.json");
        var image = new ushort[700];
        image[672] = 2100;                              // PV1 W
        image[673] = 1900;                              // PV2 W
        image[676] = 3456;                              // PV1 0.1 V
        image[677] = 61;                                // PV1 0.1 A
        image[625] = unchecked((ushort)-1500);          // grid total, + = import: exporting 1500 W
        image[622] = unchecked((ushort)-500);           // grid L1
        image[613] = unchecked((ushort)-218);           // grid L1 0.01 A
        image[609] = 5002;                              // 0.01 Hz
        image[621] = 990;                               // 0.1 %
        image[590] = 800;                               // battery W, + = discharge
        image[591] = 1550;                              // battery 0.01 A, + = discharge
        image[587] = 5200;                              // 0.01 V
        image[588] = 87;                                // SOC %
        image[586] = 1250;                              // (raw - 1000) x 0.1 degC
        image[534] = 0x86A0;                            // PV total, low word first: 100000 x 0.1 kWh
        image[535] = 0x0001;
        image[500] = 2;                                 // normal
        image[555] = 0x1000;                            // F13
        image[552] = 0x0008;                            // generator relay closed
        image[653] = 2300;                              // load W
        f.Frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 0, image, 0, image.Length);

        string json = f.Cycle();

        Assert.Equal(4000, Number(json, "pv.power"));
        Assert.Equal(345.6, Number(json, "pv.mppt1.voltage"));
        Assert.Equal(6.1, Number(json, "pv.mppt1.current"));
        Assert.Equal(10000, Number(json, "pv.energy_total"));
        Assert.Equal(1500, Number(json, "grid.power"));
        Assert.Equal(500, Number(json, "grid.l1.power"));
        Assert.Equal(-2.18, Number(json, "grid.l1.current"));
        Assert.Equal(50.02, Number(json, "grid.frequency"));
        Assert.Equal(0.99, Number(json, "grid.power_factor"));
        Assert.Equal(-800, Number(json, "battery.power"));
        Assert.Equal(-15.5, Number(json, "battery.current"));
        Assert.Equal(52, Number(json, "battery.voltage"));
        Assert.Equal(87, Number(json, "battery.soc"));
        Assert.Equal(25, Number(json, "battery.temperature"));
        Assert.Equal(2300, Number(json, "load.power"));
        Assert.Equal(2, Number(json, "device.state"));
        Assert.Equal(4096, Number(json, "device.fault_code"));
        Assert.Contains("\"state_text\":\"normal\"", json);
        Assert.Contains("\"fault_code_text\":[\"F13 working mode change\"]", json);
        Assert.Contains("\"generator\":{\"connected\":true", json);
        // SOH and cycles live at 10048/10056, never delivered here.
        Assert.Contains("\"battery.soh\":\"stale\"", json);
    }

    [Fact]
    public void Growatt_Cycle_ComputedSignedValuesInSchemaConvention()
    {
        SampleFixture f = Fixture("growatt-sph.json");
        var low = new ushort[125];
        var high = new ushort[100];
        low[1] = 0; low[2] = 40000;                     // PV 0.1 W, high word first: 4000 W
        low[3] = 3456;                                  // PV1 0.1 V
        low[38] = 2301;                                 // grid 0.1 V
        low[0] = 1;                                     // normal
        low[60] = 52;                                   // PV1 today 0.1 kWh (H at 59, L at 60)
        low[64] = 31;                                   // PV2 today
        low[93] = unchecked((ushort)-55);               // -5.5 degC
        high[29] = 0; high[30] = 15000;                 // export (1029-1030): 1500 W
        high[21] = 0; high[22] = 2000;                  // import (1021-1022): 200 W
        high[11] = 0; high[12] = 8000;                  // charge (1011-1012): 800 W
        high[14] = 87;                                  // SOC
        high[88] = 155;                                 // BMS current 0.1 A, + = charging
        f.Frame.Deliver(0, FunctionCode.ReadInputRegisters, 0, low, 0, low.Length);
        f.Frame.Deliver(0, FunctionCode.ReadInputRegisters, 1000, high, 0, high.Length);

        string json = f.Cycle();

        Assert.Equal(4000, Number(json, "pv.power"));
        Assert.Equal(345.6, Number(json, "pv.mppt1.voltage"));
        Assert.Equal(8.3, Number(json, "pv.energy_today"));
        Assert.Equal(1300, Number(json, "grid.power"));
        Assert.Equal(230.1, Number(json, "grid.l1.voltage"));
        Assert.Equal(800, Number(json, "battery.power"));
        Assert.Equal(15.5, Number(json, "battery.current"));
        Assert.Equal(87, Number(json, "battery.soc"));
        Assert.Equal(-5.5, Number(json, "device.temperature"));
        Assert.Contains("\"state_text\":\"normal\"", json);
        Assert.Equal(1500, Number(json, "ext.grid_export_power"));
    }
}
