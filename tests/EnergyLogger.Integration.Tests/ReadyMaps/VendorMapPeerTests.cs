using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using Xunit;
using static EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling;
using static EnergyLogger.Integration.Tests.ReadyMaps.RegisterImage;

namespace EnergyLogger.Integration.Tests.ReadyMaps;

/// <summary>
/// The Huawei, GoodWe, Solis and Victron ready maps against real pymodbus slaves. Unlike the Deye and Growatt
/// scenes, the registers here are written raw, word by word at the address the vendor's table gives, in the
/// vendor's type and gain (docs/brands/*.md), so a wrong address, type, scale or sign in a map shows
/// up as a wrong published value rather than being encoded and decoded the same wrong way.
/// </summary>
public sealed class VendorMapPeerTests
{
    private const FunctionCode Holding = FunctionCode.ReadHoldingRegisters;
    private const FunctionCode Input = FunctionCode.ReadInputRegisters;

    /// <summary>A Huawei scene: PV 4.85 kW, the inverter putting out 3.9 kW, 1.2 kW exported, the LUNA2000 charging at 700 W.</summary>
    internal static readonly (string Path, double Value)[] HuaweiExpected =
    [
        ("pv.power", 4850), ("pv.energy_today", 18.45), ("pv.energy_total", 12345.67),
        ("pv.mppt1.voltage", 385.2), ("pv.mppt1.current", 8.12), ("pv.mppt2.voltage", 310.4), ("pv.mppt2.current", 5.97),
        ("grid.power", 1200), ("grid.frequency", 50.01), ("grid.power_factor", 0.985),
        ("grid.export_energy_total", 4567.89), ("grid.import_energy_total", 2345.6),
        ("grid.l1.voltage", 231.2), ("grid.l2.voltage", 229.8), ("grid.l3.voltage", 230.5),
        ("grid.l1.current", 1.74), ("grid.l2.current", 1.73), ("grid.l3.current", 1.75),
        ("grid.l1.power", 400), ("grid.l2.power", 350), ("grid.l3.power", 450),
        ("battery.power", 700), ("battery.voltage", 498.7), ("battery.soc", 64.5), ("battery.current", 1.4),
        ("battery.temperature", -3.5), ("battery.charge_energy_today", 3.2), ("battery.discharge_energy_today", 4.1),
        ("battery.charge_energy_total", 850.21), ("battery.discharge_energy_total", 790.43),
        ("load.power", 2700),
        ("device.state", 512), ("device.fault_code", 0), ("device.warning_code", 0), ("device.temperature", 41.2),
        ("ext.active_power", 3900), ("ext.inverter_frequency", 50.01), ("ext.meter_status", 1), ("ext.battery_status", 2),
    ];

    [Fact]
    public async Task HuaweiSun2000_RawRegistersOverRs485_SchemaDocumentValueByValue()
    {
        RegisterMap map = Load("huawei-sun2000-m1.json");

        (PollEngine engine, string json, string log) = await PollOnce(map, HuaweiImage(map));

        AssertHuawei(map, engine, json, log);
    }

    [Fact]
    public async Task HuaweiSun2000_ThroughTheSDongleOverModbusTcp_SameValuesFromUnitOne()
    {
        RegisterMap map = Load("huawei-sun2000-m1.json");

        (PollEngine engine, string json, string log) = await PollOnceTcp(map, HuaweiImage(map));

        AssertHuawei(map, engine, json, log);
    }

    [Fact]
    public async Task HuaweiSun2000_ReadThroughTheSDongleWithItsConnectDelay_NoRequestBeforeTheDelay()
    {
        RegisterMap map = Load("huawei-sun2000-m1.json");
        await using MapPeer peer = await MapPeer.StartTcpAsync(HuaweiImage(map));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        EnergyLoggerProcess.Outcome read = EnergyLoggerProcess.Run(
            "read", "--tcp", $"127.0.0.1:{peer.TcpPort}", "--connect-delay", "1000", "--map", MapPath("huawei-sun2000-m1.json"),
            "--point", "device_status,grid_power,battery_soc", "--format", "csv");

        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.True(clock.ElapsedMilliseconds >= 1000, $"read in {clock.ElapsedMilliseconds} ms");
        Assert.EndsWith(",device_status,holding 32089 (0x7D59),512 (on_grid),,good", read.Lines[1]);
        Assert.EndsWith(",grid_power,holding 37113 (0x90F9),1200,W,good", read.Lines[2]);
        Assert.EndsWith(",battery_soc,holding 37004 (0x908C),64.5,%,good", read.Lines[3]);
    }

