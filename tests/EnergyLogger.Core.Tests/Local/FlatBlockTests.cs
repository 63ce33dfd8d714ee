using EnergyLogger.Core.Local;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class FlatBlockTests
{
    private static readonly DeviceIdentity Identity = new("EnergyLogger", "deye", "1.2.3", "aabbccddeeff");

    public static TheoryData<string, double, ValueQuality, uint> Fields => new()
    {
        { "grid.power", -2500, ValueQuality.Ok, unchecked((uint)-2500) },
        { "grid.l1.voltage", 230.44, ValueQuality.Ok, 2304 },
        { "battery.current", -12.345, ValueQuality.Ok, unchecked((uint)-1235) },
        { "grid.frequency", 50.02, ValueQuality.Ok, 5002 },
        { "pv.energy_total", 12345.67, ValueQuality.Ok, 1234567 },
        { "battery.soc", 87.5, ValueQuality.Ok, 875 },
        { "device.temperature", -4.25, ValueQuality.Ok, unchecked((uint)-43) },
        { "grid.power_factor", -0.987, ValueQuality.Ok, unchecked((uint)-987) },
        { "battery.cycles", 412, ValueQuality.Ok, 412 },
        { "device.fault_code", 0x80000001, ValueQuality.Ok, 0x80000001 },
        { "device.state", 2, ValueQuality.Ok, 2 },
        { "generator.connected", 1, ValueQuality.Ok, 1 },
        { "grid.power", 0, ValueQuality.Ok, 0 },
        // Not good or not representable: the not-implemented pattern, never a zero.
        { "grid.power", 1200, ValueQuality.Stale, 0x80000000 },
        { "battery.soc", 50, ValueQuality.OutOfRange, 0x80000000 },
        { "pv.energy_total", double.NaN, ValueQuality.Ok, 0x80000000 },
        { "pv.power", 3e12, ValueQuality.Ok, 0x80000000 },
        { "device.fault_code", 0x1_0000_0000, ValueQuality.Ok, 0xFFFFFFFF },
        { "device.warning_code", 5, ValueQuality.Torn, 0xFFFFFFFF },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Encode_FieldValue_ReadsScaledOrNotImplemented(string path, double value, ValueQuality quality, uint expected)
    {
        Sample sample = LocalSamples.Deye();
        sample.Set(path, value, quality);
        var image = new RegisterImage(Identity, new LocalSwitch(true, 502, 1));

        image.Publish(sample);

        ushort[] words = image.Read(FlatBlock.Offset(TelemetrySchema.IndexOf(path)), 2);
        Assert.Equal(expected, ((uint)words[0] << 16) | words[1]);
    }

    [Fact]
    public void Encode_FieldTheMapDoesNotFeed_ReadsNotImplemented()
    {
        Sample sample = LocalSamples.Feeding("grid.power");
        var image = new RegisterImage(Identity, new LocalSwitch(true, 502, 1));

        image.Publish(sample);

        Assert.Equal(new ushort[] { 0x8000, 0 }, image.Read(FlatBlock.Offset(TelemetrySchema.IndexOf("pv.power")), 2));
        Assert.Equal(new ushort[] { 0, 0 }, image.Read(FlatBlock.Offset(TelemetrySchema.IndexOf("grid.power")), 2));
    }

    [Fact]
    public void Encode_Header_HoldsVersionsSequenceAndTime()
    {
        Sample sample = LocalSamples.Deye();
        sample.Sequence = 0x0001_0002_0003_0004;
        sample.UnixMs = 1767225600000;
        sample.ClockSynced = true;
        var image = new RegisterImage(Identity, new LocalSwitch(true, 502, 1));

        image.Publish(sample);

        Assert.Equal(new ushort[] { 1, 1, 1, 2, 3, 4, 0, 0x019B, 0x76DA, 0xA800 }, image.Read(0, FlatBlock.HeaderRegisters));
    }

    [Fact]
    public void Encode_ClockNotSynced_TimeReadsAllOnes()
    {
        Sample sample = LocalSamples.Deye();
        sample.ClockSynced = false;
        var image = new RegisterImage(Identity, new LocalSwitch(true, 502, 1));

        image.Publish(sample);

        Assert.Equal(new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF }, image.Read(6, 4));
    }

    [Fact]
    public void Layout_EveryField_TwoRegistersInSchemaOrder()
    {
        Assert.Equal(10 + (2 * TelemetrySchema.FieldCount), FlatBlock.Length);
        Assert.Equal(10, FlatBlock.Offset(0));
        Assert.Equal(FlatBlock.Length - 2, FlatBlock.Offset(TelemetrySchema.FieldCount - 1));
    }
}
