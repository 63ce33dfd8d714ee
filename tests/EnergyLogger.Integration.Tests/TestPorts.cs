using System.Net;
using System.Net.Sockets;

namespace EnergyLogger.Integration.Tests;

/// <summary>
/// Ports for the peers a test starts (mosquitto, influxd, a logger's servers). They are taken below the kernel's
/// ephemeral range, so no outgoing connection of a parallel test can be given the same port between the moment it
/// is chosen and the moment the peer binds it (or binds it again after an outage), and each is handed out once per
/// test run.
/// </summary>
internal static class TestPorts
{
    private const int Lowest = 10_000;
    private static readonly object Gate = new();
    private static int _next = -1;

    public static int Next()
    {
        lock (Gate)
        {
            int top = EphemeralLow() - 1;
            if (_next < 0)
            {
                // Start somewhere different in each run, so a peer left over from an earlier run is not met again.
                _next = Lowest + Random.Shared.Next(top - Lowest);
            }

            for (int tries = 0; tries < top - Lowest; tries++)
            {
                int port = _next;
                _next = _next >= top ? Lowest : _next + 1;
                if (IsFree(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException($"no free port between {Lowest} and {top}");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(RangeFile)
            && int.TryParse(File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out int low)
            && low > Lowest + 1000)
        {
            return low;
        }

        return 32_768;
    }
}
