using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Simulator;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Fleet;

/// <summary>
/// One dongle of a fleet: its own simulated inverter and poll engine (serial waits pass instantly, see
/// <see cref="InstantLineClock"/>), its own outbox directory, MQTT connection and identity
/// <c>energy-logger-{MAC}</c>. Owned by one worker thread.
/// </summary>
internal sealed class VirtualDongle : IDisposable
{
    private readonly SimulatedDongle _field;
    private double _lastHour = -1;

    public VirtualDongle(int index, RegisterMap map, BrokerTarget broker, IClock clock, string outboxRoot)
    {
        Mac = MacOf(index);
        ClientId = CloudSettings.ClientIdFor(Mac);
        _field = new SimulatedDongle(map, seed: index + 1, new InstantLineClock());
        var facts = new DeviceFacts { FirmwareVersion = typeof(VirtualDongle).Assembly.GetName().Version?.ToString(3), Build = "fleet", Mac = ClientId[^12..] };
        facts.Set("model", map.Name);
        Uplink = new BrokerUplink(broker, ClientId, new UplinkHost(facts, map, _field.Master), clock, Path.Combine(outboxRoot, ClientId), (uint)index + 1);
    }

    public byte[] Mac { get; }

    public string ClientId { get; }

    public BrokerUplink Uplink { get; }

    /// <summary>When the next poll cycle is due, on the fleet's clock.</summary>
    public long DueMs { get; set; }

    public int Polled { get; private set; }

    /// <summary>
    /// Locally administered MACs (02:45:4C = "EL") with the fleet index in the last three octets, so
    /// up to 16 million dongles get distinct identities that no real device has.
    /// </summary>
    public static byte[] MacOf(int index) => [0x02, 0x45, 0x4C, (byte)(index >> 16), (byte)(index >> 8), (byte)index];

    /// <summary>One poll cycle at the local time of day; the sample goes into the outbox.</summary>
    public void Poll()
    {
        double hour = DateTime.Now.TimeOfDay.TotalHours;
        double elapsedSeconds = _lastHour < 0 ? 10 : ((hour - _lastHour + 24) % 24) * 3600;
        _lastHour = hour;
        _field.Cycle(hour, elapsedSeconds);
        Uplink.Enqueue(_field.Json.Buffer, 0, _field.Json.Length);
        Polled++;
    }

    public void Dispose() => Uplink.Dispose();
}
