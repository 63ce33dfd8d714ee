using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.SunSpec;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using static EnergyLogger.Integration.Tests.SunSpec.SunSpecImage;

namespace EnergyLogger.Integration.Tests.SunSpec;

/// <summary>
/// SunSpec devices read with no hand-written map: the chain walked from "SunS" on a pymodbus MODBUS TCP peer, the map
/// drafted from the models found (docs/register-map.md, "SunSpec devices"), then one poll cycle through the logger's
/// own engine and every value checked against the image.
/// </summary>
public class SunSpecDiscoveryTests
{
    private static SunSpecImage Inverter103(byte unit, int commonLength = 65) => new SunSpecImage(unit)
        .Common("Fronius", "Symo GEN24 10.0 Plus", "33520123", commonLength)
        .Model(103, 50, w =>
        {
            w[8] = 2301; w[9] = 2302; w[10] = 2303; w[11] = Sf(-1);
            w[12] = 3000; w[13] = Sf(0);
            w[14] = 5002; w[15] = Sf(-2);
            Long(w, 22, 12345678); w[24] = Sf(0);
            w[29] = 3200; w[30] = Sf(0);
            w[31] = 452; w[32] = 0x8000; w[35] = Sf(-1);
            w[36] = 4;
        });

    private static Action<Dictionary<int, ushort>> Mppt(int modules) => w =>
    {
        w[0] = Sf(-2); w[1] = Sf(-1); w[2] = Sf(0); w[3] = 0x8000; w[6] = (ushort)modules;
        for (int m = 0; m < modules; m++)
        {
            int at = 8 + (20 * m);
            w[at] = (ushort)(m + 1);
            w[at + 9] = (ushort)(600 + m);
            w[at + 10] = (ushort)(3400 + m);
            w[at + 11] = (ushort)(1000 + (100 * m));
        }
    };

    private static SunSpecImage Meter203(byte unit) => new SunSpecImage(unit)
        .Common("Fronius", "Smart Meter TS 65A-3", "M1")
        .Model(203, 105, w =>
        {
            w[1] = Signed(-2); w[2] = Signed(-3); w[3] = Signed(-4); w[4] = Sf(0);
            w[6] = 2301; w[7] = 2299; w[8] = 2310; w[13] = Sf(-1);
            w[14] = 5001; w[15] = Sf(-2);
            w[16] = Signed(-1500); w[17] = Signed(-500); w[18] = Signed(-480); w[19] = Signed(-520); w[20] = Sf(0);
            w[31] = 95; w[35] = Sf(0);
            Long(w, 36, 4567800); Long(w, 44, 1123400); w[52] = Sf(0);
        });

    private static Task<(string Map, string Json, RegisterMap Loaded)> Discover(params SunSpecImage[] devices) => Discover(null, devices);

    private static async Task<(string Map, string Json, RegisterMap Loaded)> Discover(System.Text.Json.Nodes.JsonObject? overrides, params SunSpecImage[] devices)
    {
        await using MapPeer peer = await MapPeer.StartTcpAsync(devices.Select(d => d.ToImage()).ToArray());
        using TcpLink link = TcpLink.Connect("127.0.0.1", peer.TcpPort, 5000);
        var clock = new SystemClock();
        var master = new ModbusMaster(link, clock, new MbapFramer(), new MasterOptions());
        var chains = new List<SunSpecDevice>();
        foreach (SunSpecImage d in devices)
        {
            SunSpecDevice? chain = SunSpecChain.Walk(master, d.Unit, out string? error);
            Assert.True(chain != null, error);
            chains.Add(chain!);
        }

        // The site as `run` and `map sunspec` write it, then drafted as the dongle drafts it: loaded, walked again on the
        // bus by Core and drafted there, the text being the one `map sunspec` prints.
        string site = SunSpecSiteMap.Site(chains, "test", null, overrides);
        string? text = SunSpecSiteMap.Draft(site, chains, out string? problem);
        Assert.True(text != null, problem);
        RegisterMap? awaiting = RegisterMapLoader.Load(site, out MapError? siteError);
        Assert.True(awaiting is { AwaitsWalk: true }, siteError?.ToString());
        RegisterMap? map = SunSpecSite.Draft(awaiting!, Enumerable.Repeat(master, chains.Count).ToArray(), out _, out problem);
        Assert.True(map != null, $"{problem}\n{text}");
        Assert.Equal(RegisterMapLoader.Load(text!, out _)!.Points.Select(p => (p.Name, p.Address)), map!.Points.Select(p => (p.Name, p.Address)));
        var engine = new PollEngine(new MapSlot(map!), [master], clock, new PollOptions { CycleBudgetMs = 0 });
        Assert.True(engine.RunCycle());
        var writer = new JsonWriter(16384, SampleWriter.Depth);
        Assert.True(SampleWriter.Write(engine.Sample(0), writer));
        return (text!, writer.Text(), map!);
    }

