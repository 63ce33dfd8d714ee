using System.Text.Json;
using Xunit;
using Xunit.Abstractions;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// <c>energylogger run</c> writing to Debian's InfluxDB 1.x through <c>/write</c> while it polls a pymodbus slave and
/// publishes to the cloud: an outage of the database loses no sample and doubles none, and the values written are the
/// cloud's, sample for sample.
/// </summary>
public sealed class InfluxRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly InfluxPeer _influx = new();
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: false, new() { ["influx"] = new { url = _influx.Url, db = InfluxPeer.Database } });
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _influx.Dispose();
    }

    private List<long> Seqs() => _influx.Query("SELECT seq FROM energylogger").Select(row => row[1].GetInt64()).ToList();

    [Fact]
    public void Influx_OutageOfTenCycles_EverySampleWrittenOnceWithTheCloudsValues()
    {
        Assert.True(WaitUntil(() => Seqs().Count >= 2, LocalRig.Patience), Rig.Logger.Log + _influx.Log);

        _influx.Stop();
        long before = Rig.Kaa.Samples.Max(s => s.GetProperty("seq").GetInt64());
        Assert.True(WaitUntil(() => Rig.Kaa.Samples.Max(s => s.GetProperty("seq").GetInt64()) >= before + 10, LocalRig.Patience), Rig.Logger.Log);
        Rig.Logger.WaitFor(l => l.Contains("src=influx msg=\"write failed; samples kept\"", StringComparison.Ordinal), LocalRig.Patience);
        _influx.Start();

        long last = Rig.Kaa.Samples.Max(s => s.GetProperty("seq").GetInt64());
        Assert.True(WaitUntil(() => Seqs().Count > 0 && Seqs().Max() >= last, TimeSpan.FromSeconds(90)), Rig.Logger.Log);

        List<long> seqs = Seqs();
        long first = seqs.Min();
        output.WriteLine($"{seqs.Count} samples in InfluxDB, seq {first}..{seqs.Max()}, outage of {last - before} cycles");
        Assert.Equal(Enumerable.Range((int)first, seqs.Count).Select(s => (long)s), seqs.Order());
        foreach (JsonElement[] row in _influx.Query("SELECT seq, \"grid.power\", \"pv.mppt1.voltage\", \"battery.soc\" FROM energylogger"))
        {
            JsonElement sample = Rig.CloudSample(row[1].GetInt64());
            Assert.Equal(sample.GetProperty("ts").GetInt64(), row[0].GetInt64());
            Assert.Equal(sample.GetProperty("grid").GetProperty("power").GetDouble(), row[2].GetDouble());
            Assert.Equal(sample.GetProperty("pv").GetProperty("mppt1").GetProperty("voltage").GetDouble(), row[3].GetDouble());
            Assert.Equal(sample.GetProperty("battery").GetProperty("soc").GetDouble(), row[4].GetDouble());
        }
    }
}

/// <summary>
/// The same writer configured by the port-4242 settings <c>influx.*</c> instead of the config file's <c>influx</c> member:
/// Debian's InfluxDB 1.x with authentication on takes the samples with the user and password sent by HTTP Basic
/// authentication, and the password never shows in the log.
/// </summary>
public sealed class InfluxSettingsRunTests : IAsyncLifetime
{
    private const string Password = "influx-s3cret-pw";
    private readonly InfluxPeer _influx = new("logger", Password);
    private LocalRig? _rig;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: false, settings: new()
        {
            ["influx.url"] = _influx.Url, ["influx.db"] = InfluxPeer.Database, ["influx.user"] = "logger", ["influx.password"] = Password,
        });
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _influx.Dispose();
    }

    [Fact]
    public void Influx_FromTheSettings_WritesTheCloudsSamples_AndHidesThePassword()
    {
        Assert.True(WaitUntil(() => _influx.Query("SELECT seq FROM energylogger").Count >= 3, LocalRig.Patience), _rig!.Logger.Log + _influx.Log);

        foreach (JsonElement[] row in _influx.Query("SELECT seq, \"grid.power\" FROM energylogger"))
        {
            JsonElement sample = _rig.CloudSample(row[1].GetInt64());
            Assert.Equal(sample.GetProperty("ts").GetInt64(), row[0].GetInt64());
            Assert.Equal(sample.GetProperty("grid").GetProperty("power").GetDouble(), row[2].GetDouble());
        }

        Assert.DoesNotContain(Password, _rig.Logger.Log, StringComparison.Ordinal);
    }
}

