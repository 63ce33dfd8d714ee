using System.Text.Json;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>Samples folded into aggregates: averages, extremes of power, counters exact, qualities carried, intervals that end where they must.</summary>
public class AggregatorTests
{
    private const long Monday = 1_767_571_200_000;

    private static readonly string Map = With(points: List(
        """{"name":"pv","address":1,"target":"pv.power"}""",
        """{"name":"today","address":2,"scale":0.1,"target":"pv.energy_today"}""",
        """{"name":"total","address":3,"type":"uint32","scale":0.1,"target":"pv.energy_total"}""",
        """{"name":"freq","address":5,"scale":0.01,"target":"grid.frequency"}""",
        """{"name":"state","address":6,"target":"device.state"}"""));

    private readonly SampleFixture _fixture = new(Map);
    private readonly SampleLayout _layout;

    public AggregatorTests()
    {
        _layout = SampleLayout.Of(_fixture.Sample);
    }

    private RecordState Record(int n, double pv, double today, double total, double freq, int state, ValueQuality pvQuality = ValueQuality.Ok)
    {
        Sample s = _fixture.Sample;
        s.Sequence = 1_000_000_001 + n;
        s.MonotonicMs = n * 10_000L;
        s.UnixMs = Monday + (n * 10_000L);
        s.ClockSynced = true;
        Set(s, "pv.power", pv, pvQuality);
        Set(s, "pv.energy_today", today);
        Set(s, "pv.energy_total", total);
        Set(s, "grid.frequency", freq);
        int f = TelemetrySchema.IndexOf("device.state");
        s.Quality[f] = ValueQuality.Ok;
        s.Codes[f] = state;
        s.Values[f] = state;
        var record = new RecordState(_layout);
        RecordCodec.Capture(s, record);
        return record;
    }

    private static void Set(Sample s, string path, double value, ValueQuality quality = ValueQuality.Ok)
    {
        int f = TelemetrySchema.IndexOf(path);
        s.Quality[f] = quality;
        s.Values[f] = quality == ValueQuality.Ok ? value : 0;
    }

    /// <summary>The aggregate as the cloud receives it: encoded as a compact record, decoded, written.</summary>
    private JsonElement Json(RecordState aggregate)
    {
        var buffer = new byte[RecordCodec.MaxBytes(_layout)];
        int length = RecordCodec.Encode(aggregate, new RecordState(_layout), buffer, 0, true);
        var decoded = new RecordState(_layout);
        Assert.True(RecordCodec.Decode(buffer, 0, length, decoded));
        Sample sample = _layout.CreateSample();
        RecordCodec.Render(decoded, sample);
        var writer = new JsonWriter(4096, SampleWriter.Depth);
        Assert.True(SampleWriter.Write(sample, writer));
        return System.Text.Json.JsonDocument.Parse(writer.Text()).RootElement.Clone();
    }

    [Fact]
    public void Finish_SixSamplesOfAMinute_AveragesExtremesAndTheLastReadingOfEachCounter()
    {
        var aggregator = new Aggregator(_layout);
        double[] pv = [1000, 1200, 900, 1500, 1100, 1300];
        for (int n = 0; n < 6; n++)
        {
            RecordState r = Record(n, pv[n], 5 + (n * 0.1), 1000 + (n * 0.1), 50 + (n * 0.01), n < 5 ? 2 : 4);
            Assert.True(n == 0 || aggregator.Accepts(r, 60));
            aggregator.Add(r, 60);
        }

        var aggregate = new RecordState(_layout);
        aggregator.Finish(aggregate);
        JsonElement json = Json(aggregate);

        Assert.Equal(1_000_000_001, json.GetProperty("seq").GetInt64());
        JsonElement agg = json.GetProperty("agg");
        Assert.Equal((6, 60, 1_000_000_006L), (agg.GetProperty("n").GetInt32(), agg.GetProperty("interval_s").GetInt32(), agg.GetProperty("seq_last").GetInt64()));
        Assert.Equal((Monday, Monday + 50_000), (agg.GetProperty("ts_first").GetInt64(), json.GetProperty("ts").GetInt64()));
        Assert.Equal((900, 1500), (agg.GetProperty("min").GetProperty("pv.power").GetDouble(), agg.GetProperty("max").GetProperty("pv.power").GetDouble()));
        // The average is written as the schema writes numbers: at most 6 decimals.
        Assert.Equal(1166.666667, json.GetProperty("pv").GetProperty("power").GetDouble());
        Assert.Equal((5.5, 1000.5), (json.GetProperty("pv").GetProperty("energy_today").GetDouble(), json.GetProperty("pv").GetProperty("energy_total").GetDouble()));
        Assert.Equal(50.025, json.GetProperty("grid").GetProperty("frequency").GetDouble(), 9);
        Assert.Equal(4, json.GetProperty("device").GetProperty("state").GetInt32());
    }

