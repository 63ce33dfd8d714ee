using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.SunSpec
{
    /// <summary>
    /// Turns a SunSpec site (a map whose devices are of kind "sunspec", <see cref="RegisterMap.SunSpecSite"/>) into the
    /// map of its devices as they are now: each device's chain is walked on its bus and the map drafted from the chains
    /// and the site's own entries (<see cref="SunSpecDraft"/>), then loaded and checked like any map. Runs on the poll
    /// loop's thread, between cycles, at the start and whenever a device's layout stops being the map's.
    /// </summary>
    public static class SunSpecSite
    {
        /// <summary>
        /// The drafted map, or null with <paramref name="problem"/> saying why not. <paramref name="buses"/> holds each
        /// device's bus, in the order of the map's devices. <paramref name="chains"/> says what the walk found, unit by unit.
        /// </summary>
        public static RegisterMap Draft(RegisterMap site, ModbusMaster[] buses, out string chains, out string problem)
        {
            chains = null;
            byte[] text = site.SunSpecSite;
            var doc = new JsonDocument();
            if (doc.Parse(text, 0, text.Length, RegisterMapLoader.TextLimits()) != JsonStatus.Ok)
            {
                problem = "the site map does not parse: " + doc.ErrorText;
                return null;
            }

            var walked = new SunSpecDevice[site.Devices.Length];
            for (int d = 0; d < walked.Length; d++)
            {
                DeviceDefinition device = site.Devices[d];
                if (!device.SunSpec)
                {
                    continue;
                }

                walked[d] = SunSpecChain.Walk(buses[d], device.Slave, out problem);
                if (walked[d] == null)
                {
                    return null;
                }

                chains = (chains == null ? string.Empty : chains + "; ") + "unit " + device.Slave.ToString() + ": " + walked[d].Describe();
            }

            string drafted = SunSpecDraft.Write(doc, walked, text.Length, out problem);
            if (drafted == null)
            {
                return null;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(drafted);
            MapError error;
            RegisterMap map = RegisterMapLoader.Load(bytes, 0, bytes.Length, text, out error);
            problem = map == null ? "the drafted map does not load: " + error.ToString() : null;
            return map;
        }
    }
}
