using System.Text;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.MapTools;
using Xunit;

namespace EnergyLogger.Integration.Tests.MapTools;

/// <summary>Vendor register tables into map skeletons that the device's own loader accepts.</summary>
public sealed class RegisterTableTests
{
    // The shape of a Growatt-style input register table: ranges for 32-bit values, gains, headings, a reserved row.
    private const string Growatt = """
        Register Address;Name;Description;Type;Unit;Gain;Function;Target
        ;Input registers;;;;;;
        0;Inverter Status;0 waiting, 1 normal, 3 fault;U16;;;4;
        1-2;Ppv;Input power (high/low);U32;W;10;input;pv.power
        3;Vpv1;PV1 voltage;U16;V;10;4;pv.mppt1.voltage
        93;Temp1;Inverter temperature;S16;°C;10;4;device.temperature
        55;reserved;;;;;4;
        37;Fac;Grid frequency;U16;Hz;100;4;grid.frequency
        38;Pac;Output power;U16;kW;100;4;load.power
        23-27;Serial NO;Serial number;ASCII;;;3;
        """;

    [Fact]
    public void Read_GrowattStyleTable_EveryRowInMapTerms()
    {
        RegisterTable table = RegisterTable.Read(Growatt, AddressStyle.Pdu, null);

        Assert.Empty(table.Errors);
        Assert.Equal(2, table.SkippedRows);
        Assert.Equal(["inverter_status", "ppv", "vpv1", "temp1", "fac", "pac", "serial_no"], table.Points.Select(p => p.Name));
        RegisterPoint ppv = table.Points[1];
        Assert.Equal(("input", 1, "uint32", 0.1, "pv.power"), (ppv.Function, ppv.Address, ppv.Type, ppv.Scale, ppv.Target));
        Assert.Null(ppv.Unit);
        Assert.Equal("int16", table.Points[3].Type);

        // kW on a W field: the scale takes the factor 1000, the unit goes (the target's own applies).
        RegisterPoint pac = table.Points[5];
        Assert.Equal(10, pac.Scale, 12);
        Assert.Null(pac.Unit);
        RegisterPoint serial = table.Points[6];
        Assert.True(serial.IsMetadata);
        Assert.Equal(("holding", 23, "string", 5), (serial.Function, serial.Address, serial.Type, serial.Count));
    }

    [Fact]
    public void Skeleton_GrowattStyleTable_LoadsWithItsTargets()
    {
        RegisterMap map = Load(Growatt, AddressStyle.Pdu, null);

        Assert.Equal(6, map.TelemetryCount);
        Assert.Equal(1, map.MetadataCount);
        PointDefinition ppv = map.Points[map.IndexOfPoint("ppv")];
        Assert.Equal(FunctionCode(4), ppv.Function);
        Assert.Equal(RegisterType.UInt32, ppv.Type);
        Assert.Equal(0.1, ppv.Scale);
        Assert.Equal("pv.power", EnergyLogger.Core.Schema.TelemetrySchema.Field(ppv.Target).Path);
    }

    [Fact]
    public void Read_ModiconReferencesInTsv_TableFromTheLeadingDigit()
    {
        const string table = "name\taddress\ttype\tword order\n"
            + "grid power\t30001\ts32\tlittle\n"
            + "battery soc\t40100\tu16\t\n"
            + "export limit\t400300\tu16\t\n";

        RegisterTable read = RegisterTable.Read(table, AddressStyle.Modicon, null);

        Assert.Empty(read.Errors);
        Assert.Equal([("input", 0, "CDAB"), ("holding", 99, null), ("holding", 299, null)], read.Points.Select(p => (p.Function, p.Address, p.WordOrder)));
        Assert.Equal(3, Load(table, AddressStyle.Modicon, null).TelemetryCount);
    }

    [Fact]
    public void Read_QuotedCsvAndRepeatedNames_KeepsCommasAndMakesNamesUnique()
    {
        const string table = "Name,Address,Scale,Unit,Description\n"
            + "\"Voltage, phase A\",0x0100,x0.1,V,\"the \"\"A\"\" phase\"\n"
            + "Voltage phase A,0101H,1/10,V,\n"
            + "3rd harmonic,258,,%,\n";

        RegisterTable read = RegisterTable.Read(table, AddressStyle.Pdu, null);

        Assert.Empty(read.Errors);
        Assert.Equal(["voltage_phase_a", "voltage_phase_a_2", "r3rd_harmonic"], read.Points.Select(p => p.Name));
        Assert.Equal([256, 257, 258], read.Points.Select(p => p.Address));
        Assert.Equal([0.1, 0.1, 1.0], read.Points.Select(p => p.Scale));
        Assert.Equal("line 2: Voltage, phase A | the \"A\" phase", read.Points[0].Source);
    }

    [Fact]
    public void Read_BadRows_ReportsEveryProblemWithItsLine()
    {
        const string table = "name,address,type,unit,target,function,count\n"
            + "a,12x,u16,,,,\n"
            + "b,1,quad,,,,\n"
            + "c,2,u16,kWh,pv.power,,\n"
            + "d,3,u16,,pv.nonsense,,\n"
            + "e,4,u32,,,,3\n"
            + "f,5,u16,,,coil,\n"
            + "g,6,string,,,,\n"
            + "h,70000,u16,,,,\n";

        RegisterTable read = RegisterTable.Read(table, AddressStyle.Pdu, null);

        Assert.Equal(
        [
            "line 2: address '12x' is not a number or a range",
            "line 3: type 'quad' is not a known data type (u16, s16, u32, s32, u64, s64, float32, string, bool, ...)",
            "line 4: unit kWh does not fit pv.power, which is in W",
            "line 5: target 'pv.nonsense' is not a field of the telemetry schema (docs/telemetry-schema.md)",
            "line 6: 3 registers do not fit uint32 (2)",
            "line 7: a coil is one bit, not uint16",
            "line 8: a string needs its register count (1-32) in the count column or as an address range",
            "line 9: address 70000 is outside 0-65535 (reference numbers need --addresses modicon)",
        ], read.Errors);
        Assert.Empty(read.Points);
    }

    [Fact]
    public void Read_HeaderWithoutAddress_SaysWhichColumnIsMissing()
    {
        RegisterTable read = RegisterTable.Read("name,unit\nx,V\n", AddressStyle.Pdu, null);

        Assert.Equal(["line 1: the header names no address column (address, register, reg, ...)"], read.Errors);
    }

    [Fact]
    public void Read_DefaultWordOrder_AppliesToWideValuesOnly()
    {
        RegisterTable read = RegisterTable.Read("name,address,type\nwide,0,u32\nnarrow,2,u16\nfloat,3,float\n", AddressStyle.Pdu, "CDAB");

        Assert.Equal(["CDAB", null, "CDAB"], read.Points.Select(p => p.WordOrder));
    }

    private static Core.Modbus.FunctionCode FunctionCode(int code) => (Core.Modbus.FunctionCode)code;

    private static RegisterMap Load(string tableText, AddressStyle style, string? wordOrder)
    {
        RegisterTable table = RegisterTable.Read(tableText, style, wordOrder);
        Assert.Empty(table.Errors);
        string text = MapSkeleton.Write("test table", "table.csv", new SkeletonDevice(1, 9600, "none"), table.Points);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        RegisterMap? map = RegisterMapLoader.Load(bytes, 0, bytes.Length, out MapError? error);
        Assert.True(map is not null, $"{error}\n{text}");
        return map;
    }
}
