using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

public class RegisterMapLoaderTests
{
    [Fact]
    public void Load_FullPoint_BuildsTheModel()
    {
        RegisterMap map = Load(With(
            devices: """
                [{"id":"inv","slave":7,"baud":19200,"parity":"even","maxRegisters":64,"minGapMs":850,"timeoutMs":500,
                  "neverRead":[{"function":"input","from":50,"to":52}],"endpoint":"tok-1",
                  "signs":{"grid":"import_positive","battery":"discharge_positive"},"maxPowerW":12000}]
                """,
            valueMaps: """[{"name":"state","values":{"0":"standby","2":"normal","-1":"unknown"}}]""",
            points: List(
                """
                {"name":"grid_power","function":"input","address":625,"type":"int32","wordOrder":"CDAB","scale":0.1,"offset":-5,
                 "unit":"W","sentinels":[2147483647,"0x80000000"],"validMin":-20000,"validMax":20000,"poll":"fast","target":"grid.power"}
                """,
                """{"name":"state","address":500,"valueMap":"state","target":"device.state"}""",
                """{"name":"limit","address":143,"writable":true,"writeMin":0,"writeMax":100}"""),
            metadata: List("""{"name":"serial","address":3,"type":"string","count":5}""")));

        DeviceDefinition d = map.Devices[0];
        Assert.Equal(("inv", (byte)7, 19200, SerialParity.Even, 64, 850, 500), (d.Id, d.Slave, d.BaudRate, d.Parity, d.MaxRegisters, d.MinGapMs, d.ResponseTimeoutMs));
        Assert.True(d.NeverRead.Overlaps(FunctionCode.ReadInputRegisters, 51, 51));
        Assert.Equal(GridSign.ImportPositive, d.GridSign);
        Assert.Equal(BatterySign.DischargePositive, d.BatterySign);
        Assert.Equal(12000, d.MaxPowerW);
        Assert.Equal(new[] { null, "tok-1" }, map.Endpoints);
        Assert.Equal(1, d.EndpointGroup);

        PointDefinition p = map.Points[0];
        Assert.Equal((FunctionCode.ReadInputRegisters, 625, RegisterType.Int32, 2, WordOrder.Cdab), (p.Function, p.Address, p.Type, p.Count, p.Order));
        Assert.Equal((0.1, -5.0, "W", PollClass.Fast), (p.Scale, p.Offset, p.Unit, p.Poll));
        Assert.Equal(new long[] { int.MaxValue, int.MinValue }, p.Sentinels);
        Assert.Equal((-20000.0, 20000.0), (p.ValidMin, p.ValidMax));
        Assert.Equal(TelemetrySchema.IndexOf("grid.power"), p.Target);

        PointDefinition state = map.Points[1];
        Assert.Equal((FunctionCode.ReadHoldingRegisters, RegisterType.UInt16, WordOrder.Abcd, PollClass.Normal), (state.Function, state.Type, state.Order, state.Poll));
        Assert.Equal("normal", map.ValueMaps[state.ValueMap].Lookup(2));
        Assert.Equal("unknown", map.ValueMaps[state.ValueMap].Lookup(-1));
        Assert.Null(map.ValueMaps[state.ValueMap].Lookup(1));
        Assert.Equal((true, 0.0, 100.0), (map.Points[2].Writable, map.Points[2].WriteMin, map.Points[2].WriteMax));

        PointDefinition serial = map.Points[3];
        Assert.True(serial.IsMetadata);
        Assert.Equal((5, PollClass.Once), (serial.Count, serial.Poll));
        Assert.Equal(3, map.TelemetryCount);
        Assert.Equal(1, map.MetadataCount);
        Assert.Equal(new[] { 0, 2, 3, 4 }, map.Points.Select(x => x.WordOffset));
        Assert.Equal(9, map.WordCount);
    }

    [Theory]
    [InlineData("uint8_high", RegisterType.UInt8High, 1, RegisterType.UInt8High)]
    [InlineData("uint8_low", RegisterType.UInt8Low, 1, RegisterType.UInt8Low)]
    [InlineData("int16", RegisterType.Int16, 1, RegisterType.Int16)]
    [InlineData("uint32", RegisterType.UInt32, 2, RegisterType.UInt32)]
    [InlineData("float32", RegisterType.Float32, 2, RegisterType.UInt32)]
    [InlineData("uint64", RegisterType.UInt64, 4, RegisterType.UInt64)]
    [InlineData("int64", RegisterType.Int64, 4, RegisterType.Int64)]
    [InlineData("bool", RegisterType.Bool, 1, RegisterType.UInt16)]
    public void Load_EachType_SetsCountAndRawType(string name, RegisterType type, int count, RegisterType raw)
    {
        PointDefinition p = Load(With(points: List($$"""{"name":"p","address":10,"type":"{{name}}"}"""))).Points[0];

        Assert.Equal((type, count, raw), (p.Type, p.Count, p.RawType));
    }

