using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Host.Bench;
using Xunit;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>The compact records: every sample decodes to the very JSON the writer made of it, whatever its values.</summary>
public class RecordCodecTests
{
    public static TheoryData<string> Workloads => new() { "deye", "synthetic" };

    private static OfflineWorkload Workload(string name) =>
        name == "deye" ? OfflineWorkload.Deye(MapFiles.Path("deye-sg04lp3.json")) : OfflineWorkload.Synthetic();

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Decode_DayOfSamplesEachAgainstTheOneBefore_WritesTheSameJson(string name)
    {
        OfflineWorkload workload = Workload(name);
        var round = new RoundTrip(workload.Sample);
        var random = new Random(3);
        for (int i = 0; i < 8640; i += 1 + random.Next(5))
        {
            workload.Step(1_000_000_001 + i, 1000L + (i * 10_000L), OfflineWorkload.StartUnixMs + (i * 10_000L));
            round.Check(workload.Sample, key: i % 97 == 0);
        }

        // Every value of the synthetic map moves every cycle; the Deye map's mostly do not.
        Assert.True(round.Bytes * 8 < round.JsonBytes, $"{round.Bytes / round.Records} bytes per record, {round.JsonBytes / round.Records} of JSON");
    }

    [Fact]
    public void Decode_QualitiesFreshValuesAndExtremes_WritesTheSameJson()
    {
        OfflineWorkload workload = Workload("deye");
        var round = new RoundTrip(workload.Sample);
        var random = new Random(11);
        double[] extremes = [0, -0.0, 1e-7, -1e-6, 123456789012.345, -987654321.5, 999999999999999, 1e15, -3.5e17, 2.5e300, 1.0 / 3, 299792.458];
        for (int i = 0; i < 3000; i++)
        {
            workload.Step(1_000_000_001 + (i * 3), 1000L + (i * 10_000L), OfflineWorkload.StartUnixMs + (i * 10_000L));
            Sample s = workload.Sample;
            s.ClockSynced = i % 50 != 7;
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                if (!s.Fed[f])
                {
                    continue;
                }

                int roll = random.Next(20);
                if (roll == 0)
                {
                    s.Quality[f] = (ValueQuality)(1 + random.Next(7));
                }
                else if (roll == 1)
                {
                    s.Fresh[f] = true;
                }
                else if (roll == 2 && TelemetrySchema.Field(f).Kind == FieldKind.Number)
                {
                    s.Values[f] = extremes[random.Next(extremes.Length)];
                }
                else if (roll == 3 && TelemetrySchema.Field(f).Kind == FieldKind.Code)
                {
                    s.Codes[f] = random.Next(2) == 0 ? long.MinValue + random.Next(5) : random.NextInt64();
                }
            }

            round.Check(s, key: false);
            Array.Clear(s.Fresh);
        }
    }

    [Fact]
    public void Read_LayoutOfEachReadyMap_SameBytesAndTheSameSampleLabels()
    {
        foreach (string name in new[] { "deye", "synthetic" })
        {
            Sample sample = Workload(name).Sample;
            SampleLayout layout = SampleLayout.Of(sample);

            SampleLayout read = SampleLayout.Read(layout.Bytes, 0, layout.Bytes.Length)!;

            Assert.True(read.Same(layout));
            Sample labelled = read.CreateSample();
            Assert.Equal(sample.Fed, labelled.Fed);
            Assert.Equal(sample.Digits, labelled.Digits);
            Assert.Equal(sample.UnsignedCodes, labelled.UnsignedCodes);
            Assert.Equal(sample.ExtraNames, labelled.ExtraNames);
        }
    }

    [Fact]
    public void Read_EveryTruncationAndFlippedByte_NullOrALayoutNeverAnException()
    {
        byte[] bytes = SampleLayout.Of(Workload("deye").Sample).Bytes;
        for (int n = 0; n < bytes.Length; n++)
        {
            Assert.Null(SampleLayout.Read(bytes, 0, n));
            byte[] flipped = (byte[])bytes.Clone();
            flipped[n] ^= 0x5A;
            SampleLayout.Read(flipped, 0, flipped.Length);
        }
    }

    [Fact]
    public void Decode_MutatedRecords_FalseOrAStateNeverAnException()
    {
        OfflineWorkload workload = Workload("synthetic");
        SampleLayout layout = SampleLayout.Of(workload.Sample);
        var state = new RecordState(layout);
        var next = new RecordState(layout);
        var buffer = new byte[RecordCodec.MaxBytes(layout)];
        var random = new Random(5);
        for (int i = 0; i < 300; i++)
        {
            workload.Step(1_000_000_001 + i, i * 10_000L, OfflineWorkload.StartUnixMs + (i * 10_000L));
            RecordCodec.Capture(workload.Sample, next);
            int length = RecordCodec.Encode(next, state, buffer, 0, i == 0);
            byte[] mutated = buffer[..length];
            mutated[random.Next(length)] ^= (byte)(1 << random.Next(8));
            var probe = new RecordState(layout);
            probe.CopyFrom(state);
            RecordCodec.Decode(mutated, 0, random.Next(2) == 0 ? length : random.Next(length), probe);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(-64L)]
    [InlineData(1L << 40)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Varint_SignedValue_ReadsBackTheSameInAtMostTenBytes(long value)
    {
        var buffer = new byte[Varint.MaxBytes];
        int end = Varint.WriteSigned(buffer, 0, value);
        int pos = 0;

        Assert.True(Varint.ReadSigned(buffer, ref pos, end, out long read));
        Assert.Equal((value, end), (read, pos));
        Assert.False(Varint.ReadSigned(buffer, ref pos, end, out _));
    }

    [Theory]
    [InlineData(0.1, 12)]
    [InlineData(-2.18, 12)]
    [InlineData(9.9996, 4)]
    [InlineData(345.6000001, 7)]
    [InlineData(0.0000004, 12)]
    [InlineData(1e14 + 0.5, 15)]
    public void Decompose_Number_WritesTheTextWriteWrites(double value, int digits)
    {
        var a = new byte[JsonNumberFormat.MaxLength];
        var b = new byte[JsonNumberFormat.MaxLength];
        int expected = JsonNumberFormat.Write(value, digits, JsonWriter.DefaultMaxDecimals, a, 0);

        Assert.True(JsonNumberFormat.Decompose(value, digits, JsonWriter.DefaultMaxDecimals, out long mantissa, out int decimals));
        Assert.Equal(a[..expected], b[..JsonNumberFormat.WriteDecimal(mantissa, decimals, b, 0)]);
        Assert.True(mantissa % 10 != 0 || decimals == 0);
    }

    /// <summary>An encoder and a decoder of one layout, each keeping the state of the record before.</summary>
    private sealed class RoundTrip
    {
        private readonly SampleLayout _layout;
        private readonly RecordState _encoded;
        private readonly RecordState _decoded;
        private readonly RecordState _next;
        private readonly Sample _render;
        private readonly byte[] _buffer;
        private readonly JsonWriter _expected = new(16384, SampleWriter.Depth);
        private readonly JsonWriter _actual = new(16384, SampleWriter.Depth);

        public RoundTrip(Sample sample)
        {
            _layout = SampleLayout.Of(sample);
            _encoded = new RecordState(_layout);
            _decoded = new RecordState(_layout);
            _next = new RecordState(_layout);
            _render = _layout.CreateSample();
            _buffer = new byte[RecordCodec.MaxBytes(_layout)];
        }

        public int Records { get; private set; }

        public long Bytes { get; private set; }

        public long JsonBytes { get; private set; }

        public void Check(Sample sample, bool key)
        {
            Assert.True(SampleWriter.Write(sample, _expected));
            RecordCodec.Capture(sample, _next);
            int length = RecordCodec.Encode(_next, _encoded, _buffer, 0, key || Records == 0);
            Assert.True(RecordCodec.Decode(_buffer, 0, length, _decoded), $"record {Records} does not decode");
            RecordCodec.Render(_decoded, _render);
            Assert.True(SampleWriter.Write(_render, _actual));
            Assert.Equal(_expected.Text(), _actual.Text());
            Records++;
            Bytes += length;
            JsonBytes += _expected.Length;
        }
    }
}
