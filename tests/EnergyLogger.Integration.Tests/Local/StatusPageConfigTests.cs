using System.Globalization;
using System.Text.Json;
using EnergyLogger.Integration.Tests.Cloud;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// The cloud config's <c>local.http</c> opens and closes the status page of <c>energylogger run</c> while it polls and
/// publishes, without a restart (docs/local-access.md, "The status page and /api/status").
/// </summary>
public sealed class StatusPageConfigTests : IAsyncLifetime
{
    private readonly int _httpPort = MosquittoBroker.FreePort();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: false, settings: new() { ["local.http.port"] = _httpPort.ToString(CultureInfo.InvariantCulture) });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    /// <summary>The document /api/status answers, or null when nothing answers on the port.</summary>
    private JsonElement? Status()
    {
        try
        {
            string text = _http.GetStringAsync("http://127.0.0.1:" + _httpPort + "/api/status").Result;
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (AggregateException e) when (e.InnerException is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public void CloudConfig_LocalHttpOnThenOff_PageOpensServesThenClosesWithoutARestart()
    {
        Assert.True(WaitUntil(() => Rig.Kaa.Samples.Count >= 1, LocalRig.Patience), Rig.Logger.Log);
        Assert.Null(Status());

        Rig.PushConfig("http-on", ",\"local\":{\"http\":\"on\"}");
        Rig.Logger.WaitFor(l => l.Contains("src=local msg=\"status page listening\"", StringComparison.Ordinal), LocalRig.Patience);
        JsonElement? status = null;
        Assert.True(WaitUntil(() => (status = Status()) is { } s && s.GetProperty("sample").ValueKind == JsonValueKind.Object
            && s.TryGetProperty("link", out _), LocalRig.Patience), Rig.Logger.Log);
        long seq = status!.Value.GetProperty("sample").GetProperty("seq").GetInt64();
        Assert.True(WaitUntil(() => Rig.Kaa.Samples.Any(s => s.GetProperty("seq").GetInt64() == seq), LocalRig.Patience));

        Rig.PushConfig("http-off", ",\"local\":{\"http\":\"off\"}");
        Rig.Logger.WaitFor(l => l.Contains("src=local msg=\"status page closed\"", StringComparison.Ordinal), LocalRig.Patience);
        Assert.True(WaitUntil(() => Status() is null, LocalRig.Patience), Rig.Logger.Log);
        Assert.Single(Rig.Logger.Lines, l => l.Contains("msg=starting mode=normal", StringComparison.Ordinal));
    }
}

/// <summary>
/// With the MODBUS TCP server on (so the logger announces itself from the start), the cloud config's <c>local.http</c>
/// moves the announced <c>_energylogger._tcp</c> service to the status page's port: Debian's <c>python3-zeroconf</c> sees it.
/// </summary>
public sealed class StatusPageMdnsConfigTests : IAsyncLifetime
{
    private readonly int _httpPort = MosquittoBroker.FreePort();
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: true, settings: new() { ["local.http.port"] = _httpPort.ToString(CultureInfo.InvariantCulture) },
            mac: "02:00:00:e2:e2:16");
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    /// <summary>The port zeroconf finds the logger's service on, or -1.</summary>
    private static int LoggerPort()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "mdns_browse.py");
        try
        {
            JsonElement[] services = JsonDocument.Parse(LocalPeers.Run("/usr/bin/python3", script, "--seconds", "3", "--host", "energy-logger-e216.local."))
                .RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
            return services.Where(s => s.GetProperty("type").GetString() == "_energylogger._tcp.local.").Select(s => s.GetProperty("port").GetInt32()).FirstOrDefault(-1);
        }
        catch (InvalidOperationException)
        {
            // The browser could not run this time (its socket, a busy machine): browse again.
            return -1;
        }
    }

    [Fact]
    public void CloudConfig_LocalHttpOn_AnnouncedOnThePagesPort()
    {
        Assert.True(WaitUntil(() => LoggerPort() == 0, TimeSpan.FromSeconds(40)), Rig.Logger.Log);

        Rig.PushConfig("http-on", ",\"local\":{\"http\":\"on\"}");
        Rig.Logger.WaitFor(l => l.Contains("src=local msg=\"status page listening\"", StringComparison.Ordinal), LocalRig.Patience);
        Assert.True(WaitUntil(() => LoggerPort() == _httpPort, TimeSpan.FromSeconds(40)), Rig.Logger.Log);
    }
}
