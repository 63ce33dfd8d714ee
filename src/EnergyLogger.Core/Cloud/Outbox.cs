using System.Collections;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>How <see cref="Outbox.Append(Sample)"/> ended.</summary>
    public enum AppendStatus
    {
        Stored,
        /// <summary>Larger than <see cref="OutboxOptions.MaxRecordBytes"/>; counted in <see cref="OutboxCounters.Refused"/>.</summary>
        TooLarge,
        /// <summary>The file store failed; counted in <see cref="OutboxCounters.Refused"/>.</summary>
        StoreFailed,
    }

    /// <summary>
    /// Store-and-forward for telemetry. Every sample is written to flash first, as a compact record that holds what
    /// changed since the sample before it (<see cref="RecordCodec"/>), in segment files of CRC-checked records through
    /// <see cref="IFileStore"/>; batches are written back into the JSON the cloud receives. A record leaves only when the
    /// cloud acknowledged its batch (the DCX /status reply, or PUBACK in custom-MQTT mode), and a segment file is deleted
    /// once all its records are acknowledged. Near the cap, samples older than six hours are thinned into aggregates over
    /// growing intervals, energy counters exact (Outbox.Thinning.cs); only what thinning cannot make room for is dropped,
    /// oldest first, and counted. Batches alternate between the newest samples and the oldest backlog, so a long replay
    /// never holds back live data (RELIABILITY C1, C2, S1). One thread uses it.
    /// </summary>
    public sealed partial class Outbox
    {
        /// <summary>A key record (everything, not only what changed) every so many records: a damaged record costs at most these.</summary>
        public const int KeyEvery = 64;

        private readonly IFileStore _store;
        private readonly OutboxOptions _options;

        // Oldest first; the last one takes appends. Its bytes are mirrored in _active so live batches never read flash.
        private readonly ArrayList _segments = new ArrayList();
        private readonly byte[] _active;
        private readonly byte[] _scratch;
        private readonly RecordCursor _liveCursor = new RecordCursor();
        private readonly RecordCursor _backlogCursor = new RecordCursor();
        private readonly JsonWriter _json;
        private int _scratchSegment = -1;
        private int _nextNumber;

        // The segment taking appends, or -1 (after a restart and after a failed append a new one is started).
        private int _activeNumber = -1;
        private bool _preferLive = true;

        // Compact appends: the sample whose layout is _layout, the layout of the active segment's tail, the state after
        // its last record, the sample being stored, and the records staged for one append.
        private Sample _layoutOf;
        private SampleLayout _layout;
        private SampleLayout _activeLayout;
        private RecordState _encoded;
        private RecordState _next;
        private RecordState _trial;
        private byte[] _record;

        // Records of the active segment since its last key record; every KeyEvery-th is a key.
        private int _sinceKey;

        public Outbox(IFileStore store, OutboxOptions options)
        {
            if (options.MaxSegments < 2)
            {
                throw new System.ArgumentException("the outbox needs at least two segments");
            }

            _store = store;
            _options = options;
            _active = new byte[options.SegmentBytes + options.MarkSlackBytes];
            _scratch = new byte[options.SegmentBytes + options.MarkSlackBytes];
            _json = new JsonWriter(options.MaxRecordBytes, SampleWriter.Depth);
        }

        public OutboxCounters Counters { get; } = new OutboxCounters();

        public OutboxOptions Options => _options;

        /// <summary>Records neither acknowledged, dropped nor merged.</summary>
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

        /// <summary>Stores one sample as its JSON (version 1 records). Drops or thins the oldest first when the cap would be passed.</summary>
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
            if (!Write(active, at, length))
            {
                return AppendStatus.StoreFailed;
            }

            active.Add(at, OutboxSegment.JsonKind);
            return Stored(active, length);
        }

        /// <summary>
        /// Stores one mapped sample as a compact record: what changed since the last sample of the segment, after a
        /// layout record at the start of a segment and when a new map took over. Thins or drops the oldest first when
        /// the cap would be passed. The caller has checked that the sample's JSON fits a record.
        /// </summary>
        public AppendStatus Append(Sample sample)
        {
            SampleLayout layout = LayoutOf(sample);
            RecordCodec.Capture(sample, _next);
            OutboxSegment active = _segments.Count > 0 && Segment(_segments.Count - 1).Number == _activeNumber ? Segment(_segments.Count - 1) : null;
            if (active != null && layout.Same(_activeLayout))
            {
                _trial.CopyFrom(_encoded);
                int length = Compact(_next, _trial, 0);
                if (active.Bytes + length <= _options.SegmentBytes)
                {
                    return Store(active, layout, 0, length);
                }

                active = null;
            }

            // A layout record first, then the sample against a state of zeros.
            int layoutLength = LayoutRecord(layout);
            _trial.Clear();
            int total = layoutLength + Compact(_next, _trial, layoutLength);
            if (total > _options.SegmentBytes)
            {
                Counters.Refused++;
                return AppendStatus.TooLarge;
            }

            if (active == null || active.Bytes + total > _options.SegmentBytes)
            {
                active = ActiveFor(total);
            }

            return Store(active, layout, layoutLength, total);
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

            for (int k = batch.First; k < batch.End; k++)
            {
                if (segment.States[k] == OutboxSegment.InFlight && segment.MarkDone(k))
                {
                    Counters.Acknowledged++;
                    Pending--;
                }
            }

            if (segment.Number != _activeNumber)
            {
                MarkAcknowledged(segment, batch.First, batch.End);
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

            // The cloud may have them: they are sent again as they are, never folded into an aggregate.
            segment.Sent = true;
            for (int k = batch.First; k < batch.End; k++)
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

        /// <summary>
        /// Before a clean restart: each segment that is partly acknowledged gets a record that says which of its records
        /// are, so the next run does not send them again.
        /// </summary>
        public void Flush()
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                MarkAcknowledged(Segment(i));
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

        /// <summary>The layout of the sample's map, made again only when a new map gave the sample; and states sized for it.</summary>
        private SampleLayout LayoutOf(Sample sample)
        {
            if (sample == _layoutOf)
            {
                return _layout;
            }

            SampleLayout layout = SampleLayout.Of(sample);
            _layoutOf = sample;
            if (!layout.Same(_layout))
            {
                _layout = layout;
                _next = new RecordState(layout);
                _trial = new RecordState(layout);
                var encoded = new RecordState(layout);
                if (_encoded != null && layout.Same(_encoded.Layout))
                {
                    encoded.CopyFrom(_encoded);
                }

                _encoded = encoded;
                _record = new byte[(2 * OutboxRecord.HeaderBytes) + 1 + layout.Bytes.Length + RecordCodec.MaxBytes(layout)];
            }

            return _layout;
        }

        private int LayoutRecord(SampleLayout layout)
        {
            _record[OutboxRecord.HeaderBytes] = OutboxSegment.LayoutKind;
            System.Array.Copy(layout.Bytes, 0, _record, OutboxRecord.HeaderBytes + 1, layout.Bytes.Length);
            return OutboxRecord.Seal(_record, 0, OutboxRecord.CompactVersion, 1 + layout.Bytes.Length);
        }

        /// <summary>
        /// The sample record at <paramref name="offset"/> of the staging buffer; <paramref name="state"/> becomes the state
        /// after it. The first after a layout and every <see cref="KeyEvery"/>-th is a key record.
        /// </summary>
        private int Compact(RecordState next, RecordState state, int offset)
        {
            bool key = offset > 0 || _sinceKey + 1 >= KeyEvery;
            int payload = RecordCodec.Encode(next, state, _record, offset + OutboxRecord.HeaderBytes, key);
            return OutboxRecord.Seal(_record, offset, OutboxRecord.CompactVersion, payload);
        }

        /// <summary>Appends the staged records to the active segment: a layout record when <paramref name="layoutLength"/> is not 0, then the sample.</summary>
        private AppendStatus Store(OutboxSegment active, SampleLayout layout, int layoutLength, int total)
        {
            int at = active.Bytes;
            System.Array.Copy(_record, 0, _active, at, total);
            if (!Write(active, at, total))
            {
                return AppendStatus.StoreFailed;
            }

            if (layoutLength > 0)
            {
                active.Add(at, OutboxSegment.LayoutKind);
                _activeLayout = layout;
            }

            active.Add(at + layoutLength, OutboxSegment.SampleKind);
            _sinceKey = layoutLength > 0 || _sinceKey + 1 >= KeyEvery ? 0 : _sinceKey + 1;
            _encoded.CopyFrom(_trial);
            Now(active, _encoded);
            return Stored(active, total);
        }

        private bool Write(OutboxSegment active, int at, int length)
        {
            if (_store.Append(active.Name, _active, at, length))
            {
                return true;
            }

            // The file may now end in a torn record; later records go to a fresh segment so that the
            // index and the file agree (the torn bytes are skipped by their CRC after a restart).
            _activeNumber = -1;
            Counters.StoreErrors++;
            Counters.Refused++;
            return false;
        }

        private AppendStatus Stored(OutboxSegment active, int length)
        {
            active.Bytes += length;
            Counters.Appended++;
            Pending++;
            return AppendStatus.Stored;
        }

        /// <summary>The segment that takes the next record: a new one when the current one is full or was restored from flash.</summary>
        private OutboxSegment ActiveFor(int recordBytes)
        {
            OutboxSegment last = _segments.Count > 0 ? Segment(_segments.Count - 1) : null;
            if (last != null && last.Number == _activeNumber && last.Bytes + recordBytes <= _options.SegmentBytes)
            {
                return last;
            }

            SealActive();
            MakeRoom();
            var segment = new OutboxSegment(_options.FilePrefix, _nextNumber++);
            _segments.Add(segment);
            _activeNumber = segment.Number;
            return segment;
        }

        /// <summary>True when <paramref name="name"/> is a segment file of the outbox with the file prefix <paramref name="prefix"/>.</summary>
        public static bool IsSegmentFile(string prefix, string name) => OutboxSegment.NumberOf(prefix, name) >= 0;

        /// <summary>
        /// A new cap (at least 2 segments), for outboxes that share one flash budget. Over a smaller cap, older samples
        /// are thinned and, where nothing can be, the oldest dropped and counted, as when the cap is reached; the next
        /// sample starts a new segment.
        /// </summary>
        public void Resize(int maxSegments)
        {
            if (maxSegments < 2)
            {
                throw new System.ArgumentException("the outbox needs at least two segments");
            }

            _options.MaxSegments = maxSegments;
            SealActive();
            MakeRoom();
        }

        /// <summary>The segment taking appends stops taking them: what of it was acknowledged live is recorded once, now.</summary>
        private void SealActive()
        {
            OutboxSegment last = _segments.Count > 0 ? Segment(_segments.Count - 1) : null;
            if (last != null && last.Number == _activeNumber)
            {
                MarkAcknowledged(last);
            }

            _activeNumber = -1;
            _activeLayout = null;
            DeleteAcknowledged();
        }

        /// <summary>Room for a new segment within the cap: older samples thinned first, the oldest segment dropped when nothing can be.</summary>
        private void MakeRoom()
        {
            while (_segments.Count > 0 && StoredBytes + _options.SegmentBytes > _options.CapBytes)
            {
                if (!Thin())
                {
                    DropOldest();
                }
            }
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

            Forget(segment.Number);
            _segments.RemoveAt(i);
        }

        /// <summary>The segment's bytes are gone or changed: no cached copy or cursor may speak of them.</summary>
        private void Forget(int number)
        {
            if (_scratchSegment == number)
            {
                _scratchSegment = -1;
            }

            _liveCursor.Reset();
            _backlogCursor.Reset();
        }
    }
}
