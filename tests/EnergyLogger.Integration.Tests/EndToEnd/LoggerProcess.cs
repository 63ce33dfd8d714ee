using System.Diagnostics;
using System.Text;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// <c>energylogger run</c> as a long-running process: its log records are collected line by line as they come,
/// and a test waits for the record it expects. Disposing kills what is still running.
/// </summary>
internal sealed class LoggerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();

    private LoggerProcess(Process process)
    {
        _process = process;
    }

    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Log => string.Join('\n', Lines) + "\nstderr: " + _stderr;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static LoggerProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>With these environment variables set, as a service manager sets <c>NOTIFY_SOCKET</c> and <c>WATCHDOG_USEC</c>.</summary>
    public static LoggerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => StartCommand(environment, ["run", .. args]);

    /// <summary>Any long-running verb of the tool (sub, watch), its output collected the same way.</summary>
    public static LoggerProcess StartCommand(params string[] args) => StartCommand(new Dictionary<string, string>(), args);

    private static LoggerProcess StartCommand(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet, [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        var logger = new LoggerProcess(Process.Start(info)!);
        logger._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (logger._lines)
                {
                    logger._lines.Add(e.Data);
                }
            }
        };
        logger._process.ErrorDataReceived += (_, e) =>
        {
            lock (logger._stderr)
            {
                logger._stderr.AppendLine(e.Data);
            }
        };
        logger._process.BeginOutputReadLine();
        logger._process.BeginErrorReadLine();
        return logger;
    }

    /// <summary>The first record, from <paramref name="after"/> on, for which <paramref name="match"/> holds.</summary>
    public string WaitFor(Func<string, bool> match, TimeSpan limit, int after = 0)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            string? line = Lines.Skip(after).FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"no such log record within {limit.TotalSeconds} s\n{Log}");
    }

    /// <summary>Waits for the logger to end by itself, all its output read; returns the exit code.</summary>
    public int WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            throw new TimeoutException("the logger did not end\n" + Log);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops the logger; returns the exit code.</summary>
    public int Terminate(TimeSpan limit)
    {
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!)
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(limit))
        {
            throw new TimeoutException("the logger did not stop on SIGTERM\n" + Log);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a power cut ends the firmware: no goodbye, nothing flushed by the logger itself.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