/// <summary>
/// The cloud config's <c>influx</c> member over the settings, through <c>energylogger run</c> with mosquitto and Debian's
/// InfluxDB 1.x: the writer moves to the config's database without a restart, every sample lands in exactly one of the
/// two, and the config's password is neither in the log nor in the config's status.
/// </summary>
public sealed class InfluxConfigRunTests : IAsyncLifetime
{
    private const string CloudDb = "fromcloud";
    private const string Password = "cloud-s3cret-pw";
    private readonly InfluxPeer _influx = new();
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _influx.Query("CREATE DATABASE " + CloudDb, post: true);
        _rig = await LocalRig.StartAsync(serverOn: false, settings: new() { ["influx.url"] = _influx.Url, ["influx.db"] = InfluxPeer.Database });
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _influx.Dispose();
    }

    private List<long> Seqs(string db) => _influx.Query("SELECT seq FROM energylogger", db: db).Select(row => row[1].GetInt64()).ToList();

    [Fact]
    public void CloudConfig_Influx_WriterMovesToItsDatabaseWithoutARestart_EverySampleOnce()
    {
        Assert.True(WaitUntil(() => Seqs(InfluxPeer.Database).Count >= 2, LocalRig.Patience), Rig.Logger.Log + _influx.Log);

        Rig.PushConfig("influx-cloud", ",\"influx\":{\"url\":\"" + _influx.Url + "\",\"db\":\"" + CloudDb + "\",\"user\":\"logger\",\"password\":\"" + Password + "\"}");
        Rig.Logger.WaitFor(l => l.Contains("src=influx msg=\"destination switched by the config\"", StringComparison.Ordinal), LocalRig.Patience);
        Assert.True(WaitUntil(() => Seqs(CloudDb).Count >= 3, LocalRig.Patience), Rig.Logger.Log + _influx.Log);

        List<long> settingsSeqs = Seqs(InfluxPeer.Database);
        List<long> cloudSeqs = Seqs(CloudDb);
        Assert.Empty(settingsSeqs.Intersect(cloudSeqs));
        Assert.True(settingsSeqs.Max() < cloudSeqs.Min());
        List<long> all = settingsSeqs.Concat(cloudSeqs).Order().ToList();
        Assert.Equal(Enumerable.Range((int)all[0], all.Count).Select(s => (long)s), all);
        foreach (JsonElement[] row in _influx.Query("SELECT seq, \"grid.power\" FROM energylogger", db: CloudDb))
        {
            JsonElement sample = Rig.CloudSample(row[1].GetInt64());
            Assert.Equal(sample.GetProperty("ts").GetInt64(), row[0].GetInt64());
            Assert.Equal(sample.GetProperty("grid").GetProperty("power").GetDouble(), row[2].GetDouble());
        }

        Assert.Single(Rig.Logger.Lines, l => l.Contains("msg=starting mode=normal", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, Rig.Logger.Log, StringComparison.Ordinal);
    }
}

/// <summary>
/// <c>energylogger run</c> started with no InfluxDB destination at all, and a cloud config that names one: the writer
/// opens its outbox then and Debian's InfluxDB 1.x receives the samples from the next cycle on, without a restart.
/// </summary>
public sealed class InfluxFirstNamedRunTests : IAsyncLifetime
{
    private readonly InfluxPeer _influx = new();
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: false);
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _influx.Dispose();
    }

    [Fact]
    public void CloudConfig_FirstDestination_WrittenWithoutARestartFromTheNextCycles()
    {
        Assert.True(WaitUntil(() => Rig.Kaa.Samples.Count >= 2, LocalRig.Patience), Rig.Logger.Log);
        Assert.DoesNotContain(Rig.Logger.Lines, l => l.Contains("prefix=ix", StringComparison.Ordinal));

        Rig.PushConfig("influx-first", ",\"influx\":{\"url\":\"" + _influx.Url + "\",\"db\":\"" + InfluxPeer.Database + "\"}");
        Rig.Logger.WaitFor(l => l.Contains("src=influx msg=\"destination named by the config\" id=influx-first", StringComparison.Ordinal), LocalRig.Patience);
        Assert.True(WaitUntil(() => _influx.Query("SELECT seq FROM energylogger").Count >= 3, LocalRig.Patience), Rig.Logger.Log + _influx.Log);

        foreach (JsonElement[] row in _influx.Query("SELECT seq, \"grid.power\" FROM energylogger"))
        {
            JsonElement sample = Rig.CloudSample(row[1].GetInt64());
            Assert.Equal(sample.GetProperty("ts").GetInt64(), row[0].GetInt64());
            Assert.Equal(sample.GetProperty("grid").GetProperty("power").GetDouble(), row[2].GetDouble());
        }

        Assert.Contains(Rig.Logger.Lines, l => l.Contains("src=outbox msg=opened prefix=ix restored=0", StringComparison.Ordinal));
        Assert.Single(Rig.Logger.Lines, l => l.Contains("msg=starting mode=normal", StringComparison.Ordinal));
    }
}
