using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The acknowledgement record a segment file may carry, a codec: kind | run count | per run, the ordinal of its
    /// first sent record and how many. The outbox appends one when a batch of a segment other than the one taking
    /// appends is acknowledged without emptying it, when the segment taking appends is left partly acknowledged, and
    /// before a clean restart; never per live acknowledgement (flash wear). So after a restart or a power cut during
    /// thinning, what the cloud acknowledged is not sent again, nor thinned back in. A segment file may grow by
    /// <see cref="OutboxOptions.MarkSlackBytes"/> for them; beyond that, the records may be sent again (at least once).
    /// </summary>
    internal static class AcknowledgementMarks
    {
        /// <summary>
        /// The payload of a record naming the acknowledged records among entries <paramref name="firstEntry"/> to
        /// <paramref name="endEntry"/>; null when there is nothing to record (none acknowledged, or all of the segment).
        /// </summary>
        public static byte[] Encode(OutboxSegment segment, int firstEntry, int endEntry, out int length)
        {
            length = 0;
            if (segment.Acked == 0 || segment.FullyAcknowledged)
            {
                return null;
            }

            int runs = 0;
            int ordinal = OrdinalOf(segment, firstEntry);
            var payload = new byte[1 + (Varint.MaxBytes * (1 + (2 * ((segment.Count / 2) + 1))))];
            int pos = 1;
            int runStart = -1;
            int runLength = 0;
            payload[0] = OutboxSegment.AcksKind;
            var runsAt = new int[segment.Count + 1];
            var lengths = new int[segment.Count + 1];
            for (int e = firstEntry; e < endEntry; e++)
            {
                if (!OutboxSegment.IsSent(segment.Kinds[e]))
                {
                    continue;
                }

                if (segment.States[e] == OutboxSegment.Done)
                {
                    runStart = runLength == 0 ? ordinal : runStart;
                    runLength++;
                }
                else if (runLength > 0)
                {
                    runsAt[runs] = runStart;
                    lengths[runs++] = runLength;
                    runLength = 0;
                }

                ordinal++;
            }

            if (runLength > 0)
            {
                runsAt[runs] = runStart;
                lengths[runs++] = runLength;
            }

            if (runs == 0)
            {
                return null;
            }

            pos = Varint.WriteUnsigned(payload, pos, runs);
            for (int r = 0; r < runs; r++)
            {
                pos = Varint.WriteUnsigned(payload, pos, runsAt[r]);
                pos = Varint.WriteUnsigned(payload, pos, lengths[r]);
            }

            length = pos;
            return payload;
        }

        /// <summary>
        /// The records the acknowledgement record at <paramref name="offset"/> names are done (runs of the segment's
        /// sent records, in order); false when it names records the segment does not have.
        /// </summary>
        public static bool Apply(OutboxSegment segment, byte[] bytes, int offset)
        {
            int pos = offset + OutboxRecord.HeaderBytes + 1;
            int end = offset + OutboxRecord.HeaderBytes + OutboxRecord.PayloadLength(bytes, offset);
            int runs;
            if (!Varint.ReadCount(bytes, ref pos, end, segment.Count, out runs))
            {
                return false;
            }

            for (int r = 0; r < runs; r++)
            {
                int first, count;
                if (!Varint.ReadCount(bytes, ref pos, end, segment.Count, out first) || !Varint.ReadCount(bytes, ref pos, end, segment.Count - first, out count))
                {
                    return false;
                }

                for (int e = 0, ordinal = 0; e < segment.Entries && ordinal < first + count; e++)
                {
                    if (!OutboxSegment.IsSent(segment.Kinds[e]))
                    {
                        continue;
                    }

                    if (ordinal >= first)
                    {
                        segment.MarkDone(e);
                    }

                    ordinal++;
                }
            }

            return true;
        }

        private static int OrdinalOf(OutboxSegment segment, int entry)
        {
            int ordinal = 0;
            for (int e = 0; e < entry; e++)
            {
                ordinal += OutboxSegment.IsSent(segment.Kinds[e]) ? 1 : 0;
            }

            return ordinal;
        }
    }
}
