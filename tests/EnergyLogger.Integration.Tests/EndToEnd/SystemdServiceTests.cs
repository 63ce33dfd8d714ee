using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// <c>energylogger run</c> as systemd runs a <c>Type=notify</c> service with <c>WatchdogSec=</c>: the notifications
/// arrive as datagrams on the unix socket named by <c>NOTIFY_SOCKET</c> (sd_notify(3)), here a real one the test
/// binds, since the test machine has no systemd as its service manager. <c>READY=1</c> once the loop runs,
/// <c>WATCHDOG=1</c> while it lives, <c>STOPPING=1</c> at SIGTERM, which ends with exit 0 and a clean stop in the
/// boot journal.
/// </summary>
public sealed class SystemdServiceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-sd-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly TcpListener _bus = new(IPAddress.Loopback, 0);

    public SystemdServiceTests()
    {
        Directory.CreateDirectory(_dir);
        _bus.Start();
    }

    public void Dispose()
    {
        _bus.Stop();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Run_UnderNotifySocket_ReadyOnceTheLoopRunsWatchdogWhileItLivesStoppingAtSigterm()
    {
        using var socket = new NotifySocket(Path.Combine(_dir, "notify"));
        using LoggerProcess logger = LoggerProcess.Start(Service(socket), "--config", Config());

        socket.WaitFor("READY=1", TimeSpan.FromSeconds(30));
        logger.WaitFor(l => l.Contains("src=outbox msg=opened", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        socket.WaitFor("WATCHDOG=1", TimeSpan.FromSeconds(30));
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(20)));

        socket.WaitFor("STOPPING=1", TimeSpan.FromSeconds(5));
        Assert.Contains(logger.Lines, l => l.Contains("src=loop msg=stopped", StringComparison.Ordinal));
        Assert.Equal(1, socket.Received.Count(d => d == "READY=1"));
        Assert.True(socket.Received.IndexOf("READY=1") < socket.Received.IndexOf("STOPPING=1"), string.Join(", ", socket.Received));
    }

    [Fact]
    public void Run_StoppedBySigtermAsAService_NextBootSaysStoppedInNormalMode()
    {
        using var socket = new NotifySocket(Path.Combine(_dir, "notify"));
        string config = Config();
        using (LoggerProcess first = LoggerProcess.Start(Service(socket), "--config", config))
        {
            socket.WaitFor("READY=1", TimeSpan.FromSeconds(30));
            Assert.Equal(0, first.Terminate(TimeSpan.FromSeconds(20)));
        }

        using LoggerProcess second = LoggerProcess.Start(Service(socket), "--config", config);
        string boot = second.WaitFor(l => l.Contains("msg=starting", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Contains("mode=normal boot=2 reset=stopped detail=\"\" failed_boots=0", boot);
        Assert.Equal(0, second.Terminate(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Run_WithoutWatchdogUsec_NoWatchdogPings()
    {
        using var socket = new NotifySocket(Path.Combine(_dir, "notify"));
        using LoggerProcess logger = LoggerProcess.Start(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socket.Path }, "--config", Config());

        socket.WaitFor("READY=1", TimeSpan.FromSeconds(30));
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(20)));

        Assert.DoesNotContain("WATCHDOG=1", socket.Received);
    }

    [Fact]
    public void Run_CannotStartAsAService_Exit1AndNeverReady()
    {
        using var socket = new NotifySocket(Path.Combine(_dir, "notify"));
        string config = Path.Combine(_dir, "bare.json");
        File.WriteAllText(config, """{"bus":{"tcp":"127.0.0.1:1"},"data":"data"}""");
        using LoggerProcess logger = LoggerProcess.Start(Service(socket), "--config", config);

        Assert.Equal(1, logger.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains(logger.Lines, l => l.Contains("no settings stored", StringComparison.Ordinal));

        Thread.Sleep(500);
        Assert.DoesNotContain("READY=1", socket.Received);
    }

    // SYSTEMD_EXEC_PID is how systemd (v248+) tells its service's main process that it is one; sh's exec keeps the PID.
    [Fact]
    public void Run_AsASystemdService_RecordsCarryTheirJournalPriority()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string config = Path.Combine(_dir, "bare.json");
        File.WriteAllText(config, """{"bus":{"tcp":"127.0.0.1:1"},"data":"data"}""");
        var info = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", $"SYSTEMD_EXEC_PID=$$ exec '{dotnet}' '{dll}' run --config '{config}'"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, process.ExitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("<6>", StringComparison.Ordinal) && l.Contains("lvl=info src=boot msg=starting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("<3>", StringComparison.Ordinal) && l.Contains("lvl=error src=boot", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Service(NotifySocket socket) =>
        new() { ["NOTIFY_SOCKET"] = socket.Path, ["WATCHDOG_USEC"] = "2000000" };

    private string Config()
    {
        string path = Path.Combine(_dir, "logger.json");
        File.WriteAllText(path, $$$"""
            {"bus":{"tcp":"127.0.0.1:{{{((IPEndPoint)_bus.LocalEndpoint).Port}}}"},"data":"data",
             "settings":{"mqtt.host":"127.0.0.1","mqtt.port":"1","mqtt.tls":"off","kaa.token":"sd-token-1","kaa.app":"sd-app"}}
            """);
        return path;
    }

    /// <summary>The service manager's end of sd_notify: a unix datagram socket, one notification per datagram.</summary>
    private sealed class NotifySocket : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly List<string> _received = [];
        private readonly Thread _reader;

        public NotifySocket(string path)
        {
            Path = path;
            _socket.Bind(new UnixDomainSocketEndPoint(path));
            _reader = new Thread(Read) { IsBackground = true };
            _reader.Start();
        }

        public string Path { get; }

        public List<string> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public void WaitFor(string state, TimeSpan limit)
        {
            DateTime end = DateTime.UtcNow + limit;
            while (DateTime.UtcNow < end)
            {
                if (Received.Contains(state))
                {
                    return;
                }

                Thread.Sleep(20);
            }

            throw new TimeoutException($"no {state} within {limit.TotalSeconds} s; received: {string.Join(", ", Received)}");
        }

        public void Dispose() => _socket.Dispose();

        private void Read()
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    int n = _socket.Receive(buffer);
                    foreach (string line in Encoding.UTF8.GetString(buffer, 0, n).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        lock (_received)
                        {
                            _received.Add(line);
                        }
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Disposed at the end of the test.
            }
        }
    }
}
