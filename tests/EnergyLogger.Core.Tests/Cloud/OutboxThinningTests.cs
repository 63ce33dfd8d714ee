using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Host.Bench;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>
/// A week offline in the default 512 KB (compact records, thinned into aggregates with every energy counter exact), and
/// the thinning cut by a power failure at each of its flash writes (RELIABILITY C1, S1).
/// </summary>
public class OutboxThinningTests
{
    private const int Step = OfflineWorkload.IntervalMs;
    private const long FirstSeq = 1_000_000_001;

    private static readonly string[] EnergyPaths = [.. Enumerable.Range(0, TelemetrySchema.FieldCount).Select(TelemetrySchema.Field).Where(f => f.IsEnergy).Select(f => f.Path)];

    /// <summary>Samples of <paramref name="workload"/> appended one every 10 s; the energy counters of each, by seq.</summary>
    private static Dictionary<long, double?[]> Fill(Outbox outbox, OfflineWorkload workload, int samples, int from = 0)
    {
        var counters = new Dictionary<long, double?[]>();
        for (int i = from; i < from + samples; i++)
        {
            workload.Step(FirstSeq + i, 1000L + (i * (long)Step), OfflineWorkload.StartUnixMs + (i * (long)Step));
            Assert.Equal(AppendStatus.Stored, outbox.Append(workload.Sample));
            counters[FirstSeq + i] = [.. EnergyPaths.Select(p => Counter(workload.Sample, p))];
        }

        return counters;
    }

    /// <summary>A counter as the sample's JSON publishes it, or null when it is not a good value.</summary>
    private static double? Counter(Sample sample, string path)
    {
        int f = TelemetrySchema.IndexOf(path);
        if (!sample.Fed[f] || sample.Quality[f] != EnergyLogger.Core.Registers.ValueQuality.Ok)
        {
            return null;
        }

        var text = new byte[EnergyLogger.Core.Json.JsonNumberFormat.MaxLength];
        int n = EnergyLogger.Core.Json.JsonNumberFormat.Write(sample.Values[f], sample.Digits[f], EnergyLogger.Core.Json.JsonWriter.DefaultMaxDecimals, text, 0);
        return double.Parse(Encoding.ASCII.GetString(text, 0, n), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every batch, acknowledged, in the order sent: the records as the cloud receives them.</summary>
    private static List<JsonElement[]> Batches(Outbox outbox)
    {
        var batches = new List<JsonElement[]>();
        var batch = new OutboxBatch();
        var buffer = new byte[outbox.Options.MaxBatchBytes];
        while (outbox.NextBatch(batch, buffer))
        {
            batches.Add([.. JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, batch.Length)).RootElement.EnumerateArray().Select(e => e.Clone())]);
            outbox.Acknowledge(batch);
        }

        return batches;
    }

    private static List<JsonElement> Drain(Outbox outbox) => [.. Batches(outbox).SelectMany(b => b)];

    private static (long First, long Last) Span(JsonElement record) =>
        (record.GetProperty("seq").GetInt64(), record.TryGetProperty("agg", out JsonElement agg) ? agg.GetProperty("seq_last").GetInt64() : record.GetProperty("seq").GetInt64());

    [Fact]
    public void C1_SevenDaysOfflineAtTenSeconds_DeyeFitsTheDefaultCapAndEveryEnergyCounterIsExact()
    {
        var outbox = new Outbox(new MemoryFileStore(), new OutboxOptions());
        outbox.Open();
        int samples = 7 * 24 * 360;

        Dictionary<long, double?[]> counters = Fill(outbox, OfflineWorkload.Deye(MapFiles.Path("deye-sg04lp3.json")), samples);

        Assert.True(outbox.StoredBytes <= outbox.Options.CapBytes, $"{outbox.StoredBytes} bytes");
        Assert.Equal((0, 0), (outbox.Counters.Dropped, outbox.Counters.Refused));
        Assert.Equal(outbox.Counters.Appended, outbox.Pending + outbox.Counters.Merged);
        List<JsonElement[]> batches = Batches(outbox);
        List<JsonElement> records = [.. batches.SelectMany(b => b)];
        Assert.Equal(0, outbox.Pending);

        // Every sample is in exactly one record: a sample, or an aggregate's span.
        (long First, long Last)[] spans = [.. records.Select(Span).OrderBy(s => s.First)];
        Assert.Equal(FirstSeq, spans[0].First);
        Assert.Equal(FirstSeq + samples - 1, spans[^1].Last);
        Assert.All(spans.Zip(spans.Skip(1)), p => Assert.Equal(p.First.Last + 1, p.Second.First));

        // Live first (the newest samples that fit a batch), then the backlog oldest first.
        Assert.Equal(FirstSeq + samples - 1, Span(batches[0][^1]).Last);
        long[] backlog = [.. batches.Skip(1).SelectMany(b => b).Select(r => Span(r).First)];
        Assert.Equal(backlog.Order(), backlog);

        // The newest 6 hours at full resolution; older data in aggregates that say so; counters exact at every point.
        Assert.All(records.Where(r => Span(r).First > FirstSeq + samples - 1 - (6 * 360)), r => Assert.False(r.TryGetProperty("agg", out _)));
        Assert.Contains(records, r => r.TryGetProperty("agg", out JsonElement a) && a.GetProperty("interval_s").GetInt32() >= 900);
        double largestError = 0;
        foreach (JsonElement record in records)
        {
            double?[] expected = counters[Span(record).Last];
            for (int c = 0; c < EnergyPaths.Length; c++)
            {
                double? kept = Value(record, EnergyPaths[c]);
                Assert.Equal(expected[c] is null, kept is null);
                largestError = Math.Max(largestError, Math.Abs((kept ?? 0) - (expected[c] ?? 0)));
            }
        }

        Assert.Equal(0, largestError);
    }

