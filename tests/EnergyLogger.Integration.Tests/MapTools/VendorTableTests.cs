using System.Text;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.MapTools;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;

namespace EnergyLogger.Integration.Tests.MapTools;

/// <summary>
/// <c>map from-registers</c> on an excerpt of each vendor's register table, in the vendor's own layout (columns,
/// type names, gains, units with the resolution in front, section headings, Victron's dividing "Scalefactor"):
/// the draft must load, take every row, and give each register the address, type, length and scale of the ready
/// map's point at that address. The excerpts (MapTools/VendorTables) are written from the facts on docs/brands.
/// </summary>
public sealed class VendorTableTests
{
    [Theory]
    [InlineData("huawei.csv", "huawei-sun2000-m1.json", 18)]
    [InlineData("goodwe.csv", "goodwe-et.json", 17)]
    [InlineData("solis.csv", "solis-rhi.json", 18)]
    [InlineData("victron.csv", "victron-gx.json", 12)]
    public void Draft_FromTheVendorsTable_MatchesTheReadyMapRegisterByRegister(string tableFile, string mapFile, int rows)
    {
        RegisterTable table = RegisterTable.Read(File.ReadAllText(TablePath(tableFile)), AddressStyle.Pdu, null);
        Assert.Empty(table.Errors);
        Assert.Equal(rows, table.Points.Count);

        RegisterMap draft = LoadDraft(tableFile, table);
        RegisterMap ready = ReadyMapPolling.Load(mapFile);

        foreach (PointDefinition point in draft.Points)
        {
            PointDefinition? match = ready.Points.FirstOrDefault(r => r.Function == point.Function && r.Address == point.Address);
            Assert.True(match is not null, $"{tableFile}: the ready map has no point at {point.Function} {point.Address} ({point.Name})");
            Assert.Equal((point.Name, match.Type, match.Count), (point.Name, point.Type, point.Count));
            Assert.True(Math.Abs(match.Scale - point.Scale) < 1e-12 * Math.Abs(match.Scale), $"{tableFile} {point.Name}: scale {point.Scale}, the ready map's {match.Name} has {match.Scale}");
        }
    }

    [Fact]
    public void Read_SolisLayout_UnitsCarryTheResolutionAndTheHeadingNamesTheInputTable()
    {
        RegisterTable table = RegisterTable.Read(File.ReadAllText(TablePath("solis.csv")), AddressStyle.Pdu, null);

        Assert.All(table.Points, p => Assert.Equal("input", p.Function));
        RegisterPoint energy = table.Points.Single(p => p.Address == 33035);
        Assert.Equal((0.1, "kWh"), (energy.Scale, energy.Unit));
        RegisterPoint temperature = table.Points.Single(p => p.Address == 33093);
        Assert.Equal((0.1, "degC"), (temperature.Scale, temperature.Unit));
        RegisterPoint powerFactor = table.Points.Single(p => p.Address == 33281);
        Assert.Equal((0.01, null), (powerFactor.Scale, powerFactor.Unit));
    }

    [Fact]
    public void Read_VictronLayout_ScalefactorDividesAndStringLengthComesFromTheType()
    {
        RegisterTable table = RegisterTable.Read(File.ReadAllText(TablePath("victron.csv")), AddressStyle.Pdu, null);

        RegisterPoint voltage = table.Points.Single(p => p.Address == 840);
        Assert.Equal((0.1, "V", "battery_voltage_system"), (voltage.Scale, voltage.Unit, voltage.Name));
        RegisterPoint serial = table.Points.Single(p => p.Address == 800);
        Assert.Equal(("string", 6, true), (serial.Type, serial.Count, serial.IsMetadata));
        Assert.Equal("degC", table.Points.Single(p => p.Address == 262).Unit);
    }

    [Fact]
    public void Read_ScalefactorOutsideVictronsLayout_StillMultiplies()
    {
        RegisterTable table = RegisterTable.Read("name,address,scale factor\nvoltage,10,0.1\n", AddressStyle.Pdu, null);

        Assert.Equal(0.1, table.Points.Single().Scale);
    }

    [Fact]
    public void Read_HuaweiLayout_KilowattsWithGainAreWattsAndNotApplicableIsNoUnit()
    {
        RegisterTable table = RegisterTable.Read(File.ReadAllText(TablePath("huawei.csv")), AddressStyle.Pdu, null);

        RegisterPoint input = table.Points.Single(p => p.Address == 32064);
        Assert.Equal(("int32", 1.0, "W"), (input.Type, input.Scale, input.Unit));
        Assert.Null(table.Points.Single(p => p.Address == 32089).Unit);
        Assert.Equal(("string", 15), (table.Points[0].Type, table.Points[0].Count));
    }

    private static RegisterMap LoadDraft(string tableFile, RegisterTable table)
    {
        string text = MapSkeleton.Write("draft of " + tableFile, tableFile, new SkeletonDevice(1, 9600, "none"), table.Points);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        RegisterMap? map = RegisterMapLoader.Load(bytes, 0, bytes.Length, out MapError? error);
        Assert.True(map is not null, $"{tableFile}: the draft does not load: {error}\n{text}");
        return map!;
    }

    private static string TablePath(string file) =>
        Path.Combine(ReadyMapPolling.RepoRoot(), "tests", "EnergyLogger.Integration.Tests", "MapTools", "VendorTables", file);
}
