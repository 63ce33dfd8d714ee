using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// Aggregates on the device against the shared vectors: the averages and their decimals, the compact records, and
    /// the outbox thinning samples into them, byte for byte as on .NET.
    /// </summary>
    [TestClass]
    public class AggregateVectorTests
    {
        [TestMethod]
        public void Aggregate_OneMinuteOfSamples_TheVectorsJson()
        {
            Cycle cycle = new Cycle();
            SampleLayout layout = SampleLayout.Of(cycle.Sample);
            var aggregator = new Aggregator(layout);
            for (int n = 0; n < 6; n++)
            {
                var record = new RecordState(layout);
                RecordCodec.Capture(cycle.Take(n), record);
                aggregator.Add(record, 60);
            }

            var aggregate = new RecordState(layout);
            aggregator.Finish(aggregate);
            var bytes = new byte[RecordCodec.MaxBytes(layout)];
            int length = RecordCodec.Encode(aggregate, new RecordState(layout), bytes, 0, true);
            var decoded = new RecordState(layout);
            Assert.IsTrue(RecordCodec.Decode(bytes, 0, length, decoded));
            Sample sample = layout.CreateSample();
            RecordCodec.Render(decoded, sample);
            var writer = new JsonWriter(2048, SampleWriter.Depth);

            Assert.IsTrue(SampleWriter.Write(sample, writer));
            Assert.AreEqual(AggregateVectors.Minute, Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length));
        }

        [TestMethod]
        public void Outbox_QuarterOfAnHourInATinyCap_ThinnedAndSentAsTheVectorsSay()
        {
            var options = new OutboxOptions
            {
                SegmentBytes = AggregateVectors.OutboxSegmentBytes,
                MaxSegments = AggregateVectors.OutboxSegments,
                FullResolutionMs = 60000,
                LevelAgeMs = new long[] { 60000, 120000, 180000 },
            };
            var outbox = new Outbox(new MemoryStore(), options);
            outbox.Open();
            Cycle cycle = new Cycle();
            for (int n = 0; n < AggregateVectors.OutboxSamples; n++)
            {
                Assert.AreEqual((int)AppendStatus.Stored, (int)outbox.Append(cycle.Take(n)));
            }

            var batch = new OutboxBatch();
            var buffer = new byte[options.MaxBatchBytes];
            int records = 0;
            int aggregates = 0;
            uint crc = Crc32.Initial;
            while (outbox.NextBatch(batch, buffer))
            {
                records += batch.Count;
                crc = Crc32.Update(crc, buffer, 0, batch.Length);
                string text = Encoding.UTF8.GetString(buffer, 0, batch.Length);
                for (int at = text.IndexOf("\"agg\""); at >= 0; at = text.IndexOf("\"agg\"", at + 1))
                {
                    aggregates++;
                }

                outbox.Acknowledge(batch);
            }

            Assert.AreEqual(0, outbox.Counters.Dropped);
            Assert.AreEqual(AggregateVectors.OutboxRecords, records);
            Assert.AreEqual(AggregateVectors.OutboxAggregates, aggregates);
            Assert.AreEqual(AggregateVectors.OutboxCrc, Crc32.Finish(crc));
        }

        /// <summary>The vector map's frame, decoder and mapper: sample n of the vectors, 10 s apart.</summary>
        private sealed class Cycle
        {
            private readonly RegisterFrame _frame;
            private readonly DecodedValues _values;
            private readonly TelemetryMapper _mapper;

            public Cycle()
            {
                MapError error;
                RegisterMap map = RegisterMapLoader.Load(AggregateVectors.Map, out error);
                Assert.IsNotNull(map, error == null ? "map" : error.ToString());
                _frame = new RegisterFrame(map);
                _values = new DecodedValues(map);
                _mapper = new TelemetryMapper(map, 0);
                Sample = _mapper.CreateSample();
            }

            public Sample Sample { get; }

            public Sample Take(int n)
            {
                ushort[] registers = AggregateVectors.Registers(n);
                _frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 1, registers, 0, registers.Length);
                PointDecoder.DecodeCycle(_frame, _values);
                _mapper.Map(_values, n * 10000L, AggregateVectors.StartUnixMs + (n * 10000L), true, Sample);
                Sample.Sequence = AggregateVectors.FirstSeq + n;
                return Sample;
            }
        }
    }
}
