using System.Diagnostics;
using System.Text;
using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>Which medium a test drives the peer over.</summary>
public enum Medium
{
    Serial9600,
    Serial19200,
    ModbusTcp,
    RtuOverTcp,
}

/// <summary>
/// The real peers of one test class: two socat pty pairs (one per baud rate) and the pymodbus slave
/// on their far ends plus its MODBUS TCP and RTU-over-TCP listeners. Started once, always killed.
/// </summary>
public sealed class ModbusPeer : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(15);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-peer-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _log = new();

    public int TcpPort { get; private set; }

    public int RtuOverTcpPort { get; private set; }

    /// <summary>The pty end the master opens for a serial medium.</summary>
    public string SerialPath(Medium medium) => Path.Combine(_dir, $"master-{Baud(medium)}");

    public static int Baud(Medium medium) => medium == Medium.Serial19200 ? 19200 : 9600;

    public static bool IsSerial(Medium medium) => medium is Medium.Serial9600 or Medium.Serial19200;

    /// <summary>Everything socat and the slave printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        RequireTools();
        Directory.CreateDirectory(_dir);
        foreach (int baud in new[] { 9600, 19200 })
        {
            Start("socat", "-d", "-d", $"pty,raw,echo=0,link={_dir}/slave-{baud}", $"pty,raw,echo=0,link={_dir}/master-{baud}");
        }

        await WaitFor(() => new[] { "slave-9600", "master-9600", "slave-19200", "master-19200" }.All(n => File.Exists(Path.Combine(_dir, n))), "socat pty links");

        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "modbus_slave.py");
        Process slave = Start(Python, script, "--serial", $"{_dir}/slave-9600:9600", "--serial", $"{_dir}/slave-19200:19200", "--tcp", "--rtu-over-tcp");
        string ready = await ReadReadyLine(slave);
        TcpPort = PortOf(ready, "tcp");
        RtuOverTcpPort = PortOf(ready, "rtu-over-tcp");
    }

    public Task DisposeAsync()
    {
        foreach (Process process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }

            process.Dispose();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static void RequireTools()
    {
        string hint = "run the project's test command, which installs python3-pymodbus and socat (or: apt-get install python3-pymodbus socat)";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: {hint}");
        }

        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import pymodbus, serial_asyncio"]) { RedirectStandardError = true })!;
        check.WaitForExit(10000);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"pymodbus is not importable by {Python}: {hint}");
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        if (!path.Any(dir => File.Exists(Path.Combine(dir, "socat"))))
        {
            throw new InvalidOperationException($"socat is missing: {hint}");
        }
    }

    private Process Start(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        _processes.Add(process);
        string name = Path.GetFileName(program);
        process.ErrorDataReceived += (_, e) => Append(name, e.Data);
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Append(source).Append(": ").AppendLine(line);
        }
    }

    private async Task<string> ReadReadyLine(Process slave)
    {
        using var limit = new CancellationTokenSource(StartLimit);
        try
        {
            while (await slave.StandardOutput.ReadLineAsync(limit.Token) is string line)
            {
                if (line.StartsWith("READY", StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the MODBUS slave was not ready within {StartLimit.TotalSeconds} s\n{Log}");
        }

        throw new InvalidOperationException($"the MODBUS slave exited before it was ready\n{Log}");
    }

    private async Task WaitFor(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > StartLimit)
            {
                throw new TimeoutException($"{what} did not appear within {StartLimit.TotalSeconds} s\n{Log}");
            }

            await Task.Delay(20);
        }
    }

    private static int PortOf(string ready, string name)
    {
        string prefix = name + "=";
        string field = ready.Split(' ').Single(f => f.StartsWith(prefix, StringComparison.Ordinal));
        return int.Parse(field[prefix.Length..]);
    }
}
