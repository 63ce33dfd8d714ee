using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    public sealed partial class Outbox
    {
        /// <summary>
        /// Appends to a segment a record of which of its records are acknowledged: kind | run count | per run, the ordinal
        /// of its first sent record and how many. Written when a batch of a segment other than the one taking appends is
        /// acknowledged without emptying it, when the segment taking appends is left partly acknowledged, and before a
        /// clean restart; never per live acknowledgement (flash wear). So after a restart or a power cut during thinning,
        /// what the cloud acknowledged is not sent again, nor thinned back in. A segment file may grow by
        /// <see cref="OutboxOptions.MarkSlackBytes"/> for them; beyond that, the records may be sent again (at least once).
        /// </summary>
        private void MarkAcknowledged(OutboxSegment segment, int firstEntry, int endEntry)
        {
            if (segment.Acked == 0 || segment.FullyAcknowledged)
            {
                return;
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
                return;
            }

            pos = Varint.WriteUnsigned(payload, pos, runs);
            for (int r = 0; r < runs; r++)
            {
                pos = Varint.WriteUnsigned(payload, pos, runsAt[r]);
                pos = Varint.WriteUnsigned(payload, pos, lengths[r]);
            }

            AppendMark(segment, payload, pos);
        }

        /// <summary>Every acknowledged record of the segment, before a clean restart or when it stops taking appends.</summary>
        private void MarkAcknowledged(OutboxSegment segment)
        {
            MarkAcknowledged(segment, 0, segment.Entries);
        }

        private void AppendMark(OutboxSegment segment, byte[] payload, int length)
        {
            var record = new byte[OutboxRecord.HeaderBytes + length];
            OutboxRecord.Encode(record, 0, OutboxRecord.CompactVersion, payload, 0, length);
            if (segment.Bytes + record.Length > _options.SegmentBytes + _options.MarkSlackBytes)
            {
                return;
            }

            if (!_store.Append(segment.Name, record, 0, record.Length))
            {
                Counters.StoreErrors++;
                return;
            }

            if (segment.Number == _activeNumber)
            {
                System.Array.Copy(record, 0, _active, segment.Bytes, record.Length);
            }
            else if (_scratchSegment == segment.Number)
            {
                _scratchSegment = -1;
            }

            segment.Add(segment.Bytes, OutboxSegment.AcksKind);
            segment.Bytes += record.Length;
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

        /// <summary>The records an acknowledgement record names are done (runs of the segment's sent records, in order).</summary>
        private void ApplyAcknowledged(OutboxSegment segment, byte[] bytes, int offset)
        {
            int pos = offset + OutboxRecord.HeaderBytes + 1;
            int end = offset + OutboxRecord.HeaderBytes + OutboxRecord.PayloadLength(bytes, offset);
            int runs;
            if (!Varint.ReadCount(bytes, ref pos, end, segment.Count, out runs))
            {
                Counters.Corrupt++;
                return;
            }

            for (int r = 0; r < runs; r++)
            {
                int first, count;
                if (!Varint.ReadCount(bytes, ref pos, end, segment.Count, out first) || !Varint.ReadCount(bytes, ref pos, end, segment.Count - first, out count))
                {
                    Counters.Corrupt++;
                    return;
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
        }

        /// <summary>The thinning header of a segment: kind | level | the last segment number it stands for (varint).</summary>
        private static void ReadCover(OutboxSegment segment, byte[] bytes, int pos, int end)
        {
            int level, coversTo;
            if (Varint.ReadCount(bytes, ref pos, end, 255, out level) && Varint.ReadCount(bytes, ref pos, end, int.MaxValue, out coversTo)
                && coversTo >= segment.Number)
            {
                segment.Level = level;
                segment.CoversTo = coversTo;
            }
        }
    }
}
