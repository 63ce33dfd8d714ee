using System.Text;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.MapTools;

namespace EnergyLogger.Host.Cli;

/// <summary>The register map a simulating command plays: the one given, or the bundled Deye map.</summary>
internal static class MapFile
{
    public const string DefaultName = "deye-sg04lp3.json";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "maps", DefaultName);

    /// <summary>Loads and validates the map as the device would; a missing or invalid file is a usage error.</summary>
    /// <param name="slave">Moves every device of the map to this slave id; null keeps the map's own.</param>
    public static RegisterMap Load(string path, byte? slave = null)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no register map at {path}");
        }

        byte[] text = File.ReadAllBytes(path);
        if (slave is byte id)
        {
            text = MapAtSlave.Text(Encoding.UTF8.GetString(text), id) ?? throw new UsageException($"{path}: not a register map (no devices)");
        }

        RegisterMap? map = RegisterMapLoader.Load(text, 0, text.Length, out MapError? error);
        return map ?? throw new UsageException($"{path}: {error}");
    }
}
