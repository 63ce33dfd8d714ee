using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The segment a thinning writes: a header record (its level and the last segment it stands for), then for each
    /// layout its layout record and the aggregates of the records fed in, as compact records against the one before.
    /// Input segments are fed whole; a checkpoint before each lets the thinning take back one that no longer fits.
    /// </summary>
    internal sealed class ThinningOutput
    {
        // The cover record: kind, level and a five-byte varint, so the number it names can be written last.
        private const int CoverPayload = 1 + 1 + 5;

        private readonly int _level;
        private readonly int _intervalS;
        private int _pos;
        private SampleLayout _layout;
        private Aggregator _aggregator;
        private RecordState _state;
        private RecordState _aggregate;
        private byte[] _staging;
        private int _sinceKey;
        private int _savedSinceKey;

        private int _savedPos;
        private SampleLayout _savedLayout;
        private RecordState _savedState;

        public ThinningOutput(int bytes, int level, int intervalS)
        {
            Buffer = new byte[bytes];
            _level = level;
            _intervalS = intervalS;
            _pos = OutboxRecord.HeaderBytes + CoverPayload;
        }

        public byte[] Buffer { get; }

        /// <summary>Adds a decoded sample or aggregate; false when the output is full.</summary>
        public bool Add(RecordState record)
        {
            if (!record.Layout.Same(_layout) && (!Close() || !StartLayout(record.Layout)))
            {
                return false;
            }

            if (_aggregator.Open && !_aggregator.Accepts(record, _intervalS) && !Close())
            {
                return false;
            }

            _aggregator.Add(record, _intervalS);
            return true;
        }

        /// <summary>A record stored as JSON (by the firmware before compact records) goes through as it is.</summary>
        public bool Copy(byte[] bytes, int offset)
        {
            int length = OutboxRecord.HeaderBytes + OutboxRecord.PayloadLength(bytes, offset);
            if (!Close() || _pos + length > Buffer.Length)
            {
                return false;
            }

            System.Array.Copy(bytes, offset, Buffer, _pos, length);
            _pos += length;
            return true;
        }

        /// <summary>The input segment ended: its last interval is written, so the next segment may be taken back alone.</summary>
        public bool EndOfInput()
        {
            return Close();
        }

        public void Checkpoint()
        {
            _savedPos = _pos;
            _savedSinceKey = _sinceKey;
            _savedLayout = _layout;
            _savedState = null;
            if (_state != null)
            {
                _savedState = new RecordState(_state.Layout);
                _savedState.CopyFrom(_state);
            }
        }

        public void Rollback()
        {
            _pos = _savedPos;
            _sinceKey = _savedSinceKey;
            _layout = _savedLayout;
            _state = _savedState;
            _aggregator = _layout == null ? null : new Aggregator(_layout);
        }

        /// <summary>Writes the header, naming the last segment the output stands for; returns the output's length.</summary>
        public int Finish(int coversTo)
        {
            int payload = OutboxRecord.HeaderBytes;
            Buffer[payload] = OutboxSegment.CoverKind;
            Buffer[payload + 1] = (byte)_level;
            for (int i = 0; i < 5; i++)
            {
                Buffer[payload + 2 + i] = (byte)(((coversTo >> (7 * i)) & 0x7F) | (i < 4 ? 0x80 : 0));
            }

            OutboxRecord.Seal(Buffer, 0, OutboxRecord.CompactVersion, CoverPayload);
            return _pos;
        }

        private bool StartLayout(SampleLayout layout)
        {
            int length = OutboxRecord.HeaderBytes + 1 + layout.Bytes.Length;
            if (_pos + length > Buffer.Length)
            {
                return false;
            }

            Buffer[_pos + OutboxRecord.HeaderBytes] = OutboxSegment.LayoutKind;
            System.Array.Copy(layout.Bytes, 0, Buffer, _pos + OutboxRecord.HeaderBytes + 1, layout.Bytes.Length);
            _pos += OutboxRecord.Seal(Buffer, _pos, OutboxRecord.CompactVersion, 1 + layout.Bytes.Length);
            _layout = layout;
            _aggregator = new Aggregator(layout);
            _state = new RecordState(layout);
            _aggregate = new RecordState(layout);
            _sinceKey = 0;
            return true;
        }

        /// <summary>Writes the open interval's aggregate, if there is one; false when it does not fit.</summary>
        private bool Close()
        {
            if (_aggregator == null || !_aggregator.Open)
            {
                return true;
            }

            if (_aggregate == null || !_aggregate.Layout.Same(_layout))
            {
                _aggregate = new RecordState(_layout);
            }

            int room = OutboxRecord.HeaderBytes + RecordCodec.MaxBytes(_layout);
            if (_staging == null || _staging.Length < room)
            {
                _staging = new byte[room];
            }

            _aggregator.Finish(_aggregate);
            bool key = _sinceKey == 0;
            int payload = RecordCodec.Encode(_aggregate, _state, _staging, OutboxRecord.HeaderBytes, key);
            int length = OutboxRecord.Seal(_staging, 0, OutboxRecord.CompactVersion, payload);
            if (_pos + length > Buffer.Length)
            {
                return false;
            }

            System.Array.Copy(_staging, 0, Buffer, _pos, length);
            _pos += length;
            _sinceKey = (_sinceKey + 1) % Outbox.KeyEvery;
            return true;
        }
    }
}