    [Fact]
    public async Task IntAndScaleFactor_InverterWithTwoMppts_StorageAndAMeterOnAnotherUnit()
    {
        SunSpecImage inverter = Inverter103(1)
            .Model(160, 8 + (2 * 20), Mppt(2))
            .Model(124, 24, w => { w[6] = 770; w[20] = Sf(-1); w[8] = 521; w[22] = Sf(-1); w[9] = 4; });

        (string map, string json, _) = await Discover(inverter, Meter203(2));

        ReadyMapPolling.AssertValues(json, [
            ("pv.power", 3200), ("pv.energy_total", 12345.678), ("pv.mppt1.current", 6.0), ("pv.mppt1.voltage", 340.0), ("pv.mppt1.power", 1000),
            ("pv.mppt2.current", 6.01), ("pv.mppt2.voltage", 340.1), ("pv.mppt2.power", 1100),
            ("battery.soc", 77), ("battery.voltage", 52.1), ("device.temperature", 45.2), ("device.state", 4),
            ("grid.power", 1500), ("grid.l1.power", 500), ("grid.l3.power", 520), ("grid.frequency", 50.01), ("grid.l2.voltage", 229.9),
            ("grid.l1.current", -2), ("grid.power_factor", 0.95), ("grid.export_energy_total", 4567.8), ("grid.import_energy_total", 1123.4),
            ("ext.ac_power", 3000), ("ext.ac_hz", 50.02)]);
        Assert.Equal("mppt", ReadyMapPolling.Text(json, "device.state_text"));
        Assert.Equal("charging", ReadyMapPolling.Text(json, "ext.charge_state_text"));
        Assert.Equal("sentinel", ReadyMapPolling.Flagged(json)["device.heatsink_temperature"]);
        Assert.DoesNotContain("-32768", json);
        Assert.DoesNotContain("65535", json);
        Assert.DoesNotContain("sf_", json);
        Assert.Contains("\"slave\": 2", map);
        Assert.Contains("\"import_positive\"", map);
    }

    [Fact]
    public async Task Mppt_FourModules_EachIsAnMppt()
    {
        (_, string json, _) = await Discover(Inverter103(1).Model(160, 8 + (4 * 20), Mppt(4)));

        ReadyMapPolling.AssertValues(json, [("pv.mppt1.power", 1000), ("pv.mppt2.power", 1100), ("pv.mppt3.power", 1200), ("pv.mppt4.power", 1300),
            ("pv.mppt4.voltage", 340.3), ("pv.mppt4.current", 6.03), ("grid.frequency", 50.02), ("grid.l3.voltage", 230.3)]);
    }

    [Fact]
    public async Task FloatVariants_Inverter113AndMeter213_NaNIsNoNumber()
    {
        SunSpecImage inverter = new SunSpecImage(1).Common("SolarEdge", "SE10K", "7E1").Model(113, 60, w =>
        {
            Float(w, 14, 230.5f); Float(w, 16, 231.5f); Float(w, 18, float.NaN);
            Float(w, 20, 4100f); Float(w, 22, 50.03f); Float(w, 30, 2500000f); Float(w, 36, 4200f);
            Float(w, 38, 41.5f); Float(w, 40, float.NaN); w[46] = 4;
        });
        SunSpecImage meter = new SunSpecImage(2).Common("SolarEdge", "WND-3Y", "9").Model(213, 124, w =>
        {
            Float(w, 24, 49.98f); Float(w, 26, 800f); Float(w, 28, 300f); Float(w, 30, 250f); Float(w, 32, 250f);
            Float(w, 50, 98f); Float(w, 58, 1000000f); Float(w, 66, 2000000f);
        });

        (_, string json, _) = await Discover(inverter, meter);

        ReadyMapPolling.AssertValues(json, [("pv.power", 4200), ("pv.energy_total", 2500), ("device.temperature", 41.5), ("ext.ac_power", 4100),
            ("grid.power", -800), ("grid.l1.power", -300), ("grid.frequency", 49.98), ("grid.power_factor", 0.98),
            ("grid.export_energy_total", 1000), ("grid.import_energy_total", 2000)]);
        Assert.Equal("invalid", ReadyMapPolling.Flagged(json)["device.heatsink_temperature"]);
        Assert.DoesNotContain("NaN", json);
    }

