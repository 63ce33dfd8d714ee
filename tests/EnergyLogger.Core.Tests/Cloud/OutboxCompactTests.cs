using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Host.Bench;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>Samples stored as compact records: sent as the JSON they were, across restarts, damage and clean shutdowns.</summary>
public class OutboxCompactTests
{
    private const long FirstSeq = 1_000_000_001;

    private readonly MemoryFileStore _store = new();
    private readonly OfflineWorkload _workload = OfflineWorkload.Deye(MapFiles.Path("deye-sg04lp3.json"));
    private readonly Dictionary<long, string> _json = new();

    private Outbox Open()
    {
        var outbox = new Outbox(_store, new OutboxOptions());
        outbox.Open();
        return outbox;
    }

    private void Append(Outbox outbox, int count)
    {
        var writer = new JsonWriter(16384, SampleWriter.Depth);
        for (int n = 0; n < count; n++)
        {
            int i = _json.Count;
            _workload.Step(FirstSeq + i, 1000L + (i * 10_000L), OfflineWorkload.StartUnixMs + (i * 10_000L));
            Assert.True(SampleWriter.Write(_workload.Sample, writer));
            _json[FirstSeq + i] = writer.Text();
            Assert.Equal(AppendStatus.Stored, outbox.Append(_workload.Sample));
        }
    }

    private static List<JsonElement> Drain(Outbox outbox, bool acknowledge = true)
    {
        var records = new List<JsonElement>();
        var batch = new OutboxBatch();
        var buffer = new byte[outbox.Options.MaxBatchBytes];
        while (outbox.NextBatch(batch, buffer))
        {
            records.AddRange(System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, batch.Length)).RootElement.EnumerateArray().Select(e => e.Clone()));
            if (acknowledge)
            {
                outbox.Acknowledge(batch);
            }
        }

        return records;
    }

    [Fact]
    public void Open_AfterARestart_EverySampleSentAsTheJsonItWas()
    {
        Append(Open(), 500);

        Outbox reopened = Open();
        List<JsonElement> records = Drain(reopened);

        Assert.Equal(500, records.Count);
        Assert.All(records, r => Assert.Equal(_json[r.GetProperty("seq").GetInt64()], r.GetRawText()));
        Assert.Equal((500, 500, 0), (reopened.Counters.Restored, reopened.Counters.Acknowledged, reopened.Pending));
    }

    [Fact]
    public void S1_FlippedByteInACompactRecord_RecordsUpToTheNextKeyDroppedAndCountedTheRestExact()
    {
        Append(Open(), 200);
        string file = _store.Files.Keys.Single();
        byte[] bytes = _store.Files[file];
        int tenth = Offsets(bytes)[11];
        bytes[tenth + OutboxRecord.HeaderBytes + 3] ^= 0x10;

        Outbox reopened = Open();
        List<JsonElement> records = Drain(reopened);

        long[] sent = [.. records.Select(r => r.GetProperty("seq").GetInt64())];
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i < 10 || i >= Outbox.KeyEvery).Select(i => FirstSeq + i), sent);
        Assert.All(records, r => Assert.Equal(_json[r.GetProperty("seq").GetInt64()], r.GetRawText()));
        Assert.True(reopened.Counters.Corrupt >= 1);
        Assert.Equal(reopened.Counters.Restored, sent.Length);
    }

    [Fact]
    public void Flush_BeforeACleanRestart_WhatWasAcknowledgedIsNotSentAgain()
    {
        Outbox outbox = Open();
        Append(outbox, 12);
        List<JsonElement> first = Drain(outbox);
        Append(outbox, 3);
        outbox.Flush();

        List<JsonElement> after = Drain(Open());

        Assert.Equal(12, first.Count);
        Assert.Equal([FirstSeq + 12, FirstSeq + 13, FirstSeq + 14], after.Select(r => r.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public void Append_NewMapMidSegment_ALayoutRecordAndBothMapsSentAsTheirJson()
    {
        Outbox outbox = Open();
        Append(outbox, 5);
        var other = new Telemetry.SampleFixture(MapText.With(points: MapText.List("""{"name":"soc","address":1,"target":"battery.soc"}""")));
        other.Set(1, 77);
        other.Cycle();
        other.Sample.Sequence = FirstSeq + 5;
        Assert.Equal(AppendStatus.Stored, outbox.Append(other.Sample));
        _json[FirstSeq + 5] = other.Cycle();

        List<JsonElement> records = Drain(Open());

        Assert.Equal(6, records.Count);
        Assert.All(records, r => Assert.Equal(_json[r.GetProperty("seq").GetInt64()], r.GetRawText()));
    }

    /// <summary>The offsets of the records of a segment file.</summary>
    private static List<int> Offsets(byte[] bytes)
    {
        var offsets = new List<int>();
        for (int pos = 0; pos < bytes.Length; pos += OutboxRecord.HeaderBytes + OutboxRecord.PayloadLength(bytes, pos))
        {
            offsets.Add(pos);
        }

        return offsets;
    }
}