    [Fact]
    public async Task GoodWeEt_RawRegisters_SchemaDocumentValueByValue()
    {
        RegisterMap map = Load("goodwe-et.json");
        RegisterImage image = new RegisterImage(map)
            .Exists(Holding, 35000, 35224).Exists(Holding, 36000, 36057).Exists(Holding, 37000, 37023)
            .Words(Holding, 35103, 3605, 85).Words(Holding, 35105, Long(3064))
            .Words(Holding, 35107, 2987, 42).Words(Holding, 35109, Long(1254))
            .Words(Holding, 35121, 2314).Words(Holding, 35123, 5002).Words(Holding, 35126, 2301).Words(Holding, 35131, 2322)
            .Words(Holding, 35138, 3900).Words(Holding, 35140, unchecked((ushort)-650))
            .Words(Holding, 35164, 1500).Words(Holding, 35166, 1400).Words(Holding, 35168, 1600).Words(Holding, 35172, 4500)
            .Words(Holding, 35174, 385).Words(Holding, 35176, 452)
            // 50.0 V and -20.0 A: GoodWe signs the battery current + = discharging, so this is 1 kW of charging.
            .Words(Holding, 35180, 500, unchecked((ushort)-200)).Words(Holding, 35184, 3, 0).Words(Holding, 35187, 1)
            .Words(Holding, 35189, Long(0))
            .Words(Holding, 35191, Long(123456)).Words(Holding, 35193, Long(184)).Words(Holding, 35195, Long(45678))
            .Words(Holding, 35199, 75).Words(Holding, 35200, Long(23456)).Words(Holding, 35202, 32)
            .Words(Holding, 35203, Long(67890)).Words(Holding, 35205, 126)
            .Words(Holding, 35206, Long(8502)).Words(Holding, 35208, 21).Words(Holding, 35209, Long(7904)).Words(Holding, 35211, 43)
            .Words(Holding, 36013, 990)
            .Words(Holding, 36019, Long(-200)).Words(Holding, 36021, Long(-250)).Words(Holding, 36023, Long(-200)).Words(Holding, 36025, Long(-650))
            .Words(Holding, 37003, 215).Words(Holding, 37007, 64, 98)
            .Words(Holding, 35001, 10000, 1).Words(Holding, 35003, Ascii("9010KETU123W4567", 8)).Words(Holding, 35011, Ascii("GW10K-ET", 5));
        Assert.Equal(247, image.Slave);

        (PollEngine engine, string json, string log) = await PollOnce(map, image);

        Assert.True(engine.Stats.Errors == 0, $"{engine.Stats.Errors} failed reads\n{log}");
        Assert.Empty(Flagged(json));
        AssertValues(json,
        [
            ("pv.power", 4318), ("pv.energy_today", 18.4), ("pv.energy_total", 12345.6),
            ("pv.mppt1.voltage", 360.5), ("pv.mppt1.current", 8.5), ("pv.mppt1.power", 3064),
            ("pv.mppt2.voltage", 298.7), ("pv.mppt2.current", 4.2), ("pv.mppt2.power", 1254),
            ("grid.power", -650), ("grid.frequency", 50.02), ("grid.power_factor", 0.99),
            ("grid.l1.voltage", 231.4), ("grid.l2.voltage", 230.1), ("grid.l3.voltage", 232.2),
            ("grid.l1.power", -200), ("grid.l2.power", -250), ("grid.l3.power", -200),
            ("grid.export_energy_total", 4567.8), ("grid.export_energy_today", 7.5),
            ("grid.import_energy_total", 2345.6), ("grid.import_energy_today", 3.2),
            ("battery.voltage", 50), ("battery.current", 20), ("battery.power", 1000), ("battery.soc", 64), ("battery.soh", 98),
            ("battery.temperature", 21.5), ("battery.charge_energy_total", 850.2), ("battery.charge_energy_today", 2.1),
            ("battery.discharge_energy_total", 790.4), ("battery.discharge_energy_today", 4.3),
            ("load.power", 4500), ("load.l1.power", 1500), ("load.l2.power", 1400), ("load.l3.power", 1600),
            ("load.energy_total", 6789), ("load.energy_today", 12.6),
            ("device.state", 1), ("device.warning_code", 0), ("device.fault_code", 0),
            ("device.temperature", 38.5), ("device.heatsink_temperature", 45.2),
            ("ext.inverter_power", 3900), ("ext.inverter_grid_power", -650), ("ext.battery_mode", 3),
        ]);
        Assert.Equal("on_grid", Text(json, "device.state_text"));
        Assert.Equal("charge", Text(json, "ext.battery_mode_text"));
        AssertEveryTargetPublished(map, json);
        AssertMetadata(engine, ("rated_power", 10000), ("ac_output_type", 1));
        AssertText(engine, ("serial_number", "9010KETU123W4567"), ("model_name", "GW10K-ET"));
    }

