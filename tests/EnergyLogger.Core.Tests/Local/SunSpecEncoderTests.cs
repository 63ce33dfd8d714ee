using EnergyLogger.Core.Local;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class SunSpecEncoderTests
{
    private const int Base = SunSpecModels.BaseAddress;
    private static readonly DeviceIdentity Identity = new("EnergyLogger", "deye-sg04lp3", "1.2.3", "aabbccddeeff");

    /// <summary>Walks the chain as a SunSpec client does: the models' ids and lengths in order.</summary>
    private static List<(int Id, int Length, int Start)> Walk(RegisterImage image)
    {
        Assert.Equal(new ushort[] { 0x5375, 0x6E53 }, image.Read(Base, 2));
        var models = new List<(int, int, int)>();
        int at = Base + 2;
        while (true)
        {
            ushort[] head = image.Read(at, 2);
            models.Add((head[0], head[1], at + 2));
            if (head[0] == 0xFFFF)
            {
                return models;
            }

            at += 2 + head[1];
        }
    }

    private static RegisterImage Publish(Sample sample)
    {
        var image = new RegisterImage(Identity, new LocalSwitch(true, 502, 3));
        image.Publish(sample);
        return image;
    }

    private static ushort Point(RegisterImage image, int model, int offset)
    {
        var (_, _, start) = Walk(image).First(m => m.Id == model);
        return image.Read(start + offset, 1)[0];
    }

    private static double Scaled(RegisterImage image, int model, int offset, int sfOffset)
    {
        return (short)Point(image, model, offset) * Math.Pow(10, (short)Point(image, model, sfOffset));
    }

    [Fact]
    public void Encode_DeyeThreePhaseHybrid_ChainsCommonInverter103MpptStorageBatteryMeterAndEnd()
    {
        var models = Walk(Publish(LocalSamples.Deye()));

        Assert.Equal(new[] { (1, 66), (103, 50), (160, 48), (124, 24), (802, 62), (203, 105), (0xFFFF, 0) }, models.Select(m => (m.Id, m.Length)));
    }

    public static TheoryData<string[], int[]> Chains => new()
    {
        { new[] { "pv.power" }, new[] { 1, 101, 0xFFFF } },
        { new[] { "grid.power", "grid.l1.voltage" }, new[] { 1, 101, 203, 0xFFFF } },
        { new[] { "grid.l2.voltage" }, new[] { 1, 102, 0xFFFF } },
        { new[] { "grid.l3.power" }, new[] { 1, 103, 0xFFFF } },
        { new[] { "pv.mppt3.power" }, new[] { 1, 101, 160, 0xFFFF } },
        { new[] { "battery.soc" }, new[] { 1, 101, 124, 802, 0xFFFF } },
        { new[] { "battery.current" }, new[] { 1, 101, 124, 802, 0xFFFF } },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void Encode_MapFeeding_ChainsTheModelsItHasDataFor(string[] fed, int[] expected)
    {
        Assert.Equal(expected, Walk(Publish(LocalSamples.Feeding(fed))).Select(m => m.Id));
    }

    [Fact]
    public void Encode_ThirdMpptOnly_ThreeModulesTheFirstTwoNotImplemented()
    {
        Sample sample = LocalSamples.Feeding("pv.mppt3.power");
        sample.Set("pv.mppt3.power", 1500);
        RegisterImage image = Publish(sample);

        Assert.Equal(3, Point(image, 160, 6));
        Assert.Equal(0xFFFF, Point(image, 160, 8 + 11));
        Assert.Equal(1500, Point(image, 160, 8 + 40 + 11));
        Assert.Equal(3, Point(image, 160, 8 + 40));
    }

    [Fact]
    public void Encode_Common_NamesTheLoggerMapVersionSerialAndUnit()
    {
        RegisterImage image = Publish(LocalSamples.Deye());
        var (_, _, start) = Walk(image).First(m => m.Id == 1);
        ushort[] common = image.Read(start, 66);

        Assert.Equal("EnergyLogger", Text(common, 0, 16));
        Assert.Equal("deye-sg04lp3", Text(common, 16, 16));
        Assert.Equal("1.2.3", Text(common, 40, 8));
        Assert.Equal("aabbccddeeff", Text(common, 48, 16));
        Assert.Equal(3, common[64]);
    }

    private static string Text(ushort[] words, int at, int count) =>
        new string(words.Skip(at).Take(count).SelectMany(w => new[] { (char)(w >> 8), (char)(w & 0xFF) }).ToArray()).TrimEnd('\0');

    public static TheoryData<string, double, int, int, int, double> Points => new()
    {
        // path, value, model, point offset, scale-factor offset, value read back
        { "grid.l1.voltage", 231.4, 103, 8, 11, 231.4 },
        { "grid.frequency", 49.98, 103, 14, 15, 49.98 },
        { "pv.power", 4200, 103, 29, 30, 4200 },
        { "device.temperature", 41.5, 103, 31, 35, 41.5 },
        { "device.heatsink_temperature", 55, 103, 32, 35, 55 },
        { "pv.mppt1.voltage", 512.3, 160, 8 + 10, 1, 512.3 },
        { "pv.mppt2.current", 9.87, 160, 28 + 9, 0, 9.87 },
        { "pv.mppt1.power", 3100, 160, 8 + 11, 2, 3100 },
        { "battery.soc", 64, 124, 6, 20, 64 },
        { "battery.voltage", 52.1, 124, 8, 22, 52.1 },
        { "battery.soc", 64, 802, 9, 54, 64 },
        { "battery.soh", 97.5, 802, 11, 56, 97.5 },
        { "battery.voltage", 52.1, 802, 32, 57, 52.1 },
        // 802's A and W keep the schema's sign: positive while charging.
        { "battery.current", -23.45, 802, 42, 59, -23.45 },
        { "battery.power", 1250, 802, 45, 61, 1250 },
        { "grid.l2.current", -7.25, 203, 2, 4, -7.25 },
        { "grid.l3.voltage", 229.9, 203, 8, 13, 229.9 },
        { "grid.frequency", 50.01, 203, 14, 15, 50.01 },
        // SunSpec meters count import as positive: the schema's export (+) reads negative.
        { "grid.power", 1800, 203, 16, 20, -1800 },
        { "grid.l1.power", -600, 203, 17, 20, 600 },
        { "grid.power_factor", 0.95, 203, 31, 35, 95 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Encode_SchemaValue_ReadsBackThroughItsScaleFactor(string path, double value, int model, int offset, int sfOffset, double expected)
    {
        Sample sample = LocalSamples.Deye();
        sample.Set(path, value);

        double read = Scaled(Publish(sample), model, offset, sfOffset);

        Assert.Equal(expected, read, 6);
    }

    [Fact]
    public void Encode_PowerBeyondInt16_RaisesTheScaleFactorInsteadOfOverflowing()
    {
        Sample sample = LocalSamples.Deye();
        sample.Set("grid.power", -45000);
        sample.Set("grid.l1.power", -15000);
        RegisterImage image = Publish(sample);

        Assert.Equal(1, (short)Point(image, 203, 20));
        Assert.Equal(4500, (short)Point(image, 203, 16));
        Assert.Equal(1500, (short)Point(image, 203, 17));
    }

    [Fact]
    public void Encode_InverterPower_IsPvLessBatteryCharging()
    {
        Sample sample = LocalSamples.Deye();
        sample.Set("pv.power", 5000);
        sample.Set("battery.power", 1200);

        Assert.Equal(3800, Scaled(Publish(sample), 103, 12, 13));
    }

    public static TheoryData<double, int> ChargeStates => new()
    {
        { 800, 4 },
        { -800, 3 },
        { 0, 6 },
    };

    [Theory]
    [MemberData(nameof(ChargeStates))]
    public void Encode_BatteryPower_GivesTheStorageChargeStatus(double power, int expected)
    {
        Sample sample = LocalSamples.Deye();
        sample.Set("battery.power", power);

        RegisterImage image = Publish(sample);

        Assert.Equal(expected, Point(image, 124, 9));
        Assert.Equal(expected, Point(image, 802, 14));
    }

    [Fact]
    public void Encode_BatteryCycles_IsAnUnscaledUint32()
    {
        Sample sample = LocalSamples.Deye();
        sample.Set("battery.cycles", 70000);
        RegisterImage image = Publish(sample);

        Assert.Equal(70000, (Point(image, 802, 12) << 16) | Point(image, 802, 13));

        sample.Set("battery.cycles", 5, ValueQuality.Stale);
        image = Publish(sample);
        Assert.Equal(0xFFFF, Point(image, 802, 12));
        Assert.Equal(0xFFFF, Point(image, 802, 13));
    }

    public static TheoryData<string, int, int, int> NotImplemented => new()
    {
        // path made stale, model, offset, the pattern it reads
        { "grid.l1.voltage", 103, 8, 0xFFFF },
        { "grid.frequency", 103, 15, 0x8000 },
        { "pv.power", 103, 29, 0x8000 },
        { "battery.soc", 124, 6, 0xFFFF },
        { "battery.power", 124, 9, 0xFFFF },
        { "battery.soc", 802, 9, 0xFFFF },
        { "battery.soc", 802, 54, 0x8000 },
        { "battery.current", 802, 42, 0x8000 },
        { "battery.power", 802, 14, 0xFFFF },
        { "grid.power", 203, 16, 0x8000 },
        { "pv.energy_total", 103, 23, 0 },
        { "device.state", 103, 37, 0xFFFF },
    };

    [Theory]
    [MemberData(nameof(NotImplemented))]
    public void Encode_ValueNotGood_ReadsNotImplemented(string path, int model, int offset, int expected)
    {
        Sample sample = LocalSamples.Deye();
        sample.Set(path, 123, ValueQuality.Stale);

        Assert.Equal(expected, Point(Publish(sample), model, offset));
    }

    [Fact]
    public void Encode_PointsTheSchemaHasNoValueFor_ReadNotImplementedNotZero()
    {
        RegisterImage image = Publish(LocalSamples.Deye());

        Assert.Equal(0xFFFF, Point(image, 103, 0));
        Assert.Equal(0x8000, Point(image, 103, 4));
        Assert.Equal(0x8000, Point(image, 103, 16));
        Assert.Equal(0xFFFF, Point(image, 103, 36));
        Assert.Equal(0xFFFF, Point(image, 124, 0));
        // 802: ratings, DoD, State, the events, cell voltages and the controls; ReqW and unused scale factors are int16.
        foreach (int offset in new[] { 0, 8, 10, 15, 20, 22, 23, 24, 31, 33, 41, 43, 46, 48, 49 })
        {
            Assert.Equal(0xFFFF, Point(image, 802, offset));
        }

        foreach (int offset in new[] { 47, 50, 53, 55, 58, 60 })
        {
            Assert.Equal(0x8000, Point(image, 802, offset));
        }

        Assert.Equal(0x8000, Point(image, 203, 21));
    }

    [Fact]
    public void Encode_EnergyTotals_AreWatthourAccumulators()
    {
        Sample sample = LocalSamples.Deye();
        sample.Set("grid.export_energy_total", 1234.5);
        sample.Set("grid.import_energy_total", 99.9);
        RegisterImage image = Publish(sample);

        Assert.Equal(1234500u, ((uint)Point(image, 203, 36) << 16) | Point(image, 203, 37));
        Assert.Equal(99900u, ((uint)Point(image, 203, 44) << 16) | Point(image, 203, 45));
        Assert.Equal(0, Point(image, 203, 52));
    }
}