    [Fact]
    public async Task CommonModelOf66_WalkFindsTheShiftedModels_AndAMapWrittenFor65PublishesNoNumber()
    {
        SunSpecImage shifted = Inverter103(1, commonLength: 66).Model(160, 48, Mppt(2));

        (string drafted, string json, _) = await Discover(shifted);
        ReadyMapPolling.AssertValues(json, [("pv.power", 3200), ("pv.mppt1.voltage", 340.0), ("pv.energy_total", 12345.678)]);
        Assert.Contains("\"address\": 40070", drafted);

        // The map drafted from a device with the usual L=65 checks 1/65 at 40002 and 103/50 at 40069; on the L=66 device
        // those registers hold 1/66 and the pad, so every value is invalid instead of 6.58 V for 412.34 V.
        string forSixtyFive = (await Discover(Inverter103(1).Model(160, 48, Mppt(2)))).Map;
        RegisterMap map = RegisterMapLoader.Load(forSixtyFive, out _)!;
        (PollEngine engine, string wrong, _) = await ReadyMapPolling.PollOnceTcp(map, shifted.ToImage());
        Dictionary<string, string> flagged = ReadyMapPolling.Flagged(wrong);
        Assert.Equal("invalid", flagged["pv.power"]);
        Assert.Equal("invalid", flagged["pv.mppt1.voltage"]);
        Assert.DoesNotContain("\"pv\":{", wrong);
        Assert.True(engine.Values.Mismatch[0] >= 0);
    }

    /// <summary>
    /// An SMA Sunny Tripower (with model 124 as a Sunny Boy Storage adds it) laid out as SMA documents its SunSpec profile:
    /// unit id 126, common 1 with L=66 (a pad at its end), 11 and 12 (network), inverter 103, 120-123, volt-var 126 and
    /// MPPT 160 (SMA technical information SunSpecModbus-TI-en-11 and STP60-SunSpec_Modbus-TI-en-12; the SMA Data Manager
    /// M manual's list of SunSpec models; lengths from the SunSpec Information Model Reference). Models the logger has no
    /// points for are walked past by their L and checked like the others.
    /// </summary>
    [Fact]
    public async Task SmaStyleChain_ReadWithNoMap()
    {
        SunSpecImage sma = new SunSpecImage(126)
            .Common("SMA", "STP10.0-3AV-40", "3012345678", length: 66)
            .Model(11, 13, _ => { })
            .Model(12, 98, _ => { })
            .Model(103, 50, w => { w[12] = 9800; w[13] = Sf(0); w[29] = 10050; w[30] = Sf(0); Long(w, 22, 98765432); w[24] = Sf(0); w[36] = 4; })
            .Model(120, 26, w => { w[1] = 10000; w[2] = Sf(0); })
            .Model(121, 30, w => { w[0] = 1000; w[20] = Sf(1); })
            .Model(122, 44, _ => { })
            .Model(123, 24, w => { w[2] = 1; w[3] = 7000; w[7] = 1; w[21] = Sf(-2); })
            .Model(124, 24, w => { w[6] = 55; w[20] = Sf(0); w[8] = 4000; w[22] = Sf(-1); w[9] = 3; })
            .Model(126, 64, _ => { })
            .Model(160, 48, Mppt(2));

        (string map, string json, RegisterMap loaded) = await Discover(sma);

        ReadyMapPolling.AssertValues(json, [("pv.power", 10050), ("pv.energy_total", 98765.432), ("pv.mppt2.power", 1100), ("battery.soc", 55),
            ("battery.voltage", 400.0), ("ext.ac_power", 9800), ("device.state", 4), ("ext.power_limit_pct", 70.0)]);
        Assert.Equal("discharging", ReadyMapPolling.Text(json, "ext.charge_state_text"));
        Assert.Equal("enabled", ReadyMapPolling.Text(json, "ext.power_limit_enabled_text"));
        Assert.Equal("connected", ReadyMapPolling.Text(json, "ext.connected_text"));
        Assert.True(loaded.IndexOfPoint("max_power_w") >= loaded.TelemetryCount, "WMax is metadata");
        Assert.Equal(126, loaded.Devices[0].Slave);
        Assert.Equal(12, System.Text.Json.JsonDocument.Parse(map).RootElement.GetProperty("devices")[0].GetProperty("expect").GetArrayLength());
        Assert.True(loaded.IndexOfPoint("rated_power_w") >= 0);
    }