    [Fact]
    public async Task SolisRhi_RawInputRegisters_SchemaDocumentValueByValue()
    {
        RegisterMap map = Load("solis-rhi.json");
        RegisterImage image = new RegisterImage(map)
            .Exists(Input, 33000, 33299)
            .Words(Input, 33000, 0x3105, 0x0032, 0x003C).Words(Input, 33004, Ascii("603105ABCDEF1234", 16))
            .Words(Input, 33029, Long(9876)).Words(Input, 33035, 142)
            .Words(Input, 33049, 3605, 88, 2801, 0).Words(Input, 33057, Long(3172)).Words(Input, 33079, Long(2400))
            .Words(Input, 33093, 263, 5001, 3).Words(Input, 33116, 0).Words(Input, 33121, 0x0701)
            // 51.2 V, 19.6 A and 1003 W as magnitudes with direction 1: discharging.
            .Words(Input, 33133, 512, 196, 1).Words(Input, 33139, 64, 99)
            .Words(Input, 33147, 2350, 0).Words(Input, 33149, Long(1003))
            .Words(Input, 33161, Long(1065)).Words(Input, 33163, 10).Words(Input, 33165, Long(1224)).Words(Input, 33167, 14)
            .Words(Input, 33171, 15).Words(Input, 33175, 2).Words(Input, 33177, Long(2562)).Words(Input, 33179, 33)
            .Words(Input, 33251, 2399, 145).Words(Input, 33263, Long(-300))
            .Words(Input, 33281, unchecked((ushort)-81), 5007).Words(Input, 33283, Long(20556)).Words(Input, 33285, Long(115020));

        (PollEngine engine, string json, string log) = await PollOnce(map, image);

        Assert.True(engine.Stats.Errors == 0, $"{engine.Stats.Errors} failed reads\n{log}");
        Assert.Empty(Flagged(json));
        AssertValues(json,
        [
            ("pv.power", 3172), ("pv.energy_today", 14.2), ("pv.energy_total", 9876),
            ("pv.mppt1.voltage", 360.5), ("pv.mppt1.current", 8.8), ("pv.mppt2.voltage", 280.1), ("pv.mppt2.current", 0),
            ("grid.power", -300), ("grid.frequency", 50.07), ("grid.power_factor", -0.81),
            ("grid.l1.voltage", 239.9), ("grid.l1.current", 1.45),
            ("grid.import_energy_total", 205.56), ("grid.export_energy_total", 1150.2),
            ("grid.import_energy_today", 1.5), ("grid.export_energy_today", 0.2),
            ("battery.voltage", 51.2), ("battery.current", -19.6), ("battery.power", -1003), ("battery.soc", 64), ("battery.soh", 99),
            ("battery.charge_energy_total", 1065), ("battery.charge_energy_today", 1),
            ("battery.discharge_energy_total", 1224), ("battery.discharge_energy_today", 1.4),
            ("load.power", 2350), ("load.frequency", 50.01), ("load.energy_total", 2562), ("load.energy_today", 3.3),
            ("device.state", 3), ("device.fault_code", 0), ("device.temperature", 26.3),
            ("ext.inverter_power", 2400), ("ext.working_status", 1793), ("ext.backup_power", 0),
            ("ext.battery_direction", 1),
        ]);
        // The magnitudes and the sign made from the direction register are helpers: read, used, never published.
        AssertNotPublished(json, "ext.battery_current_abs", "ext.battery_power_abs", "ext.direction_step", "ext.battery_sign");
        Assert.Equal("discharging", Text(json, "ext.battery_direction_text"));
        AssertEveryTargetPublished(map, json);
        AssertMetadata(engine, ("product_model", 0x3105), ("dsp_version", 0x32), ("lcd_version", 0x3C));
        AssertText(engine, ("serial_number", "603105ABCDEF1234"));
    }

