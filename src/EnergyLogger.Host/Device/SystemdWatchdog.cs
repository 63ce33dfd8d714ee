using EnergyLogger.Core.Ports;
using Microsoft.Extensions.Hosting.Systemd;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The host's external watchdog: under systemd with <c>WatchdogSec=</c>, each feed is a <c>WATCHDOG=1</c>
/// notification (sd_notify(3)), so a hung process is killed and restarted by the service manager as the board's
/// watchdog chip would reset the board. Microsoft.Extensions.Hosting.Systemd sends <c>READY=1</c> and
/// <c>STOPPING=1</c> but has no watchdog of its own, so the pings go through its notifier here.
/// </summary>
internal sealed class SystemdWatchdog(ISystemdNotifier notifier) : IWatchdog
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    /// <summary>The watchdog systemd asked for (<c>WATCHDOG_USEC</c> set for this process), or null.</summary>
    public static SystemdWatchdog? For(ISystemdNotifier notifier)
    {
        // WATCHDOG_PID, when set, names the process that must ping (systemd.exec(5)); a child it started must not.
        string? pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        bool forThisProcess = string.IsNullOrEmpty(pid) || pid == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return notifier.IsEnabled && forThisProcess && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WATCHDOG_USEC")) ? new SystemdWatchdog(notifier) : null;
    }

    public void Feed() => notifier.Notify(Ping);
}
