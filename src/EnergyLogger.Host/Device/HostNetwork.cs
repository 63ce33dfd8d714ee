using System.Net.NetworkInformation;
using System.Net.Sockets;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The host's network as the logger sees it: always joined (the PC is on its network), no Wi-Fi signal, the
/// configured MAC, the first IPv4 address. In provisioning mode it reports the access point, which the
/// loopback listener on port 4242 stands in for.
/// </summary>
internal sealed class HostNetwork(byte[] mac, bool accessPoint) : INetwork
{
    public NetworkState State => accessPoint ? NetworkState.AccessPoint : NetworkState.Connected;

    public int Rssi => 0;

    public byte[] Mac => mac;

    public string? Ip => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString();
}
