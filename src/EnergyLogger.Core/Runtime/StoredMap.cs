using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The register map deployed on the drive as map.json (nanoff's file deployment), the map a dongle polls until the
    /// cloud sends one. Read at boot, validated by the same loader as a cloud map; a map that fails is logged and not used.
    /// </summary>
    public static class StoredMap
    {
        public const string FileName = "map.json";

        /// <summary>The map on the drive, or null: none, unreadable, refused, or a boot in provisioning mode.</summary>
        public static RegisterMap Load(IFileStore files, RunMode mode, Log log)
        {
            int length = mode == RunMode.Provisioning ? -1 : files.Length(FileName);
            if (length <= 0)
            {
                return null;
            }

            var text = new byte[length];
            MapError error = null;
            RegisterMap map = files.Read(FileName, 0, text, 0, length) == length ? RegisterMapLoader.Load(text, 0, length, out error) : null;
            if (map == null)
            {
                log.Write(LogLevel.Error, "config", "map file refused", "file", FileName, "error", error == null ? "unreadable" : error.Message);
            }

            return map;
        }
    }
}