    [Fact]
    public async Task SolisRhi_BatteryCharging_DirectionZeroGivesPositiveCurrentAndPower()
    {
        RegisterMap map = Load("solis-rhi.json");
        RegisterImage image = new RegisterImage(map).Exists(Input, 33000, 33299)
            .Words(Input, 33133, 530, 250, 0).Words(Input, 33149, Long(1325));

        (_, string json, _) = await PollOnce(map, image);

        AssertValues(json, [("battery.current", 25), ("battery.power", 1325), ("battery.voltage", 53)]);
        Assert.Equal("charging", Text(json, "ext.battery_direction_text"));
    }

    [Fact]
    public async Task VictronGx_FiveUnitIdsOverModbusTcp_SchemaDocumentValueByValue()
    {
        RegisterMap map = Load("victron-gx.json");
        (RegisterImage system, RegisterImage vebus, RegisterImage battery, RegisterImage charger, RegisterImage meter) = VictronImages(map);

        (PollEngine engine, string json, string log) = await PollOnceTcp(map, system, vebus, battery, charger, meter);

        Assert.True(engine.Stats.Errors == 0, $"{engine.Stats.Errors} failed reads\n{log}");
        Assert.Empty(Flagged(json));
        AssertValues(json,
        [
            ("grid.power", 300), ("grid.l1.power", 150), ("grid.l2.power", 100), ("grid.l3.power", 50),
            ("grid.frequency", 49.98), ("grid.l1.voltage", 231.2), ("grid.l2.voltage", 229.8), ("grid.l3.voltage", 230.5),
            ("grid.l1.current", 0.7), ("grid.l2.current", 0.5), ("grid.l3.current", 0.3),
            ("grid.import_energy_total", 2734.56), ("grid.export_energy_total", 467),
            ("load.power", 3600), ("load.l1.power", 1200), ("load.l2.power", 1100), ("load.l3.power", 1300),
            ("load.l1.voltage", 230.1), ("load.l2.voltage", 229.9), ("load.l3.voltage", 230.5), ("load.frequency", 50),
            ("battery.voltage", 52.8), ("battery.current", -12.3), ("battery.power", -650), ("battery.soc", 71),
            ("battery.temperature", 18.5), ("battery.cycles", 321), ("battery.soh", 98.5),
            ("battery.discharge_energy_total", 790.4), ("battery.charge_energy_total", 850.2),
            ("pv.power", 4200), ("pv.mppt1.voltage", 145.2), ("pv.mppt1.current", 29), ("pv.mppt1.power", 4200),
            ("pv.energy_today", 18.4), ("pv.energy_total", 1234.5),
            ("device.state", 9), ("device.fault_code", 0), ("device.work_mode", 3),
            ("ext.ac_pv_on_output_l1", 0), ("ext.active_input", 1), ("ext.battery_state", 2),
        ]);
        AssertNotPublished(json, "ext.grid_l12_power", "ext.load_l12_power", "ext.grid_forward_l12", "ext.grid_reverse_l12");
        Assert.Equal("inverting", Text(json, "device.state_text"));
        Assert.Equal("on", Text(json, "device.work_mode_text"));
        Assert.Equal("discharging", Text(json, "ext.battery_state_text"));
        Assert.Equal("grid", Text(json, "ext.active_input_text"));
        AssertEveryTargetPublished(map, json);
        AssertText(engine, ("gx_serial", "c0619ab1b2c3"));
    }

