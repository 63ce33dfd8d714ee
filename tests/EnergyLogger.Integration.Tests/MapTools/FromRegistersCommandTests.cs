using Xunit;

namespace EnergyLogger.Integration.Tests.MapTools;

/// <summary><c>energylogger map from-registers</c> as the real process: table in, map out, and the map passes <c>map validate</c>.</summary>
public sealed class FromRegistersCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("el-table-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FromRegisters_CsvTable_WritesAMapThatValidates()
    {
        string table = Write("meter.csv", "Name,Address,Type,Scale,Unit,Function,Target\n"
            + "Total active power,0x0012,s32,0.001,kW,input,grid.power\n"
            + "Voltage L1,0x0000,u16,0.1,V,input,grid.l1.voltage\n"
            + "Serial,0x1000,string,,,holding,\n");
        string map = Path.Combine(_dir, "meter.json");

        EnergyLoggerProcess.Outcome made = EnergyLoggerProcess.Run("map", "from-registers", table, "--output", map, "--name", "Test meter", "--slave", "2", "--word-order", "CDAB");
        EnergyLoggerProcess.Outcome validated = EnergyLoggerProcess.Run("map", "validate", map);

        Assert.True(made.ExitCode == 1, made.ToString());
        Assert.Contains("line 4: a string needs its register count", made.Stderr);

        File.WriteAllText(table, File.ReadAllText(table).Replace("Serial,0x1000,string", "Serial,0x1000-0x1004,string"));
        made = EnergyLoggerProcess.Run("map", "from-registers", table, "--output", map, "--name", "Test meter", "--slave", "2", "--word-order", "CDAB");
        validated = EnergyLoggerProcess.Run("map", "validate", map);

        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Equal($"2 points, 1 metadata from {table}; 0 rows skipped (headings, reserved)", made.Stderr.Trim());
        Assert.True(validated.ExitCode == 0, validated + File.ReadAllText(map));
        Assert.Equal($"ok: {map}: \"Test meter\": 2 points, 1 metadata, 0 computed, 0 value maps, 1 device", validated.Stdout.Trim());
        string text = File.ReadAllText(map);
        Assert.Contains("{ \"name\": \"total_active_power\", \"function\": \"input\", \"address\": 18, \"type\": \"int32\", \"wordOrder\": \"CDAB\", \"target\": \"grid.power\", \"source\": \"line 2: Total active power\" }", text);
        Assert.Contains("{ \"id\": \"inverter\", \"slave\": 2, \"baud\": 9600, \"parity\": \"none\" }", text);
    }

    [Fact]
    public void FromRegisters_SolisTableExcerpt_InputRegistersFromItsHeadingAndAMapThatValidates()
    {
        string table = Path.Combine(EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling.RepoRoot(), "tests", "EnergyLogger.Integration.Tests", "MapTools", "VendorTables", "solis.csv");
        string map = Path.Combine(_dir, "solis.json");

        EnergyLoggerProcess.Outcome made = EnergyLoggerProcess.Run("map", "from-registers", table, "--output", map, "--name", "Solis RHI draft");
        EnergyLoggerProcess.Outcome validated = EnergyLoggerProcess.Run("map", "validate", map);

        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Equal($"17 points, 1 metadata from {table}; 1 rows skipped (headings, reserved)", made.Stderr.Trim());
        Assert.True(validated.ExitCode == 0, validated + File.ReadAllText(map));
        string text = File.ReadAllText(map);
        Assert.Contains("{ \"name\": \"energy_today\", \"function\": \"input\", \"address\": 33035, \"scale\": 0.1, \"unit\": \"kWh\", \"source\": \"line 6: Energy today\" }", text);
        Assert.Contains("{ \"name\": \"inverter_sn\", \"function\": \"input\", \"address\": 33004, \"type\": \"string\", \"count\": 16, \"source\": \"line 4: Inverter SN | 16 registers\" }", text);
    }

    [Fact]
    public void FromRegisters_ToStandardOutput_PrintsTheMapOnly()
    {
        string table = Write("t.tsv", "name\taddress\nstatus\t0\n");

        EnergyLoggerProcess.Outcome made = EnergyLoggerProcess.Run("map", "from-registers", table);

        Assert.Equal(0, made.ExitCode);
        Assert.StartsWith("{\n  \"format\": \"energylogger-map/1\",\n  \"name\": \"t\",", made.Stdout);
        Assert.Contains("{ \"name\": \"status\", \"address\": 0, \"source\": \"line 2: status\" }", made.Stdout);
    }

    [Theory]
    [InlineData(new[] { "from-registers" }, "energylogger map: give from-registers TABLE (a .csv or .tsv file)")]
    [InlineData(new[] { "from-registers", "x.csv", "--addresses", "hex" }, "energylogger map: --addresses must be pdu, one-based, modicon, not 'hex'")]
    [InlineData(new[] { "from-registers", "x.csv", "--word-order", "ACBD" }, "energylogger map: --word-order must be ABCD, CDAB, BADC or DCBA, not 'ACBD'")]
    public void FromRegisters_WrongCall_ExitsTwo(string[] args, string message)
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["map", .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(message, outcome.Stderr.Trim());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
