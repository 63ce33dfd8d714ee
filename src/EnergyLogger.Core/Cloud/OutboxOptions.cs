namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Sizes of the store-and-forward outbox (docs/cloud.md, "Outbox sizing" and "A week offline").
    /// The default cap is 512 KB: 32 segments of 16 KB. The stock nanoFramework partition table of an 8 MB
    /// ESP32-S3 gives I:\ a 2 MB LittleFS volume that also holds the Wi-Fi configuration, the settings and the
    /// stored config with its register map (up to 128 KB, twice while it is replaced); a quarter of it for the
    /// outbox leaves LittleFS the free blocks its copy-on-write needs. Samples are stored in a compact form (about
    /// 70 bytes for the Deye map), and when the cap is near, samples older than <see cref="FullResolutionMs"/> are thinned
    /// into aggregates over growing intervals, so a week at a 10 s interval fits. Only what no thinning can make room
    /// for is dropped, oldest first, and counted. Boards with the MCUboot layout have only 24 KB on I:\ and must
    /// configure a smaller cap (for example 2 segments of 8 KB).
    /// </summary>
    public sealed class OutboxOptions
    {
        /// <summary>One segment is one file; it is deleted as a whole once every record in it is acknowledged.</summary>
        public int SegmentBytes = 16 * 1024;

        /// <summary>Segment files are named prefix + 8 digits + ".seg"; one outbox per cloud endpoint, each with its own prefix.</summary>
        public string FilePrefix = "ob";

        /// <summary>With <see cref="SegmentBytes"/>, the byte cap. At least 2 (one filling, one draining).</summary>
        public int MaxSegments = 32;

        /// <summary>The largest JSON array one batch may take (a DCX request or one custom-MQTT message).</summary>
        public int MaxBatchBytes = 8 * 1024;

        /// <summary>Samples younger than this are never thinned.</summary>
        public long FullResolutionMs = 6 * 3600 * 1000L;

        /// <summary>
        /// The intervals of the thinning levels, in seconds: level n aggregates over Intervals[n - 1]. Each divides the
        /// next, so a finer interval lies inside one coarser interval.
        /// </summary>
        public int[] IntervalsS = { 60, 300, 900, 3600 };

        /// <summary>
        /// The age (ms) from which samples are thinned to each level: data younger than AgeMs[n] is kept at no coarser
        /// than level n + 1 while the cap allows; beyond the last entry any level may be used.
        /// </summary>
        public long[] LevelAgeMs = { 6 * 3600 * 1000L, 24 * 3600 * 1000L, 72 * 3600 * 1000L };

        public int CapBytes => SegmentBytes * MaxSegments;

        /// <summary>Room a segment file may take beyond <see cref="SegmentBytes"/> for the acknowledgement records appended to it.</summary>
        public int MarkSlackBytes => SegmentBytes / 8;

        /// <summary>The largest sample the outbox takes: it must fit one segment and, inside brackets, one batch.</summary>
        public int MaxRecordBytes
        {
            get
            {
                int bySegment = SegmentBytes - OutboxRecord.HeaderBytes;
                int byBatch = MaxBatchBytes - 2;
                return bySegment < byBatch ? bySegment : byBatch;
            }
        }
    }
}
