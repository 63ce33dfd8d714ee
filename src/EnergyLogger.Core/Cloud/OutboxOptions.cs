namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Sizes of the store-and-forward outbox (docs/cloud.md, "Outbox sizing").
    /// The default cap is 512 KB: 32 segments of 16 KB. The stock nanoFramework partition table of an 8 MB
    /// ESP32-S3 gives I:\ a 2 MB LittleFS volume that also holds the Wi-Fi configuration, the settings and the
    /// stored config with its register map (up to 128 KB, twice while it is replaced); a quarter of it for the
    /// outbox leaves LittleFS the free blocks its copy-on-write needs. A sample of the ready maps with every
    /// point valid is 1.3 to 1.4 KB (OutboxSizingTests), so 512 KB keeps about 350 samples: an hour at a 10 s
    /// interval, six hours at 60 s. Older samples are dropped and counted. Boards with the MCUboot layout have
    /// only 24 KB on I:\ and must configure a smaller cap (for example 2 segments of 8 KB).
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

        public int CapBytes => SegmentBytes * MaxSegments;

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
