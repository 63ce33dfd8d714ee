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
