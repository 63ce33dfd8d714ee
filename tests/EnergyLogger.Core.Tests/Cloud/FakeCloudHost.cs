using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>The runtime side of the cloud as a test sees it: facts to report, a map and buses for commands, and a record of what the cloud asked for.</summary>
public sealed class FakeCloudHost : IFactsSource, IRegisterAccess, IConfigTarget, IUpdateOffers, IReboot
{
    public DeviceFacts?[] FactsByEndpoint { get; set; } =
    [
        new DeviceFacts { FirmwareVersion = "1.2.3", Build = "20260117.1", Mac = "AABBCCDDEEFF", Ip = "192.168.1.50", Rssi = -61 },
    ];

    public RegisterMap? Map { get; set; }

    public Dictionary<int, ModbusMaster> Buses { get; } = new();

    public List<CloudConfig> Applied { get; } = new();

    public List<string> Offers { get; } = new();

    public int Reboots { get; private set; }

    public string? ConfigId { get; set; }

    public DeviceFacts? Facts(int endpoint) => endpoint < FactsByEndpoint.Length ? FactsByEndpoint[endpoint] : null;

    public ModbusMaster? Bus(int slave) => Buses.TryGetValue(slave, out ModbusMaster? m) ? m : null;

    public void ApplyConfig(CloudConfig config)
    {
        ConfigId = config.Id;
        Applied.Add(config);
    }

    public void Offer(byte[] json, int offset, int count) => Offers.Add(System.Text.Encoding.UTF8.GetString(json, offset, count));

    public void Reboot() => Reboots++;
}
