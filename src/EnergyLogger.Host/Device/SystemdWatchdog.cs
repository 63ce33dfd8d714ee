using System.Net.Sockets;
using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The host's external watchdog: under systemd with <c>WatchdogSec=</c>, each feed is an sd_notify
/// <c>WATCHDOG=1</c> datagram to <c>$NOTIFY_SOCKET</c> (sd_notify(3)), so a hung process is killed and
/// restarted by the service manager as the board's watchdog chip would reset the board.
/// </summary>
internal sealed class SystemdWatchdog : IWatchdog, IDisposable
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("WATCHDOG=1");

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endpoint;

    private SystemdWatchdog(string path)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

        // A leading '@' names a socket in the abstract namespace (sd_notify(3)).
        _endpoint = new UnixDomainSocketEndPoint(path.StartsWith('@') ? "\0" + path[1..] : path);
    }

    /// <summary>The watchdog systemd asked for, or null when the logger does not run under one.</summary>
    public static SystemdWatchdog? FromEnvironment()
    {
        string? socket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        string? interval = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        return string.IsNullOrEmpty(socket) || string.IsNullOrEmpty(interval) ? null : new SystemdWatchdog(socket);
    }

    public void Feed()
    {
        try
        {
            _socket.SendTo(Ping, _endpoint);
        }
        catch (SocketException)
        {
            // A missed ping is what the watchdog is there to notice; nothing to do about it here.
        }
    }

    public void Dispose() => _socket.Dispose();
}
