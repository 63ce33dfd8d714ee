using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using Xunit;
using static EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling;

namespace EnergyLogger.Integration.Tests.ReadyMaps;

/// <summary>
/// The ready maps in tools/register-maps against a real slave: a household scene (PV on MPPT1, the battery
/// discharging, the grid importing, SOC 64 %) is put into the registers each map names, the way that
/// inverter holds them, served by pymodbus over a 9600 baud pty, polled by the engine, and read back from
/// the schema document value by value, signs included.
/// </summary>
public sealed class ReadyMapPeerTests
{
    private const FunctionCode Holding = FunctionCode.ReadHoldingRegisters;
    private const FunctionCode Input = FunctionCode.ReadInputRegisters;

    [Fact]
    public async Task DeyeSg04lp3_HouseholdScene_SchemaDocumentValueByValue()
    {
        RegisterMap map = Load("deye-sg04lp3.json");
        RegisterImage image = DeyeScene(map, withBatteryPack: true);
        Assert.Equal(((ushort)800, (ushort)1500), (image.Word(Holding, 625), image.Word(Holding, 590)));

        (PollEngine engine, string json, string log) = await PollOnce(map, image);

        Assert.True(engine.Stats.Errors == 0, $"{engine.Stats.Errors} failed reads\n{log}");
        Assert.Empty(Flagged(json));
        AssertValues(json,
        [
            ("pv.power", 4300), ("pv.energy_today", 18.4), ("pv.energy_total", 12345.6),
            ("pv.mppt1.voltage", 385.2), ("pv.mppt1.current", 8.3), ("pv.mppt1.power", 3200),
            ("pv.mppt2.voltage", 310.4), ("pv.mppt2.current", 3.5), ("pv.mppt2.power", 1100),
            ("grid.power", -800), ("grid.frequency", 50.01), ("grid.power_factor", 0.98),
            ("grid.import_energy_today", 3.2), ("grid.import_energy_total", 2345.6),
            ("grid.export_energy_today", 7.5), ("grid.export_energy_total", 4567.8),
            ("grid.l1.voltage", 231.2), ("grid.l1.current", 1.3), ("grid.l1.power", -300),
            ("grid.l2.voltage", 229.8), ("grid.l2.current", 1.09), ("grid.l2.power", -250),
            ("grid.l3.voltage", 230.5), ("grid.l3.current", 1.09), ("grid.l3.power", -250),
            ("battery.voltage", 52.34), ("battery.current", -28.66), ("battery.power", -1500), ("battery.soc", 64),
            ("battery.soh", 98), ("battery.temperature", 24.5), ("battery.cycles", 123),
            ("battery.charge_energy_today", 2.1), ("battery.charge_energy_total", 850.2),
            ("battery.discharge_energy_today", 4.3), ("battery.discharge_energy_total", 790.4),
            ("load.power", 6600), ("load.frequency", 50.01), ("load.energy_today", 12.6), ("load.energy_total", 6789),
            ("load.l1.voltage", 230.1), ("load.l1.power", 2200), ("load.l2.voltage", 230), ("load.l2.power", 2200),
            ("load.l3.voltage", 229.9), ("load.l3.power", 2200),
            ("generator.connected", 1), ("generator.power", 0), ("generator.voltage", 229.5),
            ("device.state", 2), ("device.work_mode", 0), ("device.fault_code", 0), ("device.warning_code", 2),
            ("device.temperature", 45.6), ("device.heatsink_temperature", 38.2),
            ("ext.inverter_l1_current", 9.5), ("ext.inverter_l2_current", 9.6), ("ext.inverter_l3_current", 9.4),
        ]);
        Assert.Equal("normal", Text(json, "device.state_text"));
        Assert.Equal("export_first", Text(json, "device.work_mode_text"));
        Assert.Equal("fan failure", Text(json, "device.warning_code_text"));
        Assert.Equal("", Text(json, "device.fault_code_text"));
        AssertEveryTargetPublished(map, json);
        AssertMetadata(engine, ("device_type", 0x0500), ("rated_power", 12000), ("mppt_count", 2), ("phase_count", 3), ("gen_port_mode", 0));
        Assert.Equal("2306123456", engine.Frame.ReadText(map.Points[map.IndexOfPoint("serial_number")]));
    }

