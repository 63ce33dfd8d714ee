using Xunit;
using Xunit.Abstractions;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// A day's backlog for Debian's InfluxDB 1.x: <c>energylogger run</c> polls a pymodbus slave every 100 ms under a
/// simulated wall clock that runs 600 times fast, so each cycle is a 60 s sample and 1440 cycles are 24 hours. The
/// database is down for all of them; when it comes back, every sample of the day arrives, none missing and none twice.
/// </summary>
public sealed class InfluxBacklogTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int DaySamples = 24 * 60;
    private const int CycleMs = 100;
    private const int Rate = 60_000 / CycleMs;

    private readonly InfluxPeer _influx = new();
    private LocalRig? _rig;

    private LocalRig Rig => _rig!;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: false, new()
        {
            ["influx"] = new { url = _influx.Url, db = InfluxPeer.Database },
            ["poll"] = new { fastMs = CycleMs, normalMs = CycleMs, slowMs = CycleMs, budgetMs = 80 },
            ["clock"] = new { start = "2026-06-01T00:00:00Z", rate = Rate },
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

    private List<JsonRow> Rows() => _influx.Query("SELECT seq FROM energylogger").Select(row => new JsonRow(row[0].GetInt64(), row[1].GetInt64())).ToList();

    private long LastSeqAtCloud() => Rig.Kaa.Samples.Max(s => s.GetProperty("seq").GetInt64());

    [Fact]
    public void Influx_DownForADayOfSamples_ReceivesTheWholeBacklogOnce()
    {
        Assert.True(WaitUntil(() => Rows().Count >= 2, LocalRig.Patience), Rig.Logger.Log + _influx.Log);
        _influx.Stop();
        long down = LastSeqAtCloud();
        Assert.True(WaitUntil(() => LastSeqAtCloud() >= down + DaySamples, TimeSpan.FromSeconds(DaySamples * CycleMs * 4 / 1000)),
            $"the logger made {LastSeqAtCloud() - down} cycles\n{Rig.Logger.Log}");
        long up = LastSeqAtCloud();
        long[] segments = Directory.GetFiles(Rig.DataDir, "ix*.seg").Select(f => new FileInfo(f).Length).ToArray();
        output.WriteLine($"the InfluxDB outbox holds {segments.Length} segments, {segments.Sum() / 1024.0:F1} KiB, for {up - down} samples " +
            $"({segments.Sum() / (double)(up - down):F0} bytes a sample)");
        _influx.Start();

        Assert.True(WaitUntil(() => Rows().Count(r => r.Seq > down && r.Seq <= up) >= up - down, TimeSpan.FromSeconds(150)), Rig.Logger.Log);
        List<JsonRow> rows = Rows();
        List<JsonRow> outage = rows.Where(r => r.Seq > down && r.Seq <= up).OrderBy(r => r.Seq).ToList();
        long[] steps = outage.Zip(outage.Skip(1), (a, b) => b.Ts - a.Ts).ToArray();
        output.WriteLine($"{rows.Count} rows in InfluxDB; the outage covered seq {down + 1}..{up} ({up - down} samples, " +
            $"{(outage[^1].Ts - outage[0].Ts) / 3_600_000.0:F1} h of sample time), {outage.Count} of them arrived, " +
            $"{outage.Select(r => r.Seq).Distinct().Count()} distinct; steps {steps.Min() / 1000} to {steps.Max() / 1000} s");

        // Every sample of the outage once: consecutive sequence numbers, as many rows as numbers, each at its own time.
        Assert.Equal(Enumerable.Range(0, (int)(up - down)).Select(i => down + 1 + i), outage.Select(r => r.Seq));
        Assert.Equal(outage.Count, outage.Select(r => r.Ts).Distinct().Count());
        Assert.True(outage[^1].Ts - outage[0].Ts >= (DaySamples - 1) * 60_000L * 9 / 10, "less than a day of sample time");

        // And nothing around the outage lost: from the first sample to the last of the outage, each once.
        long first = rows.Min(r => r.Seq);
        Assert.Equal(Enumerable.Range(0, (int)(up - first + 1)).Select(i => first + i), rows.Where(r => r.Seq <= up).Select(r => r.Seq).Order());
    }

    private readonly record struct JsonRow(long Ts, long Seq);
}
