using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Local;

/// <summary>
/// Keeps the host's local MODBUS TCP server as the main loop's <see cref="LocalSwitch"/> says: started when on, stopped
/// when off, moved to the new port or unit id when a cloud config changes them. A port that cannot be bound (502 needs
/// root or CAP_NET_BIND_SERVICE on Linux) is logged and the logger runs on without the server.
/// </summary>
internal sealed class LocalServerFollower : SwitchFollower
{
    private readonly RegisterImage _image;
    private readonly Log _log;
    private ModbusTcpServer? _server;

    public LocalServerFollower(RegisterImage image, Log log)
        : base("local server", () => image.Switch.Version)
    {
        _image = image;
        _log = log;
    }

    protected override void Close()
    {
        _server?.Dispose();
        _server = null;
    }

    protected override void Apply()
    {
        LocalSwitch wanted = _image.Switch;
        Close();
        if (!wanted.On)
        {
            return;
        }

        var server = new ModbusTcpServer(new IPEndPoint(IPAddress.Any, wanted.Port), _image, wanted.Unit, _log);
        try
        {
            server.Start();
            _server = server;
        }
        catch (SocketException e)
        {
            _log.Write(LogLevel.Error, "local", "cannot listen", "port", wanted.Port.ToString(), "error", e.Message);
            server.Dispose();
        }
    }
}
