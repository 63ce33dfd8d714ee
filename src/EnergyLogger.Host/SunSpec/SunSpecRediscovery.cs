using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.SunSpec;

/// <summary>
/// <c>run</c>'s "sunspec": the units' chains walked and the map drafted, at start on a bus of its own and, when a device's
/// layout stays other than the map's, again on the loop's bus between cycles (<see cref="IMapRediscovery"/>).
/// </summary>
internal sealed class SunSpecRediscovery(byte[] units, string? timeZone, System.Text.Json.Nodes.JsonObject? overrides, Action<string> say) : IMapRediscovery
{
    /// <summary>The map of the units' chains as they are now, or null with <paramref name="problem"/> saying why not.</summary>
    public RegisterMap? Draft(ModbusMaster master, out string? problem)
    {
        var devices = new List<SunSpecDevice>();
        foreach (byte unit in units)
        {
            SunSpecDevice? device = SunSpecChain.Walk(master, unit, out problem);
            if (device is null)
            {
                return null;
            }

            say($"sunspec unit {unit}: " + string.Join(", ", device.Models.Select(m => $"{m.Id} at {m.Address} (L={m.Length})")));
            devices.Add(device);
        }

        string text;
        try
        {
            text = SunSpecDraft.Build(devices, "SunSpec site", timeZone, overrides);
        }
        catch (ArgumentException e)
        {
            problem = $"overrides: {e.Message}";
            return null;
        }

        RegisterMap? map = RegisterMapLoader.Load(text, out MapError? error);
        problem = map is null ? $"the drafted map does not load: {error}" : null;
        return map;
    }

    public RegisterMap? Rediscover(RegisterMap current, ModbusMaster bus)
    {
        RegisterMap? map = Draft(bus, out string? problem);
        if (map is null)
        {
            say($"sunspec: {problem}");
        }

        return map;
    }
}
