using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Decodes the compact records of a segment in order: each says only what changed since the one before it, from the
    /// last layout record on. The cursor keeps where it stopped, so walking a segment forward (the backlog, the newest
    /// record) costs one decode per record; a jump backwards starts again from the layout before it.
    /// </summary>
    internal sealed class RecordCursor
    {
        private int _segment = -1;
        private int _next;
        private bool _valid;

        /// <summary>The layout of the record last decoded.</summary>
        public SampleLayout Layout { get; private set; }

        /// <summary>The record last decoded, as numbers.</summary>
        public RecordState State { get; private set; }

        /// <summary>A sample labelled by <see cref="Layout"/>, to render <see cref="State"/> into.</summary>
        public Sample Sample { get; private set; }

        /// <summary>Forgets the position: the segment's bytes changed (thinned) or it was dropped.</summary>
        public void Reset()
        {
            _segment = -1;
            _valid = false;
        }

        /// <summary>
        /// Decodes up to entry <paramref name="entry"/> (a sample or an aggregate) of the segment whose bytes are given;
        /// false when it cannot be decoded (no layout before it, or a record its layout does not read).
        /// </summary>
        public bool MoveTo(OutboxSegment segment, byte[] bytes, int entry)
        {
            if (_valid && _segment == segment.Number && _next == entry + 1)
            {
                return true;
            }

            if (!_valid || _segment != segment.Number || _next > entry)
            {
                // From the layout the entry is written in, and from the last key record before it.
                int keyAt = -1;
                int layoutAt = entry;
                while (layoutAt >= 0 && segment.Kinds[layoutAt] != OutboxSegment.LayoutKind)
                {
                    keyAt = keyAt < 0 && IsKey(segment, bytes, layoutAt) ? layoutAt : keyAt;
                    layoutAt--;
                }

                _segment = segment.Number;
                _valid = layoutAt >= 0 && Take(LayoutAt(segment, bytes, layoutAt));
                _next = keyAt >= 0 ? keyAt : layoutAt + 1;
                if (!_valid)
                {
                    return false;
                }
            }

            for (; _next <= entry && _valid; _next++)
            {
                int offset = segment.Offsets[_next];
                int payload = offset + OutboxRecord.HeaderBytes;
                int length = OutboxRecord.PayloadLength(bytes, offset);
                byte kind = segment.Kinds[_next];
                if (kind == OutboxSegment.LayoutKind)
                {
                    _valid = Take(LayoutAt(segment, bytes, _next));
                }
                else if (kind == OutboxSegment.SampleKind || kind == OutboxSegment.AggregateKind)
                {
                    _valid = RecordCodec.Decode(bytes, payload, length, State);
                }
            }

            return _valid;
        }

        private static SampleLayout LayoutAt(OutboxSegment segment, byte[] bytes, int entry)
        {
            int offset = segment.Offsets[entry];
            return SampleLayout.Read(bytes, offset + OutboxRecord.HeaderBytes + 1, OutboxRecord.PayloadLength(bytes, offset) - 1);
        }

        private static bool IsKey(OutboxSegment segment, byte[] bytes, int entry)
        {
            int offset = segment.Offsets[entry];
            return RecordCodec.IsKey(bytes, offset + OutboxRecord.HeaderBytes, OutboxRecord.PayloadLength(bytes, offset));
        }

        /// <summary>A layout record: the state starts again from zero, in the objects of the last layout when it is the same.</summary>
        private bool Take(SampleLayout layout)
        {
            if (layout == null)
            {
                return false;
            }

            if (!layout.Same(Layout))
            {
                Layout = layout;
                State = new RecordState(layout);
                Sample = layout.CreateSample();
            }

            State.Clear();
            return true;
        }
    }
}
