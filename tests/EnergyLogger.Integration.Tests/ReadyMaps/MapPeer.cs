using System.Diagnostics;
using System.Text;

namespace EnergyLogger.Integration.Tests.ReadyMaps;

/// <summary>
/// A pymodbus slave (Peers/map_slave.py) for one test: RTU serving one <see cref="RegisterImage"/> on the
/// far end of a socat pty pair, or MODBUS TCP on a loopback port serving one image per unit id.
/// Disposing it kills the processes and removes the pty links.
/// </summary>
internal sealed class MapPeer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(15);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-map-peer-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _log = new();

    private MapPeer()
    {
    }

    /// <summary>The pty end the master opens.</summary>
    public string SerialPath => Path.Combine(_dir, "master");

    /// <summary>The loopback port of a MODBUS TCP peer.</summary>
    public int TcpPort { get; private set; }

    /// <summary>What socat and the slave printed, for failure messages.</summary>
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

    /// <summary>The slave's log of the requests that reached it (map_slave.py --log); empty unless started with <c>logRequests</c>.</summary>
    public string RequestLogPath => Path.Combine(_dir, "requests.log");

    /// <summary>The lines of the request log so far.</summary>
    public string[] RequestLog()
    {
        using var stream = new FileStream(RequestLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<MapPeer> StartAsync(RegisterImage image, int baud, bool logRequests = false)
    {
        var peer = new MapPeer();
        try
        {
            await peer.Run(image, baud, logRequests);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>A MODBUS TCP slave on 127.0.0.1 that answers as each image's unit id.</summary>
    public static async Task<MapPeer> StartTcpAsync(params RegisterImage[] images)
    {
        var peer = new MapPeer();
        try
        {
            Directory.CreateDirectory(peer._dir);
            var args = new List<string> { Path.Combine(AppContext.BaseDirectory, "Peers", "map_slave.py"), "--tcp" };
            for (int i = 0; i < images.Length; i++)
            {
                string path = Path.Combine(peer._dir, $"image{i}.json");
                await File.WriteAllTextAsync(path, images[i].ToJson());
                args.Add("--image");
                args.Add(path);
            }

            string ready = await peer.WaitReady(peer.Start(Python, [.. args]));
            peer.TcpPort = int.Parse(ready["READY tcp=".Length..]);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
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

        return ValueTask.CompletedTask;
    }

    private async Task Run(RegisterImage image, int baud, bool logRequests)
    {
        Directory.CreateDirectory(_dir);
        string imagePath = Path.Combine(_dir, "image.json");
        await File.WriteAllTextAsync(imagePath, image.ToJson());
        Start("socat", "-d", "-d", $"pty,raw,echo=0,link={_dir}/slave", $"pty,raw,echo=0,link={SerialPath}");
        var watch = Stopwatch.StartNew();
        while (!File.Exists(SerialPath) || !File.Exists(Path.Combine(_dir, "slave")))
        {
            if (watch.Elapsed > StartLimit)
            {
                throw new TimeoutException($"socat made no pty pair within {StartLimit.TotalSeconds} s\n{Log}");
            }

            await Task.Delay(20);
        }

        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "map_slave.py");
        string[] log = logRequests ? ["--log", RequestLogPath] : [];
        await WaitReady(Start(Python, [script, "--serial", $"{_dir}/slave:{baud}", "--image", imagePath, .. log]));
    }

    /// <summary>The slave's READY line, once it listens.</summary>
    private async Task<string> WaitReady(Process slave)
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
            throw new TimeoutException($"the map slave was not ready within {StartLimit.TotalSeconds} s\n{Log}");
        }

        throw new InvalidOperationException($"the map slave exited before it was ready (python3-pymodbus and socat installed?)\n{Log}");
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
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_log)
                {
                    _log.Append(name).Append(": ").AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return process;
    }
}
