using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnergyLogger.Integration.Tests.Cloud;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// Debian's InfluxDB 1.x (<c>influxd</c>) on 127.0.0.1 with its data in a folder of its own, for one test: it can be
/// stopped (an outage) and started again on the same data. Queries go through its HTTP API. With a user, authentication is
/// on and the user is its admin, the only one who may write.
/// </summary>
internal sealed class InfluxPeer : IDisposable
{
    public const string Database = "energy";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-influx-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly StringBuilder _log = new();
    private Process? _process;

    public InfluxPeer(string? user = null, string? password = null)
    {
        Directory.CreateDirectory(_dir);
        Port = MosquittoBroker.FreePort();
        int rpc = MosquittoBroker.FreePort();
        File.WriteAllText(Path.Combine(_dir, "influxdb.conf"), $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpc}"
            [meta]
              dir = "{_dir}/meta"
            [data]
              dir = "{_dir}/data"
              wal-dir = "{_dir}/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
              auth-enabled = {(user is null ? "false" : "true")}
            [monitor]
              store-enabled = false
            """);
        Start();
        if (user is not null)
        {
            // InfluxDB 1.x lets the first admin user be made without credentials; every request after it needs them.
            Query($"CREATE USER \"{user}\" WITH PASSWORD '{password}' WITH ALL PRIVILEGES", post: true);
            _http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        Query("CREATE DATABASE " + Database, post: true);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

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

    /// <summary>Starts influxd and waits until /ping answers.</summary>
    public void Start()
    {
        var info = new ProcessStartInfo("/usr/bin/influxd", ["-config", Path.Combine(_dir, "influxdb.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!KaaLikeResponder.WaitUntil(Ping, TimeSpan.FromSeconds(20)))
        {
            throw new TimeoutException("influxd did not answer /ping\n" + Log);
        }
    }

    /// <summary>Kills influxd: the writer's posts are refused until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Runs an InfluxQL query on <paramref name="db"/>; the first series' values, one array per row.</summary>
    public List<JsonElement[]> Query(string q, bool post = false, string db = Database)
    {
        string uri = $"{Url}/query?db={db}&epoch=ms&q={Uri.EscapeDataString(q)}";
        using HttpResponseMessage response = post ? _http.PostAsync(uri, null).Result : _http.GetAsync(uri).Result;
        JsonElement root = response.Content.ReadFromJsonAsync<JsonElement>().Result;
        JsonElement result = root.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out JsonElement series))
        {
            return [];
        }

        return series[0].GetProperty("values").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.Clone()).ToArray()).ToList();
    }

    public void Dispose()
    {
        Stop();
        _http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool Ping()
    {
        try
        {
            using HttpResponseMessage response = _http.GetAsync(Url + "/ping").Result;
            return response.IsSuccessStatusCode;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
