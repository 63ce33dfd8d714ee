using System.Diagnostics;
using System.Text;

namespace EnergyLogger.Integration.Tests.Simulator;

/// <summary>
/// <c>energylogger simulate</c> running as its own process on one end of a socat pty pair and on two
/// loopback TCP ports (MODBUS TCP and RTU over TCP, each picked free). The master side opens
/// <see cref="MasterPty"/>. Started per test, always killed.
/// </summary>
internal sealed class SimulatorProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-sim-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();

    private SimulatorProcess()
    {
    }

    public string MasterPty => Path.Combine(_dir, "master");

    public int TcpPort { get; private set; }

    public int RtuOverTcpPort { get; private set; }

    /// <summary>Everything the simulator and socat printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts socat and the simulator at simulated noon with the extra options; returns once it prints ready.</summary>
    public static SimulatorProcess Start(bool tcp, params string[] extra)
    {
        var simulator = new SimulatorProcess();
        try
        {
            simulator.Launch(tcp, extra);
            return simulator;
        }
        catch
        {
            simulator.Dispose();
            throw;
        }
    }

    /// <summary>Stops the simulator with SIGTERM and returns everything it printed.</summary>
    public string Stop()
    {
        Process simulator = _processes[^1];
        Process.Start("kill", ["-TERM", simulator.Id.ToString()])!.WaitForExit();
        if (!simulator.WaitForExit(10_000))
        {
            throw new TimeoutException($"the simulator ignored SIGTERM\n{Output}");
        }

        simulator.WaitForExit();
        return Output;
    }

    public void Dispose()
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
    }

    private void Launch(bool tcp, string[] extra)
    {
        Directory.CreateDirectory(_dir);
        Start("socat", "-d", "-d", $"pty,raw,echo=0,link={_dir}/slave", $"pty,raw,echo=0,link={MasterPty}");
        var watch = Stopwatch.StartNew();
        while (!File.Exists(MasterPty) || !File.Exists(Path.Combine(_dir, "slave")))
        {
            Thread.Sleep(20);
            if (watch.Elapsed > StartLimit)
            {
                throw new TimeoutException($"socat made no pty pair\n{Output}");
            }
        }

        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string[] media = tcp ? ["--tcp", "0", "--rtu-over-tcp", "0"] : ["--rtu-over-tcp", "0"];
        Process simulator = Start(dotnet, [dll, "simulate", "--port", Path.Combine(_dir, "slave"), .. media, "--start-hour", "12", "--turnaround-ms", "0", "--verbose", .. extra]);
        WaitForReady(simulator);
    }

    private void WaitForReady(Process simulator)
    {
        var ready = new ManualResetEventSlim();
        simulator.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data == "ready")
            {
                ready.Set();
            }
        };
        simulator.BeginOutputReadLine();
        if (!ready.Wait(StartLimit))
        {
            throw new TimeoutException($"the simulator was not ready within {StartLimit.TotalSeconds} s\n{Output}");
        }

        TcpPort = PortAfter("MODBUS TCP on ");
        RtuOverTcpPort = PortAfter("RTU over TCP on ");
    }

    private int PortAfter(string prefix)
    {
        string? line = Output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : int.Parse(line[(line.LastIndexOf(':') + 1)..]);
    }

    private Process Start(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        _processes.Add(process);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