    [Fact]
    public void S1_PowerCutAtEveryFlashWriteOfAThinning_NothingAcknowledgedComesBackNothingUnacknowledgedIsLost()
    {
        // Small segments and a 10-minute full-resolution horizon, so that a thinning comes within a few hundred samples.
        var options = new OutboxOptions
        {
            SegmentBytes = 2048, MaxSegments = 8, FullResolutionMs = 600_000, LevelAgeMs = [600_000, 1_800_000, 3_600_000],
        };
        (int thinningAt, int writes) = Script(new PowerCutFileStore(), options, cutAppend: -1, cutAt: 0).ThinningAt;
        Assert.True(writes >= 3, $"the thinning made {writes} writes");

        for (int cut = 0; cut <= writes; cut++)
        {
            var store = new PowerCutFileStore();
            ScriptRun run = Script(store, options, thinningAt, cut);
            store.ChangesBeforePowerCut = -1;
            var after = new Outbox(store, options);
            after.Open();
            List<JsonElement> records = Drain(after);

            HashSet<long> covered = [.. records.SelectMany(r => Range(Span(r)))];
            Assert.True(!covered.Overlaps(run.Acknowledged), $"cut at write {cut}: acknowledged samples came back");
            Assert.True(run.Unacknowledged.IsSubsetOf(covered), $"cut at write {cut}: {run.Unacknowledged.Except(covered).Count()} samples lost");
        }
    }

    private static IEnumerable<long> Range((long First, long Last) span)
    {
        for (long s = span.First; s <= span.Last; s++)
        {
            yield return s;
        }
    }

    private sealed record ScriptRun((int Append, int Writes) ThinningAt, HashSet<long> Acknowledged, HashSet<long> Unacknowledged);

    /// <summary>
    /// Samples appended; the first live batch sent and its connection lost, the first backlog batch acknowledged (a partly
    /// acknowledged oldest segment); more samples. Without <paramref name="cutAppend"/> it runs until an append thins and
    /// says which and how many writes it made; with it, the power fails at write <paramref name="cutAt"/> of that append
    /// and the script ends there.
    /// </summary>
    private static ScriptRun Script(PowerCutFileStore store, OutboxOptions options, int cutAppend, int cutAt)
    {
        OfflineWorkload workload = OfflineWorkload.Deye(MapFiles.Path("deye-sg04lp3.json"));
        var outbox = new Outbox(store, options);
        outbox.Open();
        var stored = new HashSet<long>();
        var acknowledged = new HashSet<long>();
        var batch = new OutboxBatch();
        var buffer = new byte[options.MaxBatchBytes];
        for (int i = 0; ; i++)
        {
            if (i == 150)
            {
                Assert.True(outbox.NextBatch(batch, buffer) && batch.Live);
                outbox.Release(batch);
                Assert.True(outbox.NextBatch(batch, buffer) && !batch.Live);
                acknowledged.UnionWith(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, batch.Length)).RootElement.EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()));
                outbox.Acknowledge(batch);
            }

            int before = store.Changes;
            int thinned = outbox.Counters.Thinned;
            if (i == cutAppend)
            {
                store.ChangesBeforePowerCut = before + cutAt;
            }

            workload.Step(FirstSeq + i, 1000L + (i * (long)Step), OfflineWorkload.StartUnixMs + (i * (long)Step));
            if (outbox.Append(workload.Sample) == AppendStatus.Stored)
            {
                stored.Add(FirstSeq + i);
            }

            if (i == cutAppend || (cutAppend < 0 && outbox.Counters.Thinned > thinned))
            {
                return new ScriptRun((i, store.Changes - before), acknowledged, [.. stored.Except(acknowledged)]);
            }

            Assert.True(stored.Contains(FirstSeq + i), $"append {i}");
        }
    }

    private static double? Value(JsonElement record, string path)
    {
        JsonElement e = record;
        foreach (string part in path.Split('.'))
        {
            if (!e.TryGetProperty(part, out e))
            {
                return null;
            }
        }

        return e.GetDouble();
    }
}
