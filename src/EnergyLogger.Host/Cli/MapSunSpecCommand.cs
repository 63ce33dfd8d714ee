using System.CommandLine;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Scan;
using EnergyLogger.Host.SunSpec;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger map sunspec</c>: a SunSpec device needs no hand-written map. The command walks each unit's chain from
/// its "SunS" marker (<see cref="SunSpecChain"/>), prints the models found, and writes the map the logger drafts for them,
/// with points for the known models and an <c>expect</c> check of every model's ID and L (<see cref="SunSpecSiteMap"/>);
/// the map is loaded as the device loads it before it is written.
/// </summary>
internal sealed class MapSunSpecCommand
{
    private readonly BusOptions _bus = new();
    private readonly Option<string> _units = CliOption.Text("--units", "LIST", "unit (slave) ids to walk, e.g. 1,2 for an inverter and its meter [default: 1]");
    private readonly Option<string> _output = CliOption.Text("--output", "FILE", "write the map here [default: standard output]");
    private readonly Option<string> _name = CliOption.Text("--name", "NAME", "the map's name [default: the common model's manufacturer and model]");
    private readonly Option<string> _overrides = CliOption.Text("--overrides", "FILE",
        "points, computed fields, value maps and device members (JSON lists matched by name or id) that replace or add to the draft's");

    public static Command Create()
    {
        var sunspec = new MapSunSpecCommand();
        var command = new NotedCommand("sunspec", "walk a SunSpec device's chain of models and write the map the logger reads it with", BusOptions.HelpText);
        Array.ForEach<Option>([.. sunspec._bus.All, sunspec._units, sunspec._output, sunspec._name, sunspec._overrides], command.Add);
        command.SetAction(sunspec.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        BusSettings settings = _bus.Parse(result);
        System.Text.Json.Nodes.JsonObject? overrides = null;
        if (result.GetValue(_overrides) is string overridesFile
            && (overrides = SunSpecSiteMap.ReadOverrides(overridesFile, out string? overridesProblem)) is null)
        {
            throw new UsageException($"--overrides: {overridesProblem}");
        }

        byte[] units = SlaveIds.Parse(result.GetValue(_units) ?? "1", out string? unitError) ?? throw new UsageException($"--units: {unitError}");
        var devices = new List<SunSpecDevice>();
        string? name = result.GetValue(_name);
        using (Bus bus = Bus.Open(settings))
        {
            ModbusMaster master = bus.CreateMaster(new SystemClock());
            foreach (byte unit in units)
            {
                SunSpecDevice? device = SunSpecChain.Walk(master, unit, out string? error);
                if (device is null)
                {
                    Console.Error.WriteLine($"energylogger: {error}");
                    return 1;
                }

                Console.Error.WriteLine($"unit {unit}: SunS at {device.Base}; " + string.Join(", ", Enumerable.Range(0, device.Count)
                    .Select(m => $"{device.Id(m)} at {device.Address(m)} (L={device.Length(m)}{(SunSpecSiteMap.Known.Contains(device.Id(m)) ? "" : ", not read")})")));
                name ??= CommonName(master, device);
                devices.Add(device);
            }
        }

        string site;
        try
        {
            site = SunSpecSiteMap.Site(devices, name ?? "SunSpec device", null, overrides);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--overrides: {e.Message}");
        }

        if (SunSpecSiteMap.Draft(site, devices, out string? problem) is not string text)
        {
            Console.Error.WriteLine($"energylogger: {problem}");
            return 1;
        }

        if (RegisterMapLoader.Load(text, out MapError? mapError) is null)
        {
            Console.Error.WriteLine($"energylogger: the drafted map does not load: {mapError}");
            return 1;
        }

        if (result.GetValue(_output) is string file)
        {
            File.WriteAllText(file, text + Environment.NewLine);
            Console.Error.WriteLine($"wrote {file}");
        }
        else
        {
            Console.WriteLine(text);
        }

        return 0;
    }

    /// <summary>"Manufacturer Model" from the common model (Mn, Md: 16 registers each), or null.</summary>
    private static string? CommonName(ModbusMaster master, SunSpecDevice device)
    {
        int common = Enumerable.Range(0, device.Count).FirstOrDefault(m => device.Id(m) == SunSpecModels.Common, -1);
        var words = new ushort[32];
        if (common < 0 || !master.ReadRegisters(device.Unit, FunctionCode.ReadHoldingRegisters, device.Data(common), 32, words, 0).IsOk)
        {
            return null;
        }

        string text = $"{Ascii(words, 0, 16)} {Ascii(words, 16, 16)}".Trim();
        return text.Length == 0 ? null : text.Length > 64 ? text[..64] : text;
    }

    private static string Ascii(ushort[] words, int first, int count)
    {
        var chars = new List<char>();
        for (int i = first; i < first + count; i++)
        {
            foreach (int c in new[] { words[i] >> 8, words[i] & 0xFF })
            {
                if (c == 0)
                {
                    return new string([.. chars]).Trim();
                }

                chars.Add(c is >= 32 and < 127 ? (char)c : '?');
            }
        }

        return new string([.. chars]).Trim();
    }
}