    [Fact]
    public async Task GrowattSph_HouseholdScene_SchemaDocumentValueByValue()
    {
        RegisterMap map = Load("growatt-sph.json");
        // Growatt has no signed grid or battery power: unsigned pairs, which the map subtracts in the schema's convention.
        RegisterImage image = new RegisterImage(map)
            .Exists(Input, 0, 124).Exists(Input, 1000, 1124).Exists(Holding, 0, 124).Exists(Holding, 1000, 1124)
            .Set("device_state", 1).Set("system_mode", 5).Set("work_mode", 0).Set("fault_code", 0).Set("warning_code", 0)
            .Set("inverter_temperature", 41.3).Set("ipm_temperature", 45)
            .Set("pv_power", 3200).Set("pv1_voltage", 360.5).Set("pv1_current", 8.8).Set("pv1_power", 3200)
            .Set("pv2_voltage", 0).Set("pv2_current", 0).Set("pv2_power", 0)
            .Set("pv1_energy_today", 14.2).Set("pv2_energy_today", 0).Set("pv_energy_total", 9876.5)
            .Set("grid_frequency", 49.98).Set("grid_voltage", 232.4).Set("inverter_current", 20.3).Set("inverter_power", 4700)
            .Set("grid_import_power", 800).Set("grid_export_power", 0)
            .Set("grid_import_today", 5.6).Set("grid_import_total", 3456.7).Set("grid_export_today", 2.3).Set("grid_export_total", 4321)
            .Set("battery_discharge_power", 1500).Set("battery_charge_power", 0).Set("battery_voltage", 51.2).Set("battery_soc", 64)
            .Set("battery_temperature", 23.4).Set("battery_discharge_today", 3.4).Set("battery_discharge_total", 456.7)
            .Set("battery_charge_today", 4.5).Set("battery_charge_total", 567.8).Set("battery_current", -29.3)
            .Set("battery_cycles", 321).Set("battery_soh", 97)
            .Set("load_power", 5500).Set("load_energy_today", 21.3).Set("load_energy_total", 7654.3)
            .Set("eps_frequency", 0).Set("eps_voltage", 0).Set("eps_current", 0)
            .SetText("firmware_version", "RA1.0").SetText("serial_number", "GRT1234567").Set("device_type_code", 3502)
            .Set("mppt_count", 2).Set("phase_count", 1);

        (PollEngine engine, string json, string log) = await PollOnce(map, image);

        Assert.True(engine.Stats.Errors == 0, $"{engine.Stats.Errors} failed reads\n{log}");
        Assert.Empty(Flagged(json));
        AssertValues(json,
        [
            ("pv.power", 3200), ("pv.energy_today", 14.2), ("pv.energy_total", 9876.5),
            ("pv.mppt1.voltage", 360.5), ("pv.mppt1.current", 8.8), ("pv.mppt1.power", 3200),
            ("pv.mppt2.voltage", 0), ("pv.mppt2.current", 0), ("pv.mppt2.power", 0),
            ("grid.power", -800), ("grid.frequency", 49.98), ("grid.l1.voltage", 232.4),
            ("grid.import_energy_today", 5.6), ("grid.import_energy_total", 3456.7),
            ("grid.export_energy_today", 2.3), ("grid.export_energy_total", 4321),
            ("battery.voltage", 51.2), ("battery.current", -29.3), ("battery.power", -1500), ("battery.soc", 64),
            ("battery.soh", 97), ("battery.temperature", 23.4), ("battery.cycles", 321),
            ("battery.charge_energy_today", 4.5), ("battery.charge_energy_total", 567.8),
            ("battery.discharge_energy_today", 3.4), ("battery.discharge_energy_total", 456.7),
            ("load.power", 5500), ("load.energy_today", 21.3), ("load.energy_total", 7654.3),
            ("device.state", 1), ("device.work_mode", 0), ("device.fault_code", 0), ("device.warning_code", 0),
            ("device.temperature", 41.3), ("device.heatsink_temperature", 45),
            ("ext.system_mode", 5), ("ext.inverter_current", 20.3), ("ext.inverter_power", 4700),
            ("ext.grid_import_power", 800), ("ext.grid_export_power", 0),
            ("ext.battery_discharge_power", 1500), ("ext.battery_charge_power", 0),
            ("ext.pv1_energy_today", 14.2), ("ext.pv2_energy_today", 0),
            ("ext.eps_frequency", 0), ("ext.eps_voltage", 0), ("ext.eps_current", 0),
        ]);
        Assert.Equal("normal", Text(json, "device.state_text"));
        Assert.Equal("load_first", Text(json, "device.work_mode_text"));
        AssertEveryTargetPublished(map, json);
        AssertMetadata(engine, ("device_type_code", 3502), ("mppt_count", 2), ("phase_count", 1));
        Assert.Equal("RA1.0", engine.Frame.ReadText(map.Points[map.IndexOfPoint("firmware_version")]));
        Assert.Equal("GRT1234567", engine.Frame.ReadText(map.Points[map.IndexOfPoint("serial_number")]));
    }

