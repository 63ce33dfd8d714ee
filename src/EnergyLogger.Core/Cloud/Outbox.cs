using System.Collections;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>How <see cref="Outbox.Append"/> ended.</summary>
    public enum AppendStatus
    {
        Stored,
        /// <summary>Larger than <see cref="OutboxOptions.MaxRecordBytes"/>; counted in <see cref="OutboxCounters.Refused"/>.</summary>
        TooLarge,
        /// <summary>The file store failed; counted in <see cref="OutboxCounters.Refused"/>.</summary>
        StoreFailed,
    }

    /// <summary>
    /// Store-and-forward for telemetry. Every sample is written to flash first (segment files of CRC-checked
    /// records through <see cref="IFileStore"/>), then sent in batches; a record leaves only when the cloud
    /// acknowledged its batch (the DCX /status reply, or PUBACK in custom-MQTT mode), and a segment file is
    /// deleted once all its records are acknowledged. At the byte cap the oldest segment is dropped and its
    /// unacknowledged records counted. Batches alternate between the newest samples and the oldest backlog,
    /// so a long replay never holds back live data (RELIABILITY C1, C2, S1). One thread uses it.
    /// </summary>
    public sealed partial class Outbox
    {
        private readonly IFileStore _store;
        private readonly OutboxOptions _options;

        // Oldest first; the last one takes appends. Its bytes are mirrored in _active so live batches never read flash.
        private readonly ArrayList _segments = new ArrayList();
        private readonly byte[] _active;
        private readonly byte[] _scratch;
        private int _scratchSegment = -1;
        private int _nextNumber;

        // The segment taking appends, or -1 (after a restart and after a failed append a new one is started).
        private int _activeNumber = -1;
        private bool _preferLive = true;

        public Outbox(IFileStore store, OutboxOptions options)
        {
            if (options.MaxSegments < 2)
            {
                throw new System.ArgumentException("the outbox needs at least two segments");
            }

            _store = store;
            _options = options;
            _active = new byte[options.SegmentBytes];
            _scratch = new byte[options.SegmentBytes];
        }

        public OutboxCounters Counters { get; } = new OutboxCounters();

        public OutboxOptions Options => _options;

        /// <summary>Records neither acknowledged nor dropped.</summary>
        public int Pending { get; private set; }

        /// <summary>Bytes in the segment files.</summary>
        public int StoredBytes
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    total += Segment(i).Bytes;
                }

                return total;
            }
        }

        public int SegmentCount => _segments.Count;

        /// <summary>Stores one sample (its JSON). Drops the oldest segment first when the cap would be passed.</summary>
        public AppendStatus Append(byte[] sample, int offset, int count)
        {
            if (count < 1 || count > _options.MaxRecordBytes)
            {
                Counters.Refused++;
                return AppendStatus.TooLarge;
            }

            OutboxSegment active = ActiveFor(OutboxRecord.HeaderBytes + count);
            int at = active.Bytes;
            int length = OutboxRecord.Encode(_active, at, sample, offset, count);
            if (!_store.Append(active.Name, _active, at, length))
            {
                // The file may now end in a torn record; later records go to a fresh segment so that the
                // index and the file agree (the torn bytes are skipped by their CRC after a restart).
                _activeNumber = -1;
                Counters.StoreErrors++;
                Counters.Refused++;
                return AppendStatus.StoreFailed;
            }

            active.Add(at);
            active.Bytes += length;
            Counters.Appended++;
            Pending++;
            return AppendStatus.Stored;
        }

        /// <summary>
        /// Fills <paramref name="buffer"/> with the next batch as a JSON array and marks its records in flight;
        /// false when nothing is waiting. Live and backlog batches take turns.
        /// </summary>
        public bool NextBatch(OutboxBatch batch, byte[] buffer)
        {
            bool built = _preferLive ? BuildLive(batch, buffer) || BuildBacklog(batch, buffer) : BuildBacklog(batch, buffer) || BuildLive(batch, buffer);
            if (built)
            {
                _preferLive = !batch.Live;
                Counters.BatchesSent++;
            }

            return built;
        }

        /// <summary>The cloud confirmed the batch: its records are done, and fully acknowledged segments are deleted.</summary>
        public void Acknowledge(OutboxBatch batch)
        {
            OutboxSegment segment = Find(batch.Segment);
            Counters.BatchesAcknowledged++;
            if (segment == null)
            {
                // Its segment was dropped at the cap while the batch was out; those records are counted as dropped.
                return;
            }

            for (int k = batch.First; k < batch.First + batch.Count; k++)
            {
                if (segment.States[k] == OutboxSegment.InFlight)
                {
                    segment.States[k] = OutboxSegment.Done;
                    segment.Acked++;
                    Counters.Acknowledged++;
                    Pending--;
                }
            }

            DeleteAcknowledged();
        }

        /// <summary>No answer, an error reply, or the connection dropped: the records go back to be sent again.</summary>
        public void Release(OutboxBatch batch)
        {
            OutboxSegment segment = Find(batch.Segment);
            Counters.BatchesReleased++;
            if (segment == null)
            {
                return;
            }

            for (int k = batch.First; k < batch.First + batch.Count; k++)
            {
                if (segment.States[k] == OutboxSegment.InFlight)
                {
                    segment.States[k] = OutboxSegment.Unsent;
                }
            }

            if (batch.First < segment.FirstUnsent)
            {
                segment.FirstUnsent = batch.First;
            }
        }

        private OutboxSegment Segment(int i)
        {
            return (OutboxSegment)_segments[i];
        }

        private OutboxSegment Find(int number)
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                if (Segment(i).Number == number)
                {
                    return Segment(i);
                }
            }

            return null;
        }

        /// <summary>The segment that takes the next record: a new one when the current one is full or was restored from flash.</summary>
        private OutboxSegment ActiveFor(int recordBytes)
        {
            OutboxSegment last = _segments.Count > 0 ? Segment(_segments.Count - 1) : null;
            if (last != null && last.Number == _activeNumber && last.Bytes + recordBytes <= _options.SegmentBytes)
            {
                return last;
            }

            _activeNumber = -1;
            DeleteAcknowledged();

            if (_segments.Count >= _options.MaxSegments)
            {
                DropOldest();
            }

            var segment = new OutboxSegment(_options.FilePrefix, _nextNumber++);
            _segments.Add(segment);
            _activeNumber = segment.Number;
            return segment;
        }

        private void DropOldest()
        {
            OutboxSegment oldest = Segment(0);
            int lost = oldest.Count - oldest.Acked;
            Counters.Dropped += lost;
            Pending -= lost;
            Remove(0);
        }

        /// <summary>Deletes every segment but the one taking appends whose records are all acknowledged.</summary>
        private void DeleteAcknowledged()
        {
            for (int i = _segments.Count - 1; i >= 0; i--)
            {
                OutboxSegment segment = Segment(i);
                if (segment.Number != _activeNumber && segment.FullyAcknowledged)
                {
                    Remove(i);
                }
            }
        }

        private void Remove(int i)
        {
            OutboxSegment segment = Segment(i);
            if (!_store.Delete(segment.Name))
            {
                Counters.StoreErrors++;
            }

            if (_scratchSegment == segment.Number)
            {
                _scratchSegment = -1;
            }

            _segments.RemoveAt(i);
        }
    }
}