    /// <summary>A GX's services, each on its unit id: system 100, VE.Bus 227, BMS 225, MPPT 226, grid meter 30.</summary>
    internal static (RegisterImage System, RegisterImage Vebus, RegisterImage Battery, RegisterImage Charger, RegisterImage Meter) VictronImages(RegisterMap map)
    {
        RegisterImage system = Unit(map, 100).Exists(Holding, 800, 870)
            .Words(Holding, 800, Ascii("c0619ab1b2c3", 6))
            .Words(Holding, 808, 0).Words(Holding, 817, 1200, 1100, 1300)
            // The GX signs grid power + = from the grid: 300 W are exported here.
            .Words(Holding, 820, unchecked((ushort)-150), unchecked((ushort)-100), unchecked((ushort)-50))
            .Words(Holding, 826, 1).Words(Holding, 840, 528, unchecked((ushort)-123), unchecked((ushort)-650), 71, 2)
            .Words(Holding, 850, 4200);
        RegisterImage vebus = Unit(map, 227).Exists(Holding, 0, 63)
            .Words(Holding, 9, 4998).Words(Holding, 15, 2301, 2299, 2305).Words(Holding, 21, 5000).Words(Holding, 31, 9, 0, 3);
        RegisterImage battery = Unit(map, 225).Exists(Holding, 256, 330)
            .Words(Holding, 262, 185).Words(Holding, 284, 321).Words(Holding, 301, 7904, 8502).Words(Holding, 304, 985);
        RegisterImage charger = Unit(map, 226).Exists(Holding, 768, 791)
            .Words(Holding, 776, 14520, 290).Words(Holding, 784, 184).Words(Holding, 789, 42000, 12345);
        RegisterImage meter = Unit(map, 30).Exists(Holding, 2600, 2640)
            .Words(Holding, 2616, 2312, 7, 2298, 5, 2305, 3)
            .Words(Holding, 2622, Long(123456)).Words(Holding, 2624, Long(100000)).Words(Holding, 2626, Long(50000))
            .Words(Holding, 2628, Long(45678)).Words(Holding, 2630, Long(1000)).Words(Holding, 2632, Long(22));
        return (system, vebus, battery, charger, meter);
    }

    [Fact]
    public async Task VictronGx_NoServiceOnTheMetersUnitId_MeterValuesStaleTheOtherServicesPublished()
    {
        RegisterMap map = Load("victron-gx.json");
        (RegisterImage system, RegisterImage vebus, RegisterImage battery, RegisterImage charger, _) = VictronImages(map);

        // A GX without that meter: nothing answers on unit 30, the other four services do.
        (PollEngine engine, string json, _) = await PollOnceTcp(map, system, vebus, battery, charger);

        Dictionary<string, string> flagged = Flagged(json);
        string[] meterFields =
        [
            "grid.l1.voltage", "grid.l2.voltage", "grid.l3.voltage", "grid.l1.current", "grid.l2.current", "grid.l3.current",
            "grid.import_energy_total", "grid.export_energy_total",
            "ext.grid_l1_forward", "ext.grid_l2_forward", "ext.grid_l3_forward", "ext.grid_l1_reverse", "ext.grid_l2_reverse", "ext.grid_l3_reverse",
        ];
        Assert.Equal(meterFields.Order(), flagged.Keys.Order());
        Assert.All(flagged.Values, q => Assert.Equal("stale", q));
        Assert.True(engine.Stats.Errors > 0);
        AssertValues(json, [("grid.power", 300), ("battery.soc", 71), ("battery.soh", 98.5), ("pv.mppt1.voltage", 145.2), ("device.state", 9)]);
    }

