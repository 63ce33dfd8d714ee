using EnergyLogger.Core.Local;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Local;

/// <summary>
/// Keeps the host's status page as the main loop's <see cref="PageSwitch"/> says: listening while it is on (the setting
/// local.http or the cloud config in use), closed while it is off, switched within a quarter of a second of a config
/// taking over, with no restart.
/// </summary>
internal sealed class StatusPageFollower : SwitchFollower
{
    private readonly int _port;
    private readonly StatusBoard _board;
    private readonly PageSwitch _switch;
    private readonly Log _log;
    private StatusHttpServer? _server;

    public StatusPageFollower(int port, StatusBoard board, PageSwitch page, Log log)
        : base("status page", () => page.Version)
    {
        _port = port;
        _board = board;
        _switch = page;
        _log = log;
    }

    protected override void Close()
    {
        _server?.Dispose();
        _server = null;
    }

    protected override void Apply()
    {
        if (_switch.On == _server is not null)
        {
            return;
        }

        if (_server is not null)
        {
            Close();
            _log.Write(LogLevel.Info, "local", "status page closed", "port", _port.ToString());
            return;
        }

        _server = new StatusHttpServer(_port, _board, _log);
        _server.Start();
    }
}