    [Fact]
    public async Task Command_MapSunspec_WalksEachUnitAndWritesAMapThatLoads()
    {
        SunSpecImage inverter = Inverter103(1).Model(160, 48, Mppt(2));
        await using MapPeer peer = await MapPeer.StartTcpAsync(inverter.ToImage(), Meter203(2).ToImage());
        string file = Path.Combine(Path.GetTempPath(), $"el-sunspec-{Guid.NewGuid():N}.json");
        try
        {
            var outcome = EnergyLoggerProcess.Run("map", "sunspec", "--tcp", $"127.0.0.1:{peer.TcpPort}", "--units", "1,2", "--output", file);

            Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
            Assert.Contains("unit 1: SunS at 40000; 1 at 40002 (L=65), 103 at 40069 (L=50), 160 at 40121 (L=48)", outcome.Stderr);
            Assert.Contains("unit 2: SunS at 40000; 1 at 40002 (L=65), 203 at 40069 (L=105)", outcome.Stderr);
            RegisterMap? map = RegisterMapLoader.Load(File.ReadAllText(file), out MapError? error);
            Assert.True(map != null, error?.ToString());
            Assert.Equal("Fronius Symo GEN24 10.0 Plus", map!.Name);
            Assert.Equal([1, 2], map.Devices.Select(d => (int)d.Slave));
            Assert.Equal(0, EnergyLoggerProcess.Run("map", "validate", file).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Command_MapSunspec_DeviceWithoutMarker_SaysSoAndFails()
    {
        var plain = new SunSpecImage(3).Common("x", "y", "z");
        RegisterImage image = plain.ToImage();
        image.Words(FunctionCode.ReadHoldingRegisters, 40000, 0, 0);
        await using MapPeer peer = await MapPeer.StartTcpAsync(image);

        var outcome = EnergyLoggerProcess.Run("map", "sunspec", "--tcp", $"127.0.0.1:{peer.TcpPort}", "--units", "3");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("unit 3: no SunSpec marker \"SunS\" at 40000, 0, 50000", outcome.Stderr);
    }

    [Fact]
    public async Task Scan_SunSpecDevice_FingerprintPointsToMapSunspec()
    {
        await using MapPeer peer = await MapPeer.StartTcpAsync(Inverter103(1).ToImage());
        // Only the SunSpec part of the fingerprint is in question: no ready maps to try.
        string noMaps = Directory.CreateTempSubdirectory("el-no-maps-").FullName;

        var outcome = EnergyLoggerProcess.Run(TimeSpan.FromSeconds(60), "scan", "--tcp", $"127.0.0.1:{peer.TcpPort}", "--ids", "1", "--timeout", "200", "--maps", noMaps);
        Directory.Delete(noMaps);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("SunSpec marker 'SunS' at holding 40000: 'energylogger map sunspec --units 1' makes its map from its chain", outcome.Stdout);
    }

    [Fact]
    public async Task Overrides_MpptModuleUsedForTheBattery_ReplacesTheDraftedPointAndSetsTheDevicesSign()
    {
        // Model 160 at 40121: module 3 starts at 40123 + 8 + 40, its DCW 11 further on; DCW_SF is the model's third register.
        var overrides = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""
            { "points": [ { "name": "mppt3_w", "device": "inverter", "address": 40182, "type": "int16", "scaleFactor": "sf_40125",
                            "poll": "fast", "target": "battery.power" } ],
              "devices": [ { "id": "inverter", "signs": { "battery": "discharge_positive" } } ] }
            """)!;

        (string map, string json, _) = await Discover(overrides, Inverter103(1).Model(160, 8 + (3 * 20), Mppt(3)));

        ReadyMapPolling.AssertValues(json, [("battery.power", -1200), ("pv.mppt2.power", 1100)]);
        System.Text.Json.JsonElement mppt3 = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("pv").GetProperty("mppt3");
        Assert.False(mppt3.TryGetProperty("power", out _));
        Assert.Equal(340.2, mppt3.GetProperty("voltage").GetDouble());
        Assert.Contains("\"discharge_positive\"", map);
        Assert.Contains("\"expect\"", map);
    }

    [Fact]
    public void Overrides_OtherMembers_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => SunSpecSiteMap.Site([], "test", null,
            (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""{"format":"x"}""")!));

        Assert.Equal("format: an override holds only the lists devices, valueMaps, points, metadata, computed", error.Message);
    }
}
