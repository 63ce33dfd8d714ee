using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

/// <summary>An open bus: the link, the framing that medium needs and the master's options, ready for a <see cref="ModbusMaster"/>.</summary>
internal sealed class Bus : IDisposable
{
    private const int ConnectTimeoutMs = 5000;

    private Bus(IByteLink link, IModbusFramer framer, MasterOptions options)
    {
        Link = link;
        Framer = framer;
        Options = options;
    }

    public IByteLink Link { get; }

    public IModbusFramer Framer { get; }

    public MasterOptions Options { get; }

    /// <summary>Opens the port or connection; throws <see cref="LinkOpenException"/> when it cannot.</summary>
    public static Bus Open(BusSettings settings)
    {
        MasterOptions options = settings.MasterOptions();
        return settings.Medium switch
        {
            BusMedium.Serial => new Bus(SerialPorts.Open(settings.Target, settings.Baud, settings.Parity, settings.StopBits, settings.Rs485), new RtuFramer(), options),
            BusMedium.ModbusTcp => new Bus(TcpLink.Connect(settings.Target, settings.Port, ConnectTimeoutMs, settings.ConnectDelayMs), new MbapFramer(), options),
            _ => new Bus(TcpLink.Connect(settings.Target, settings.Port, ConnectTimeoutMs, settings.ConnectDelayMs), new RtuFramer(), options),
        };
    }

    public ModbusMaster CreateMaster(IClock clock) => new(Link, clock, Framer, Options);

    public void Dispose() => (Link as IDisposable)?.Dispose();
}
