namespace EnergyLogger.Vectors
{
    /// <summary>
    /// Samples of a small map folded into aggregates, and the outbox thinning a quarter of an hour of them, with what
    /// the cloud must receive: the same on nanoFramework and .NET (the averages, the decimals, the compact records).
    /// </summary>
    public static class AggregateVectors
    {
        public const string Map = "{\"format\":\"energylogger-map/1\",\"name\":\"aggregate\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],\"points\":["
            + "{\"name\":\"pv\",\"address\":1,\"target\":\"pv.power\"},"
            + "{\"name\":\"today\",\"address\":2,\"scale\":0.1,\"target\":\"pv.energy_today\"},"
            + "{\"name\":\"total\",\"address\":3,\"type\":\"uint32\",\"scale\":0.1,\"target\":\"pv.energy_total\"},"
            + "{\"name\":\"freq\",\"address\":5,\"scale\":0.01,\"target\":\"grid.frequency\"},"
            + "{\"name\":\"state\",\"address\":6,\"target\":\"device.state\"},"
            + "{\"name\":\"aux\",\"address\":7,\"scale\":0.1}]}";

        /// <summary>2026-01-05 00:00 UTC; a sample every 10 s from here.</summary>
        public const long StartUnixMs = 1767571200000;

        public const long FirstSeq = 1000000001;

        /// <summary>Registers 1..7 of sample n: the power wanders, the counters rise, the state changes once.</summary>
        public static ushort[] Registers(int n)
        {
            return new ushort[]
            {
                (ushort)(1000 + ((n * 37) % 400)), (ushort)(50 + (n / 3)), 0, (ushort)(10000 + n), (ushort)(4990 + (n % 7)), (ushort)(n < 4 ? 2 : 4),
                (ushort)(n * 3),
            };
        }

        /// <summary>Samples 0..5 (one minute) as one aggregate.</summary>
        public const string Minute = "{\"v\":1,\"seq\":1000000001,\"ts\":1767571250000,\"mono\":50000,\"synced\":true,"
            + "\"agg\":{\"n\":6,\"interval_s\":60,\"seq_last\":1000000006,\"ts_first\":1767571200000,\"mono_first\":0,"
            + "\"min\":{\"pv.power\":1000},\"max\":{\"pv.power\":1185}},"
            + "\"pv\":{\"power\":1092.5,\"energy_today\":5.1,\"energy_total\":1000.5},\"grid\":{\"frequency\":49.925},\"device\":{\"state\":4},"
            + "\"ext\":{\"aux\":0.75}}";

        /// <summary>Samples appended to the outbox of <see cref="OutboxSegmentBytes"/> and <see cref="OutboxSegments"/> before it is drained.</summary>
        public const int OutboxSamples = 90;

        public const int OutboxSegmentBytes = 512;

        public const int OutboxSegments = 4;

        /// <summary>What the drained outbox sends: records, how many of them are aggregates, and the CRC-32 of its batches in order.</summary>
        public const int OutboxRecords = 36;

        public const int OutboxAggregates = 3;

        public const uint OutboxCrc = 2717466240;
    }
}
