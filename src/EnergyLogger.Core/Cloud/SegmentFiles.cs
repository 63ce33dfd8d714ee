using System.Collections;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The segments of one outbox, oldest first: their files, their RAM index, the bytes of the one taking appends
    /// mirrored in RAM (so live batches never read flash) and of one other read into scratch, and the count of records
    /// waiting in them. A record leaves only through here (acknowledged, lost, dropped or merged), so
    /// <see cref="Pending"/> and the counters always agree.
    /// </summary>
    internal sealed class SegmentFiles
    {
        private readonly IFileStore _store;
        private readonly OutboxOptions _options;
        private readonly OutboxCounters _counters;
        private readonly ArrayList _segments = new ArrayList();

        // Cursors decoding these segments' bytes: reset whenever a segment's bytes go or change.
        private readonly ArrayList _cursors = new ArrayList();
        private int _scratchSegment = -1;

        // The segment taking appends, or -1 (after a restart and after a failed append a new one is started).
        private int _activeNumber = -1;

        public SegmentFiles(IFileStore store, OutboxOptions options, OutboxCounters counters)
        {
            _store = store;
            _options = options;
            _counters = counters;
            Mirror = new byte[options.SegmentBytes + options.MarkSlackBytes];
            Scratch = new byte[options.SegmentBytes + options.MarkSlackBytes];
        }

        /// <summary>The bytes of the segment taking appends; a record is placed here, then written with <see cref="Write"/>.</summary>
        public readonly byte[] Mirror;

        /// <summary>One other segment's bytes, read from its file; <see cref="Bytes"/> says whose.</summary>
        public readonly byte[] Scratch;

        /// <summary>The number the next new segment gets.</summary>
        public int NextNumber;

        /// <summary>Records neither acknowledged, dropped nor merged.</summary>
        public int Pending { get; private set; }

        public int Count => _segments.Count;

        public OutboxSegment this[int i] => (OutboxSegment)_segments[i];

        /// <summary>The segment taking appends, or null.</summary>
        public OutboxSegment Active
        {
            get
            {
                OutboxSegment last = _segments.Count > 0 ? this[_segments.Count - 1] : null;
                return last != null && last.Number == _activeNumber ? last : null;
            }
        }

        /// <summary>Bytes in the segment files.</summary>
        public int StoredBytes
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    total += this[i].Bytes;
                }

                return total;
            }
        }

        public bool IsActive(OutboxSegment segment)
        {
            return segment.Number == _activeNumber;
        }

        public OutboxSegment Find(int number)
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                if (this[i].Number == number)
                {
                    return this[i];
                }
            }

            return null;
        }

        /// <summary>A cursor over these segments' bytes, reset whenever one of them goes or changes.</summary>
        public RecordCursor Cursor()
        {
            var cursor = new RecordCursor();
            _cursors.Add(cursor);
            return cursor;
        }

        /// <summary>Forgets every segment, before the files are read again (records still counted as pending stay so).</summary>
        public void Clear()
        {
            _segments.Clear();
            _activeNumber = -1;
            _scratchSegment = -1;
            ResetCursors();
        }

        /// <summary>A segment read back from its file, its records not acknowledged yet waiting again.</summary>
        public void Restore(OutboxSegment segment)
        {
            _segments.Add(segment);
            Pending += segment.Count - segment.Acked;
            _counters.Restored += segment.Count - segment.Acked;
        }

        /// <summary><see cref="Scratch"/> holds the bytes of segment <paramref name="number"/>.</summary>
        public void InScratch(int number)
        {
            _scratchSegment = number;
        }

        /// <summary>A new segment, the one taking appends from now on.</summary>
        public OutboxSegment Start()
        {
            var segment = new OutboxSegment(_options.FilePrefix, NextNumber++);
            _segments.Add(segment);
            _activeNumber = segment.Number;
            return segment;
        }

        /// <summary>No segment takes appends: the next record starts a new one.</summary>
        public void StopAppends()
        {
            _activeNumber = -1;
        }

        /// <summary>
        /// Appends <see cref="Mirror"/>'s bytes at <paramref name="at"/> to the segment's file; false when the store
        /// failed, counted as a store error and a record refused.
        /// </summary>
        public bool Write(OutboxSegment active, int at, int length)
        {
            if (_store.Append(active.Name, Mirror, at, length))
            {
                return true;
            }

            // The file may now end in a torn record; later records go to a fresh segment so that the
            // index and the file agree (the torn bytes are skipped by their CRC after a restart).
            _activeNumber = -1;
            _counters.StoreErrors++;
            _counters.Refused++;
            return false;
        }

        /// <summary>The records just written are the segment's and wait to be sent.</summary>
        public AppendStatus Appended(OutboxSegment active, int length)
        {
            active.Bytes += length;
            _counters.Appended++;
            Pending++;
            return AppendStatus.Stored;
        }

        /// <summary>
        /// Appends a record that is not sent (acknowledgements) to any segment's file, within
        /// <see cref="OutboxOptions.MarkSlackBytes"/> beyond the segment's size; nothing when it would pass that.
        /// </summary>
        public void AppendMark(OutboxSegment segment, byte[] payload, int length)
        {
            var record = new byte[OutboxRecord.HeaderBytes + length];
            OutboxRecord.Encode(record, 0, OutboxRecord.CompactVersion, payload, 0, length);
            if (segment.Bytes + record.Length > _options.SegmentBytes + _options.MarkSlackBytes)
            {
                return;
            }

            if (!_store.Append(segment.Name, record, 0, record.Length))
            {
                _counters.StoreErrors++;
                return;
            }

            if (segment.Number == _activeNumber)
            {
                System.Array.Copy(record, 0, Mirror, segment.Bytes, record.Length);
            }
            else if (_scratchSegment == segment.Number)
            {
                _scratchSegment = -1;
            }

            segment.Add(segment.Bytes, OutboxSegment.AcksKind);
            segment.Bytes += record.Length;
        }

        /// <summary>The segment's bytes: the RAM mirror for the one taking appends, otherwise the file read into scratch.</summary>
        public byte[] Bytes(OutboxSegment segment)
        {
            if (segment.Number == _activeNumber)
            {
                return Mirror;
            }

            if (_scratchSegment != segment.Number)
            {
                int read = _store.Read(segment.Name, 0, Scratch, 0, segment.Bytes);
                if (read != segment.Bytes)
                {
                    _counters.StoreErrors++;
                    _scratchSegment = -1;
                    return null;
                }

                _scratchSegment = segment.Number;
            }

            return Scratch;
        }

        /// <summary>The cloud acknowledged an entry in flight.</summary>
        public void Acknowledge(OutboxSegment segment, int entry)
        {
            if (segment.States[entry] == OutboxSegment.InFlight && segment.MarkDone(entry))
            {
                _counters.Acknowledged++;
                Pending--;
            }
        }

        /// <summary>A record that can never be sent: counted as corrupt and dropped, so it holds nothing up.</summary>
        public void Lose(OutboxSegment segment, int entry)
        {
            if (segment.MarkDone(entry))
            {
                _counters.Corrupt++;
                _counters.Dropped++;
                Pending--;
            }
        }

        /// <summary>Deletes the oldest segment, its records not acknowledged counted as dropped.</summary>
        public void DropOldest()
        {
            OutboxSegment oldest = this[0];
            int lost = oldest.Count - oldest.Acked;
            _counters.Dropped += lost;
            Pending -= lost;
            Remove(0);
        }

        /// <summary>Deletes every segment but the one taking appends whose records are all acknowledged.</summary>
        public void DeleteAcknowledged()
        {
            for (int i = _segments.Count - 1; i >= 0; i--)
            {
                OutboxSegment segment = this[i];
                if (segment.Number != _activeNumber && segment.FullyAcknowledged)
                {
                    Remove(i);
                }
            }
        }

        public void Remove(int i)
        {
            OutboxSegment segment = this[i];
            if (!_store.Delete(segment.Name))
            {
                _counters.StoreErrors++;
            }

            Forget(segment.Number);
            _segments.RemoveAt(i);
        }

        /// <summary>Replaces the segment's file with <paramref name="bytes"/> in one atomic write; false (counted) when the store failed.</summary>
        public bool Rewrite(OutboxSegment segment, byte[] bytes, int length)
        {
            if (_store.Replace(segment.Name, bytes, 0, length))
            {
                return true;
            }

            _counters.StoreErrors++;
            return false;
        }

        /// <summary>
        /// Segment <paramref name="i"/> was thinned: <paramref name="thinned"/> indexes its new bytes, and
        /// <paramref name="merged"/> records were folded into aggregates beyond the aggregates themselves.
        /// </summary>
        public void Thinned(int i, OutboxSegment thinned, int merged)
        {
            _segments[i] = thinned;
            Forget(thinned.Number);
            _counters.Merged += merged;
            _counters.Thinned++;
            Pending -= merged;
        }

        /// <summary>The segment's bytes are gone or changed: no cached copy or cursor may speak of them.</summary>
        private void Forget(int number)
        {
            if (_scratchSegment == number)
            {
                _scratchSegment = -1;
            }

            ResetCursors();
        }

        private void ResetCursors()
        {
            for (int i = 0; i < _cursors.Count; i++)
            {
                ((RecordCursor)_cursors[i]).Reset();
            }
        }
    }
}