    internal static RegisterImage HuaweiImage(RegisterMap map)
    {
        return new RegisterImage(map)
            .Exists(Holding, 30000, 30080).Exists(Holding, 32000, 32120).Exists(Holding, 37000, 37070).Exists(Holding, 37100, 37140)
            .Words(Holding, 30000, Ascii("SUN2000-10KTL-M1", 15)).Words(Holding, 30015, Ascii("HV2150123456", 10))
            .Words(Holding, 30070, 428, 2, 2).Words(Holding, 30073, Long(10000))
            .Words(Holding, 32008, 0).Words(Holding, 32016, 3852, 812, 3104, 597)
            .Words(Holding, 32064, Long(4850)).Words(Holding, 32080, Long(3900))
            .Words(Holding, 32085, 5001).Words(Holding, 32087, 412).Words(Holding, 32089, 512, 0)
            .Words(Holding, 32106, Long(1234567)).Words(Holding, 32114, Long(1845))
            .Words(Holding, 37000, 2).Words(Holding, 37001, Long(700)).Words(Holding, 37003, 4987, 645)
            .Words(Holding, 37015, Long(320)).Words(Holding, 37017, Long(410))
            .Words(Holding, 37021, 14, unchecked((ushort)-35)).Words(Holding, 37066, Long(85021)).Words(Holding, 37068, Long(79043))
            .Words(Holding, 37100, 1).Words(Holding, 37101, Long(2312)).Words(Holding, 37103, Long(2298)).Words(Holding, 37105, Long(2305))
            .Words(Holding, 37107, Long(174)).Words(Holding, 37109, Long(173)).Words(Holding, 37111, Long(175))
            .Words(Holding, 37113, Long(1200)).Words(Holding, 37117, 985, 5001)
            .Words(Holding, 37119, Long(456789)).Words(Holding, 37121, Long(234560))
            .Words(Holding, 37132, Long(400)).Words(Holding, 37134, Long(350)).Words(Holding, 37136, Long(450));
    }

    private static void AssertHuawei(RegisterMap map, PollEngine engine, string json, string log)
    {
        Assert.True(engine.Stats.Errors == 0, $"{engine.Stats.Errors} failed reads\n{log}");
        Assert.Empty(Flagged(json));
        AssertValues(json, HuaweiExpected);
        Assert.Equal("on_grid", Text(json, "device.state_text"));
        Assert.Equal("running", Text(json, "ext.battery_status_text"));
        Assert.Equal("normal", Text(json, "ext.meter_status_text"));
        AssertEveryTargetPublished(map, json);
        AssertMetadata(engine, ("model_id", 428), ("pv_string_count", 2), ("mppt_count", 2), ("rated_power", 10000));
        AssertText(engine, ("model_name", "SUN2000-10KTL-M1"), ("serial_number", "HV2150123456"));
    }

    private static void AssertNotPublished(string json, params string[] paths)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (string path in paths)
        {
            System.Text.Json.JsonElement element = doc.RootElement;
            bool found = true;
            foreach (string part in path.Split('.'))
            {
                found = found && element.TryGetProperty(part, out element);
            }

            Assert.False(found, $"{path} is published: {json}");
        }
    }

    private static RegisterImage Unit(RegisterMap map, byte unit) => new(map) { Slave = unit };

    private static void AssertMetadata(PollEngine engine, params (string Name, double Value)[] expected)
    {
        foreach ((string name, double value) in expected)
        {
            int slot = engine.Map.IndexOfPoint(name);
            Assert.Equal((name, ValueQuality.Ok, value), (name, engine.Values.Quality[slot], engine.Values.Values[slot]));
        }
    }

    private static void AssertText(PollEngine engine, params (string Name, string Text)[] expected)
    {
        foreach ((string name, string text) in expected)
        {
            Assert.Equal((name, text), (name, engine.Frame.ReadText(engine.Map.Points[engine.Map.IndexOfPoint(name)])));
        }
    }
}