    [Fact]
    public async Task DeyeSg04lp3_FirmwareWithoutBatteryPackRegisters_SohAndCyclesUnsupportedOnceTheRestPublished()
    {
        RegisterMap map = Load("deye-sg04lp3.json");

        (PollEngine engine, string json, _) = await PollOnce(map, DeyeScene(map, withBatteryPack: false));

        // 10048-10056 in one read is refused, split at the hole, and each point alone is refused (RELIABILITY M2).
        Assert.Equal((3, 1), (engine.Stats.Of(ModbusStatus.Exception), engine.Stats.Replans));
        Assert.Equal(3, engine.Stats.Errors);
        string[] unsupported = Enumerable.Range(0, engine.Unsupported.Count).Select(i => map.Points[engine.Unsupported.Point(i)].Name).ToArray();
        Assert.Equal(["battery_soh", "battery_cycles"], unsupported);
        Assert.Equal(new Dictionary<string, string> { ["battery.soh"] = "unsupported", ["battery.cycles"] = "unsupported" }, Flagged(json));
        AssertValues(json, [("battery.soc", 64), ("battery.power", -1500), ("grid.power", -800), ("pv.power", 4300)]);
        AssertEveryTargetPublished(map, json, "battery.soh", "battery.cycles");
    }

    /// <summary>
    /// The Deye household scene. The device signs grid + = import and battery + = discharge; Set encodes in its
    /// convention. Without the battery pack registers (10000 on) the slave refuses them with exception 02.
    /// </summary>
    internal static RegisterImage DeyeScene(RegisterMap map, bool withBatteryPack)
    {
        RegisterImage image = new RegisterImage(map).Exists(Holding, 0, 999);
        if (withBatteryPack)
        {
            image.Exists(Holding, 10000, 10099).Set("battery_soh", 98).Set("battery_cycles", 123);
        }

        return image
            .Set("pv1_power", 3200).Set("pv2_power", 1100).Set("pv1_voltage", 385.2).Set("pv1_current", 8.3)
            .Set("pv2_voltage", 310.4).Set("pv2_current", 3.5).Set("pv_energy_today", 18.4).Set("pv_energy_total", 12345.6)
            .Set("grid_l1_voltage", 231.2).Set("grid_l2_voltage", 229.8).Set("grid_l3_voltage", 230.5).Set("grid_frequency", 50.01)
            .Set("grid_l1_current", 1.3).Set("grid_l2_current", 1.09).Set("grid_l3_current", 1.09).Set("grid_power_factor", 0.98)
            .Set("grid_l1_power", -300).Set("grid_l2_power", -250).Set("grid_l3_power", -250).Set("grid_power", -800)
            .Set("grid_import_today", 3.2).Set("grid_export_today", 7.5).Set("grid_import_total", 2345.6).Set("grid_export_total", 4567.8)
            .Set("battery_temperature", 24.5).Set("battery_voltage", 52.34).Set("battery_soc", 64).Set("battery_power", -1500)
            .Set("battery_current", -28.66).Set("battery_charge_today", 2.1).Set("battery_discharge_today", 4.3)
            .Set("battery_charge_total", 850.2).Set("battery_discharge_total", 790.4)
            .Set("load_l1_voltage", 230.1).Set("load_l2_voltage", 230).Set("load_l3_voltage", 229.9)
            .Set("load_l1_power", 2200).Set("load_l2_power", 2200).Set("load_l3_power", 2200).Set("load_power", 6600)
            .Set("load_frequency", 50.01).Set("load_energy_today", 12.6).Set("load_energy_total", 6789)
            .Set("inverter_l1_current", 9.5).Set("inverter_l2_current", 9.6).Set("inverter_l3_current", 9.4)
            .Set("generator_connected", 1).Set("generator_voltage", 229.5).Set("generator_power", 0)
            .Set("device_state", 2).Set("work_mode", 0).Set("warning_code", 2).Set("fault_code", 0)
            .Set("dc_temperature", 45.6).Set("ac_temperature", 38.2)
            .Set("device_type", 0x0500).SetText("serial_number", "2306123456").Set("rated_power", 12000)
            .Set("mppt_count", 2).Set("phase_count", 3).Set("gen_port_mode", 0);
    }

    private static void AssertMetadata(PollEngine engine, params (string Name, double Value)[] expected)
    {
        foreach ((string name, double value) in expected)
        {
            int slot = engine.Map.IndexOfPoint(name);
            Assert.Equal((name, ValueQuality.Ok, value), (name, engine.Values.Quality[slot], engine.Values.Values[slot]));
        }
    }
}
