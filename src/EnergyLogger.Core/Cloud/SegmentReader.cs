using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Reads segment bytes back into their RAM index (<see cref="OutboxSegment"/>): at open, the files the last run
    /// left; after a thinning, the segment it wrote. Every record is checked against its CRC; a damaged or torn stretch
    /// is skipped and counted, the records around it are kept (RELIABILITY S1).
    /// </summary>
    internal sealed class SegmentReader
    {
        private readonly IFileStore _store;
        private readonly OutboxOptions _options;
        private readonly OutboxCounters _counters;
        private readonly SegmentFiles _files;

        public SegmentReader(IFileStore store, OutboxOptions options, OutboxCounters counters, SegmentFiles files)
        {
            _store = store;
            _options = options;
            _counters = counters;
            _files = files;
        }

        /// <summary>
        /// Reads the segment files left by the last run into <see cref="SegmentFiles"/>, oldest first. Records an
        /// acknowledgement record names stay acknowledged. A thinned segment stands for the files it replaced: one of
        /// them still there (a power cut between the replace and the deletes) is deleted now. Files with no record
        /// left to send are deleted. New segments are numbered after the last file.
        /// </summary>
        public void Restore()
        {
            int[] numbers = SegmentNumbers();
            int coveredTo = -1;
            for (int i = 0; i < numbers.Length; i++)
            {
                if (numbers[i] <= coveredTo)
                {
                    if (!_store.Delete(OutboxSegment.NameOf(_options.FilePrefix, numbers[i])))
                    {
                        _counters.StoreErrors++;
                    }

                    continue;
                }

                OutboxSegment segment = Load(numbers[i]);
                if (segment == null)
                {
                    continue;
                }

                coveredTo = segment.CoversTo > coveredTo ? segment.CoversTo : coveredTo;
                if (segment.FullyAcknowledged)
                {
                    _store.Delete(segment.Name);
                    continue;
                }

                _files.Restore(segment);
            }

            _files.NextNumber = numbers.Length > 0 ? numbers[numbers.Length - 1] + 1 : 0;
        }

        /// <summary>The index of a segment's bytes: its records, its thinning header, and what its acknowledgement records name.</summary>
        public OutboxSegment Index(int number, byte[] bytes, int length)
        {
            var segment = new OutboxSegment(_options.FilePrefix, number);
            int pos = 0;
            bool inDamage = false;

            // After a damaged stretch the records that say what changed since a lost one cannot be decoded, up to the
            // next layout or key record.
            bool broken = false;
            while (pos < length)
            {
                int payload = OutboxRecord.Check(bytes, pos, length);
                byte kind = payload == 0 ? (byte)255 : KindAt(bytes, pos);
                if (kind == 255)
                {
                    if (!inDamage)
                    {
                        _counters.Corrupt++;
                        inDamage = true;
                    }

                    broken = true;
                    pos++;
                    continue;
                }

                inDamage = false;
                broken &= kind != OutboxSegment.LayoutKind && !RecordCodec.IsKey(bytes, pos + OutboxRecord.HeaderBytes, payload);
                int entry = segment.Add(pos, kind);
                if (broken && OutboxSegment.IsSent(kind) && kind != OutboxSegment.JsonKind)
                {
                    segment.MarkDone(entry);
                    _counters.Corrupt++;
                }

                if (kind == OutboxSegment.CoverKind)
                {
                    ReadCover(segment, bytes, pos + OutboxRecord.HeaderBytes + 1, pos + OutboxRecord.HeaderBytes + payload);
                }

                pos += OutboxRecord.HeaderBytes + payload;
            }

            segment.Bytes = length;
            for (int e = 0; e < segment.Entries; e++)
            {
                if (segment.Kinds[e] == OutboxSegment.AcksKind && !AcknowledgementMarks.Apply(segment, bytes, segment.Offsets[e]))
                {
                    _counters.Corrupt++;
                }
            }

            return segment;
        }

        private OutboxSegment Load(int number)
        {
            byte[] scratch = _files.Scratch;
            string name = OutboxSegment.NameOf(_options.FilePrefix, number);
            int length = _store.Length(name);
            int read = length <= 0 ? 0 : _store.Read(name, 0, scratch, 0, length < scratch.Length ? length : scratch.Length);
            if (read < 0)
            {
                _counters.StoreErrors++;
                return null;
            }

            if (length > scratch.Length)
            {
                // Longer than any segment this firmware writes: the excess is not ours to trust.
                _counters.Corrupt++;
            }

            OutboxSegment segment = Index(number, scratch, read);
            if (segment.Entries == 0)
            {
                _store.Delete(segment.Name);
                return null;
            }

            _files.InScratch(number);
            return segment;
        }

        /// <summary>The kind of a valid record: JSON for version 1, else its first payload byte; 255 for a kind this firmware does not know.</summary>
        private static byte KindAt(byte[] bytes, int offset)
        {
            if (!OutboxRecord.IsCompact(bytes, offset))
            {
                return OutboxSegment.JsonKind;
            }

            byte kind = bytes[offset + OutboxRecord.HeaderBytes];
            return kind >= OutboxSegment.LayoutKind && kind <= OutboxSegment.CoverKind ? kind : (byte)255;
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

        /// <summary>The numbers of the segment files in the store, ascending.</summary>
        private int[] SegmentNumbers()
        {
            string[] names = _store.List();
            int count = 0;
            var numbers = new int[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                int n = OutboxSegment.NumberOf(_options.FilePrefix, names[i]);
                if (n >= 0)
                {
                    numbers[count++] = n;
                }
            }

            // Insertion sort: a few dozen files at most.
            for (int i = 1; i < count; i++)
            {
                int v = numbers[i];
                int j = i - 1;
                while (j >= 0 && numbers[j] > v)
                {
                    numbers[j + 1] = numbers[j];
                    j--;
                }

                numbers[j + 1] = v;
            }

            var sorted = new int[count];
            System.Array.Copy(numbers, sorted, count);
            return sorted;
        }
    }
}
