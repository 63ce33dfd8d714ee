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
    /// changed since the sample before it (<see cref="CompactStager"/>), in segment files of CRC-checked records
    /// (<see cref="SegmentFiles"/>, read back by <see cref="SegmentReader"/>); batches are written back into the JSON the
    /// cloud receives (<see cref="BatchBuilder"/>). A record leaves only when the cloud acknowledged its batch (the DCX
    /// /status reply, or PUBACK in custom-MQTT mode), and a segment file is deleted once all its records are
    /// acknowledged; what is acknowledged of a segment that stays is recorded in it (<see cref="AcknowledgementMarks"/>).
    /// Near the cap, samples older than six hours are thinned into aggregates over growing intervals, energy counters
    /// exact (<see cref="SegmentThinner"/>); only what thinning cannot make room for is dropped, oldest first, and
    /// counted. Batches alternate between the newest samples and the oldest backlog, so a long replay never holds back
    /// live data (RELIABILITY C1, C2, S1). One thread uses it.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>A key record (everything, not only what changed) every so many records: a damaged record costs at most these.</summary>
        public const int KeyEvery = 64;

        private readonly OutboxOptions _options;
        private readonly SegmentFiles _files;
        private readonly SegmentReader _reader;
        private readonly CompactStager _stager = new CompactStager();
        private readonly BatchBuilder _batches;
        private readonly SegmentThinner _thinner;

        public Outbox(IFileStore store, OutboxOptions options)
        {
            if (options.MaxSegments < 2)
            {
                throw new System.ArgumentException("the outbox needs at least two segments");
            }

            _options = options;
            _files = new SegmentFiles(store, options, Counters);
            _reader = new SegmentReader(store, options, Counters, _files);
            _batches = new BatchBuilder(_files, options);
            _thinner = new SegmentThinner(_files, _reader, options);
        }

        public OutboxCounters Counters { get; } = new OutboxCounters();

        public OutboxOptions Options => _options;

        /// <summary>Records neither acknowledged, dropped nor merged.</summary>
        public int Pending => _files.Pending;

        /// <summary>Bytes in the segment files.</summary>
        public int StoredBytes => _files.StoredBytes;

        public int SegmentCount => _files.Count;

        /// <summary>True when <paramref name="name"/> is a segment file of the outbox with the file prefix <paramref name="prefix"/>.</summary>
        public static bool IsSegmentFile(string prefix, string name) => OutboxSegment.NumberOf(prefix, name) >= 0;

        /// <summary>
        /// Reads the segment files left by the last run, oldest first (<see cref="SegmentReader.Restore"/>): damaged
        /// stretches are skipped and counted, acknowledged records stay acknowledged, and files with nothing left to send
        /// are deleted. New samples go to a new segment. Returns the records restored.
        /// </summary>
        public int Open()
        {
            _files.Clear();
            _stager.SegmentEnded();
            _reader.Restore();

            // A smaller cap than the last run had: the oldest go, counted (acknowledgement records may pass the cap by their slack).
            while (_files.Count > 0 && _files.StoredBytes > _options.CapBytes + (_files.Count * _options.MarkSlackBytes))
            {
                _files.DropOldest();
            }

            return Pending;
        }

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
            int length = OutboxRecord.Encode(_files.Mirror, at, sample, offset, count);
            if (!_files.Write(active, at, length))
            {
                return AppendStatus.StoreFailed;
            }

            active.Add(at, OutboxSegment.JsonKind);
            return _files.Appended(active, length);
        }

        /// <summary>
        /// Stores one mapped sample as a compact record: what changed since the last sample of the segment, after a
        /// layout record at the start of a segment and when a new map took over. Thins or drops the oldest first when
        /// the cap would be passed. The caller has checked that the sample's JSON fits a record.
        /// </summary>
        public AppendStatus Append(Sample sample)
        {
            SampleLayout layout = _stager.Take(sample);
            OutboxSegment active = _files.Active;
            if (active != null && _stager.Continues(layout))
            {
                int length = _stager.StageChange();
                if (active.Bytes + length <= _options.SegmentBytes)
                {
                    return Store(active, layout, 0, length);
                }

                active = null;
            }

            int layoutLength;
            int total = _stager.StageWithLayout(layout, out layoutLength);
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
            bool built = _batches.Next(batch, buffer);
            if (built)
            {
                Counters.BatchesSent++;
            }

            return built;
        }

        /// <summary>The cloud confirmed the batch: its records are done, and fully acknowledged segments are deleted.</summary>
        public void Acknowledge(OutboxBatch batch)
        {
            OutboxSegment segment = _files.Find(batch.Segment);
            Counters.BatchesAcknowledged++;
            if (segment == null)
            {
                // Its segment was dropped at the cap while the batch was out; those records are counted as dropped.
                return;
            }

            for (int k = batch.First; k < batch.End; k++)
            {
                _files.Acknowledge(segment, k);
            }

            if (!_files.IsActive(segment))
            {
                MarkAcknowledged(segment, batch.First, batch.End);
            }

            _files.DeleteAcknowledged();
        }

        /// <summary>No answer, an error reply, or the connection dropped: the records go back to be sent again.</summary>
        public void Release(OutboxBatch batch)
        {
            OutboxSegment segment = _files.Find(batch.Segment);
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
            for (int i = 0; i < _files.Count; i++)
            {
                OutboxSegment segment = _files[i];
                MarkAcknowledged(segment, 0, segment.Entries);
            }
        }

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

        /// <summary>Appends the staged records to the active segment: a layout record when <paramref name="layoutLength"/> is not 0, then the sample.</summary>
        private AppendStatus Store(OutboxSegment active, SampleLayout layout, int layoutLength, int total)
        {
            int at = active.Bytes;
            System.Array.Copy(_stager.Buffer, 0, _files.Mirror, at, total);
            if (!_files.Write(active, at, total))
            {
                return AppendStatus.StoreFailed;
            }

            if (layoutLength > 0)
            {
                active.Add(at, OutboxSegment.LayoutKind);
            }

            active.Add(at + layoutLength, OutboxSegment.SampleKind);
            _thinner.Now(active, _stager.Stored(layout, layoutLength));
            return _files.Appended(active, total);
        }

        /// <summary>The segment that takes the next record: a new one when the current one is full or was restored from flash.</summary>
        private OutboxSegment ActiveFor(int recordBytes)
        {
            OutboxSegment active = _files.Active;
            if (active != null && active.Bytes + recordBytes <= _options.SegmentBytes)
            {
                return active;
            }

            SealActive();
            MakeRoom();
            return _files.Start();
        }

        /// <summary>The segment taking appends stops taking them: what of it was acknowledged live is recorded once, now.</summary>
        private void SealActive()
        {
            OutboxSegment active = _files.Active;
            if (active != null)
            {
                MarkAcknowledged(active, 0, active.Entries);
            }

            _files.StopAppends();
            _stager.SegmentEnded();
            _files.DeleteAcknowledged();
        }

        /// <summary>Room for a new segment within the cap: older samples thinned first, the oldest segment dropped when nothing can be.</summary>
        private void MakeRoom()
        {
            while (_files.Count > 0 && _files.StoredBytes + _options.SegmentBytes > _options.CapBytes)
            {
                if (!_thinner.Thin())
                {
                    _files.DropOldest();
                }
            }
        }

        /// <summary>Appends to the segment a record of which of its entries in the range are acknowledged, when any are and not all.</summary>
        private void MarkAcknowledged(OutboxSegment segment, int firstEntry, int endEntry)
        {
            int length;
            byte[] payload = AcknowledgementMarks.Encode(segment, firstEntry, endEntry, out length);
            if (payload != null)
            {
                _files.AppendMark(segment, payload, length);
            }
        }
    }
}