    [Fact]
    public void Load_CoilWithoutType_IsABool()
    {
        PointDefinition p = Load(With(points: List("""{"name":"relay","function":"coil","address":3}"""))).Points[0];

        Assert.Equal((FunctionCode.ReadCoils, RegisterType.Bool, RegisterType.Bool, 1), (p.Function, p.Type, p.RawType, p.Count));
    }

    [Theory]
    [InlineData("\"bit\":3", 0x8UL, 3)]
    [InlineData("\"mask\":\"0x0F00\"", 0xF00UL, 8)]
    [InlineData("\"mask\":15", 0xFUL, 0)]
    public void Load_BitOrMask_SetsMaskAndShift(string member, ulong mask, int shift)
    {
        PointDefinition p = Load(With(points: List("{\"name\":\"p\",\"address\":552," + member + "}"))).Points[0];

        Assert.Equal((mask, shift), (p.Mask, p.Shift));
    }

    [Theory]
    [InlineData("int16", "[32768,-32768,\"0x8000\",32767]", new long[] { -32768, -32768, -32768, 32767 })]
    [InlineData("uint16", "[65535,\"0xFFFF\"]", new long[] { 65535, 65535 })]
    [InlineData("int32", "[2147483647,\"0x80000000\",4294967295]", new long[] { int.MaxValue, int.MinValue, -1 })]
    [InlineData("uint32", "[\"0xFFFFFFFF\"]", new long[] { 0xFFFFFFFFL })]
    [InlineData("float32", "[\"0x7FC00000\"]", new long[] { 0x7FC00000L })]
    [InlineData("uint64", "[\"0xFFFFFFFFFFFFFFFF\"]", new long[] { -1 })]
    [InlineData("int64", "[\"0x8000000000000000\",-9223372036854775808]", new long[] { long.MinValue, long.MinValue })]
    [InlineData("uint8_low", "[255]", new long[] { 255 })]
    public void Load_Sentinels_AreNormalisedToTheDecodedDomain(string type, string sentinels, long[] expected)
    {
        PointDefinition p = Load(With(points: List($$"""{"name":"p","address":0,"type":"{{type}}","sentinels":{{sentinels}}}"""))).Points[0];

        Assert.Equal(expected, p.Sentinels);
    }

    [Fact]
    public void Load_PointWithoutDeviceAmongSeveral_NamesItsDevice()
    {
        RegisterMap map = Load(With(
            devices: """[{"id":"inv","slave":1},{"id":"meter","slave":2,"endpoint":"m"},{"id":"bms","slave":3,"endpoint":"m"}]""",
            points: List("""{"name":"a","device":"meter","address":1}""", """{"name":"b","device":"bms","address":1}""")));

        Assert.Equal(1, map.Points[0].Device);
        Assert.Equal(2, map.Points[1].Device);
        Assert.Equal(new[] { 0, 1, 1 }, map.Devices.Select(d => d.EndpointGroup));
        Assert.Equal(new[] { null, "m" }, map.Endpoints);
    }

    [Fact]
    public void Load_SameTargetInTwoEndpointGroups_IsAllowed()
    {
        RegisterMap map = Load(With(
            devices: """[{"id":"inv","slave":1},{"id":"meter","slave":2,"endpoint":"m"}]""",
            points: List("""{"name":"a","device":"inv","address":1,"target":"grid.power"}""", """{"name":"b","device":"meter","address":1,"target":"grid.power"}""")));

        Assert.Equal(map.Points[0].Target, map.Points[1].Target);
    }

    [Fact]
    public void Load_SourceAsListOfCitations_IsAccepted()
    {
        string json = With().Replace("\"name\":\"test\"", "\"name\":\"test\",\"source\":[\"[KB] docs\",\"[DR] deye_p3.yaml\"]");

        Assert.Equal("test", Load(json).Name);
    }

    [Fact]
    public void Load_TargetWithoutUnit_TakesTheSchemaUnit()
    {
        Assert.Equal("kWh", Load(With(points: List("""{"name":"e","address":1,"target":"pv.energy_total"}"""))).Points[0].Unit);
    }

    [Fact]
    public void Load_Utf8Bytes_MatchesTheStringOverload()
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes("  " + With(points: List("""{"name":"p","address":1,"unit":"°C"}""")) + "  ");

        RegisterMap? map = RegisterMapLoader.Load(bytes, 0, bytes.Length, out MapError? error);

        Assert.Null(error);
        Assert.Equal("°C", map!.Points[0].Unit);
    }

    [Theory]
    [InlineData("deye-sg04lp3.json")]
    [InlineData("growatt-sph.json")]
    public void Load_ReadyMapSavedWithAByteOrderMark_Loads(string file)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(MapFiles.Path(file))];

        RegisterMap? map = RegisterMapLoader.Load(bytes, 0, bytes.Length, out MapError? error);

        Assert.Null(error);
        Assert.NotEmpty(map!.Points);
    }
}