    [Fact]
    public void Accepts_NextMinuteADailyCounterThatWentBackOrAnotherLength_EndsTheInterval()
    {
        var aggregator = new Aggregator(_layout);
        aggregator.Add(Record(0, 100, 12.3, 500, 50, 2), 60);

        Assert.True(aggregator.Accepts(Record(5, 100, 12.4, 500.1, 50, 2), 60));
        Assert.False(aggregator.Accepts(Record(6, 100, 12.4, 500.1, 50, 2), 60));
        Assert.False(aggregator.Accepts(Record(1, 100, 0, 500.1, 50, 2), 60));
        Assert.False(aggregator.Accepts(Record(5, 100, 12.4, 500.1, 50, 2), 300));
    }

    [Fact]
    public void Finish_PowerStaleInEverySample_StaleCarriedAndNeverANumber()
    {
        var aggregator = new Aggregator(_layout);
        aggregator.Add(Record(0, 0, 1, 2, 50, 2, ValueQuality.Stale), 60);
        aggregator.Add(Record(1, 0, 1, 2, 50, 2, ValueQuality.Torn), 60);
        var aggregate = new RecordState(_layout);
        aggregator.Finish(aggregate);

        JsonElement json = Json(aggregate);

        Assert.Equal("torn", json.GetProperty("q").GetProperty("pv.power").GetString());
        Assert.False(json.GetProperty("pv").TryGetProperty("power", out _));
        Assert.False(json.GetProperty("agg").TryGetProperty("min", out _));
    }

    [Fact]
    public void Finish_PowerGoodInSomeSamples_AverageOfTheGoodOnesAndGood()
    {
        var aggregator = new Aggregator(_layout);
        aggregator.Add(Record(0, 0, 1, 2, 50, 2, ValueQuality.Stale), 60);
        aggregator.Add(Record(1, 800, 1, 2, 50, 2), 60);
        aggregator.Add(Record(2, 400, 1, 2, 50, 2), 60);
        var aggregate = new RecordState(_layout);
        aggregator.Finish(aggregate);

        JsonElement json = Json(aggregate);

        Assert.Equal(600, json.GetProperty("pv").GetProperty("power").GetDouble());
        Assert.False(json.TryGetProperty("q", out _));
    }

    [Fact]
    public void Add_AggregatesOfAFinerInterval_WeightedByTheirSamplesAndExtremesKept()
    {
        var minute = new Aggregator(_layout);
        var aggregates = new List<RecordState>();
        for (int n = 0; n < 12; n++)
        {
            RecordState r = Record(n, n < 6 ? 100 : 400 + (n * 10), 1, 2 + (n * 0.1), 50, 2);
            if (minute.Open && !minute.Accepts(r, 60))
            {
                var done = new RecordState(_layout);
                minute.Finish(done);
                aggregates.Add(done);
            }

            minute.Add(r, 60);
        }

        var last = new RecordState(_layout);
        minute.Finish(last);
        aggregates.Add(last);
        var five = new Aggregator(_layout);
        foreach (RecordState a in aggregates)
        {
            five.Add(a, 300);
        }

        var aggregate = new RecordState(_layout);
        five.Finish(aggregate);
        JsonElement json = Json(aggregate);

        Assert.Equal(12, json.GetProperty("agg").GetProperty("n").GetInt32());
        Assert.Equal((100 + 100 + 100 + 100 + 100 + 100 + 460 + 470 + 480 + 490 + 500 + 510) / 12.0, json.GetProperty("pv").GetProperty("power").GetDouble(), 6);
        Assert.Equal((100, 510), (json.GetProperty("agg").GetProperty("min").GetProperty("pv.power").GetDouble(), json.GetProperty("agg").GetProperty("max").GetProperty("pv.power").GetDouble()));
        Assert.Equal(3.1, json.GetProperty("pv").GetProperty("energy_total").GetDouble());
    }
}
