using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnergyLogger.Integration.Tests.Cloud;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// The local status page and <c>/api/status</c> of <c>energylogger run</c> while it polls a pymodbus slave and
/// publishes to the cloud: the API holds the cloud's sample and the logger's state without secrets, the page is read-only,
/// and Debian's headless Chromium renders the page with the API's values and takes a screenshot of it.
/// </summary>
public sealed partial class StatusPageRunTests : IAsyncLifetime
{
    private readonly int _httpPort = MosquittoBroker.FreePort();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    private string Url => "http://127.0.0.1:" + _httpPort;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: true, settings: new() { ["local.http"] = "on", ["local.http.port"] = _httpPort.ToString() },
            mac: "02:00:00:e2:e2:15");
        Rig.Logger.WaitFor(l => l.Contains("src=local msg=\"status page listening\"", StringComparison.Ordinal), LocalRig.Patience);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    private JsonElement Status()
    {
        string text = _http.GetStringAsync(Url + "/api/status").Result;
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void ApiStatus_WhileRunning_HoldsThePublishedSampleAndTheStateWithoutSecrets()
    {
        JsonElement status = default;
        Assert.True(WaitUntil(() => (status = Status()).GetProperty("sample").ValueKind == JsonValueKind.Object
            && status.TryGetProperty("diagnostics", out _), LocalRig.Patience), Rig.Logger.Log);

        JsonElement sample = status.GetProperty("sample");
        long seq = sample.GetProperty("seq").GetInt64();
        JsonElement published = Rig.CloudSample(seq);
        Assert.Equal(published.GetRawText(), sample.GetRawText());
        Assert.True(status.GetProperty("cloud").GetProperty("online").GetBoolean());
        Assert.True(status.GetProperty("local").GetProperty("modbus").GetBoolean());
        Assert.Equal(Rig.Port, status.GetProperty("local").GetProperty("modbus_port").GetInt32());
        Assert.True(status.GetProperty("diagnostics").GetProperty("cycles").GetInt32() >= 1);
        Assert.DoesNotContain(LocalRig.Token, status.GetRawText());
    }

    [Theory]
    [InlineData("POST", "/api/status", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/settings", HttpStatusCode.NotFound)]
    [InlineData("GET", "/", HttpStatusCode.OK)]
    public void Http_AnythingButReadingThePageOrTheApi_Refused(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Url + path);
        using HttpResponseMessage response = _http.Send(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void Chromium_StatusPage_ShowsTheApisValuesInKilowattsWithWords()
    {
        Assert.True(WaitUntil(() => Status().GetProperty("sample").ValueKind == JsonValueKind.Object, LocalRig.Patience));
        string dir = Path.Combine(Path.GetTempPath(), "el-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            string dom = Chromium(dir, "--dump-dom", Url + "/");
            JsonElement sample = Status().GetProperty("sample");
            var shown = Shown().Matches(dom).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

            Assert.Equal(Kw(sample, "pv", "power"), shown["pv-kw"]);
            Assert.Equal(Kw(sample, "grid", "power"), shown["grid-kw"]);
            Assert.Equal("importing", shown["grid-word"]);
            Assert.Equal(Kw(sample, "load", "power"), shown["house-kw"]);
            Assert.Equal("-", shown["battery-kw"]);
            Assert.Equal(sample.GetProperty("battery").GetProperty("soc").GetDouble().ToString("0"), shown["soc"]);
            Assert.Equal(sample.GetProperty("pv").GetProperty("energy_today").GetDouble().ToString("0.0"), shown["e-pv"]);
            Assert.Equal(sample.GetProperty("grid").GetProperty("import_energy_today").GetDouble().ToString("0.0"), shown["e-import"]);
            Assert.Equal("online", shown["cloud"]);

            string png = Path.Combine(dir, "status.png");
            Chromium(dir, "--screenshot=" + png, "--window-size=800,600", Url + "/");
            byte[] image = File.ReadAllBytes(png);
            Assert.True(image.Length > 1000 && image[1] == (byte)'P' && image[2] == (byte)'N' && image[3] == (byte)'G', $"{image.Length} bytes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Zeroconf_Browse_FindsTheLoggerAndItsModbusServerWithTheirTxtRecords()
    {
        const string host = "energy-logger-e215.local.";
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "mdns_browse.py");
        JsonElement[] services = [];
        Assert.True(WaitUntil(() =>
        {
            try
            {
                services = JsonDocument.Parse(Run("/usr/bin/python3", script, "--seconds", "4", "--host", host)).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
            }
            catch (InvalidOperationException)
            {
                // The browser could not run this time (its socket, a busy machine): browse again.
                return false;
            }

            return services.Length >= 2;
        }, TimeSpan.FromSeconds(40)), Rig.Logger.Log);

        JsonElement logger = services.Single(s => s.GetProperty("type").GetString() == "_energylogger._tcp.local.");
        Assert.Equal("energy-logger-e215._energylogger._tcp.local.", logger.GetProperty("name").GetString());
        Assert.Equal(_httpPort, logger.GetProperty("port").GetInt32());
        Assert.Equal("020000E2E215", logger.GetProperty("properties").GetProperty("mac").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", logger.GetProperty("properties").GetProperty("version").GetString());
        JsonElement modbus = services.Single(s => s.GetProperty("type").GetString() == "_modbus._tcp.local.");
        Assert.Equal(Rig.Port, modbus.GetProperty("port").GetInt32());
        Assert.Equal("1", modbus.GetProperty("properties").GetProperty("unit").GetString());
        Assert.NotEmpty(modbus.GetProperty("addresses").EnumerateArray());
    }

    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException(file + " failed: " + stderr.Result);
        }

        return stdout.Result;
    }


    private static string Kw(JsonElement sample, string module, string field) =>
        (Math.Abs(sample.GetProperty(module).GetProperty(field).GetDouble()) / 1000).ToString("0.00");

    /// <summary>Debian's Chromium, headless, with time to fetch the API once; its standard output.</summary>
    private static string Chromium(string profile, params string[] args)
    {
        var info = new ProcessStartInfo("chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=5000", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish: " + stderr.Result);
        }

        return stdout.Result;
    }

    [GeneratedRegex("id=\"([a-z-]+)\"[^>]*>([^<]*)<")]
    private static partial Regex Shown();
}
