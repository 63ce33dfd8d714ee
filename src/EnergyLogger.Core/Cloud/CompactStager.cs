using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Stages the compact records of one mapped sample (<see cref="RecordCodec"/>): what changed since the last sample
    /// stored in the segment taking appends, or, when a segment starts or a new map took over, a layout record and the
    /// sample against a state of zeros. Keeps the state the next record is encoded against, and makes every
    /// <see cref="Outbox.KeyEvery"/>-th record a key record, so a damaged record costs at most that many.
    /// </summary>
    internal sealed class CompactStager
    {
        // The sample whose layout is _layout, the layout of the active segment's tail, the state after its last record,
        // the sample being stored, and the state after the records staged.
        private Sample _layoutOf;
        private SampleLayout _layout;
        private SampleLayout _segmentLayout;
        private RecordState _encoded;
        private RecordState _next;
        private RecordState _trial;

        // Records of the active segment since its last key record.
        private int _sinceKey;
        private byte[] _buffer;

        /// <summary>The records staged, from offset 0.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Takes the sample to stage; returns its layout.</summary>
        public SampleLayout Take(Sample sample)
        {
            SampleLayout layout = LayoutOf(sample);
            RecordCodec.Capture(sample, _next);
            return layout;
        }

        /// <summary>True when the segment taking appends ends in records of <paramref name="layout"/>, so the sample may say only what changed.</summary>
        public bool Continues(SampleLayout layout)
        {
            return layout.Same(_segmentLayout);
        }

        /// <summary>Stages the sample as what changed since the last one stored; returns its length.</summary>
        public int StageChange()
        {
            _trial.CopyFrom(_encoded);
            return Compact(0);
        }

        /// <summary>Stages a layout record, then the sample against a state of zeros; returns both lengths' sum.</summary>
        public int StageWithLayout(SampleLayout layout, out int layoutLength)
        {
            _buffer[OutboxRecord.HeaderBytes] = OutboxSegment.LayoutKind;
            System.Array.Copy(layout.Bytes, 0, _buffer, OutboxRecord.HeaderBytes + 1, layout.Bytes.Length);
            layoutLength = OutboxRecord.Seal(_buffer, 0, OutboxRecord.CompactVersion, 1 + layout.Bytes.Length);
            _trial.Clear();
            return layoutLength + Compact(layoutLength);
        }

        /// <summary>The staged records were stored (a layout record first when <paramref name="layoutLength"/> is not 0); returns the state after them.</summary>
        public RecordState Stored(SampleLayout layout, int layoutLength)
        {
            if (layoutLength > 0)
            {
                _segmentLayout = layout;
            }

            _sinceKey = layoutLength > 0 || _sinceKey + 1 >= Outbox.KeyEvery ? 0 : _sinceKey + 1;
            _encoded.CopyFrom(_trial);
            return _encoded;
        }

        /// <summary>The segment taking appends stopped taking them: the next sample starts with a layout record.</summary>
        public void SegmentEnded()
        {
            _segmentLayout = null;
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
                _buffer = new byte[(2 * OutboxRecord.HeaderBytes) + 1 + layout.Bytes.Length + RecordCodec.MaxBytes(layout)];
            }

            return _layout;
        }

        /// <summary>
        /// The sample record at <paramref name="offset"/> of the staging buffer; the trial state becomes the state after
        /// it. The first after a layout and every <see cref="Outbox.KeyEvery"/>-th is a key record.
        /// </summary>
        private int Compact(int offset)
        {
            bool key = offset > 0 || _sinceKey + 1 >= Outbox.KeyEvery;
            int payload = RecordCodec.Encode(_next, _trial, _buffer, offset + OutboxRecord.HeaderBytes, key);
            return OutboxRecord.Seal(_buffer, offset, OutboxRecord.CompactVersion, payload);
        }
    }
}
