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
internal sealed class LocalServerFollower : IDisposable
{
    private const int CheckMs = 250;

    private readonly RegisterImage _image;
    private readonly Log _log;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private ModbusTcpServer? _server;
    private int _version = -1;

    public LocalServerFollower(RegisterImage image, Log log)
    {
        _image = image;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "local server" };
    }

    /// <summary>Starts the server now if it is on, then follows the switch from a thread of its own.</summary>
    public void Start()
    {
        Follow();
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _server?.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(CheckMs))
        {
            Follow();
        }
    }

    private void Follow()
    {
        LocalSwitch wanted = _image.Switch;
        int version = wanted.Version;
        if (version == _version)
        {
            return;
        }

        _version = version;
        _server?.Dispose();
        _server = null;
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
