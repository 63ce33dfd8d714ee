using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Host.Uplink;

/// <summary>
/// What the cloud session may ask of a virtual dongle: its facts, its map and its bus (so <c>regs_read</c>
/// reaches the simulated inverter). A virtual dongle cannot swap its map, install software or restart, so
/// configs (whose id it keeps) and offers are only counted.
/// </summary>
internal sealed class UplinkHost(DeviceFacts facts, RegisterMap map, ModbusMaster master)
    : IFactsSource, IRegisterAccess, IConfigTarget, IUpdateOffers, IReboot
{
    public int ConfigsReceived { get; private set; }

    public int OffersReceived { get; private set; }

    public string? ConfigId { get; private set; }

    public RegisterMap Map => map;

    public DeviceFacts? Facts(int endpoint) => endpoint == 0 ? facts : null;

    public ModbusMaster? Bus(int slave) => Array.Exists(map.Devices, d => d.Slave == slave) ? master : null;

    public void ApplyConfig(CloudConfig config)
    {
        ConfigId = config.Id;
        ConfigsReceived++;
    }

    public void Offer(byte[] json, int offset, int count) => OffersReceived++;

    public void Reboot()
    {
    }
}
