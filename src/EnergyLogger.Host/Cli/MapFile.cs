using EnergyLogger.Core.Registers;

namespace EnergyLogger.Host.Cli;

/// <summary>The register map a simulating command plays: the one given, or the bundled Deye map.</summary>
internal static class MapFile
{
    public const string DefaultName = "deye-sg04lp3.json";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "maps", DefaultName);

    /// <summary>Loads and validates the map as the device would; a missing or invalid file is a usage error.</summary>
    public static RegisterMap Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no register map at {path}");
        }

        byte[] text = File.ReadAllBytes(path);
        RegisterMap? map = RegisterMapLoader.Load(text, 0, text.Length, out MapError? error);
        return map ?? throw new UsageException($"{path}: {error}");
    }
}
