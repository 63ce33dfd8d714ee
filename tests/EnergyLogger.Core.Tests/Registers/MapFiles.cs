using System.Runtime.CompilerServices;

namespace EnergyLogger.Core.Tests.Registers;

/// <summary>Finds files of the repository (ready maps, docs) from this source file, wherever the build output lands.</summary>
internal static class MapFiles
{
    public static string Path(string file) => Repo(System.IO.Path.Combine("tools", "register-maps", file));

    public static string Repo(string relative, [CallerFilePath] string here = "")
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "..", ".."));
        return System.IO.Path.Combine(root, relative);
    }
}
