namespace EnergyLogger.Core.Cloud
{
    public sealed partial class Outbox
    {
        /// <summary>The newest unsent records of the segment taking appends, ending with the latest sample.</summary>
        private bool BuildLive(OutboxBatch batch, byte[] buffer)
        {
            OutboxSegment segment = _segments.Count > 0 ? Segment(_segments.Count - 1) : null;
            if (segment == null || segment.Number != _activeNumber || segment.Count == 0
                || segment.States[segment.Count - 1] != OutboxSegment.Unsent)
            {
                return false;
            }

            int limit = Limit(buffer);
            int bytes = 2;
            int first = segment.Count;
            while (first > 0 && segment.States[first - 1] == OutboxSegment.Unsent)
            {
                int more = PayloadLength(_active, segment.Offsets[first - 1]) + (first == segment.Count ? 0 : 1);
                if (bytes + more > limit)
                {
                    break;
                }

                bytes += more;
                first--;
            }

            return Fill(batch, buffer, segment, _active, first, segment.Count - first, true);
        }

        /// <summary>The oldest unsent records, forward from the first one, within one segment.</summary>
        private bool BuildBacklog(OutboxBatch batch, byte[] buffer)
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                OutboxSegment segment = Segment(i);
                int first = segment.FirstUnsent;
                while (first < segment.Count && segment.States[first] != OutboxSegment.Unsent)
                {
                    first++;
                }

                segment.FirstUnsent = first;
                if (first == segment.Count)
                {
                    continue;
                }

                byte[] bytes = Bytes(segment);
                if (bytes == null)
                {
                    continue;
                }

                int limit = Limit(buffer);
                int total = 2;
                int end = first;
                while (end < segment.Count && segment.States[end] == OutboxSegment.Unsent)
                {
                    int more = PayloadLength(bytes, segment.Offsets[end]) + (end == first ? 0 : 1);
                    if (total + more > limit)
                    {
                        break;
                    }

                    total += more;
                    end++;
                }

                return Fill(batch, buffer, segment, bytes, first, end - first, false);
            }

            return false;
        }

        private int Limit(byte[] buffer)
        {
            return buffer.Length < _options.MaxBatchBytes ? buffer.Length : _options.MaxBatchBytes;
        }

        /// <summary>Writes <c>[r1,r2,...]</c> and marks the records in flight.</summary>
        private bool Fill(OutboxBatch batch, byte[] buffer, OutboxSegment segment, byte[] bytes, int first, int count, bool live)
        {
            if (count == 0)
            {
                // A buffer smaller than one record: a caller error, since records are capped by MaxBatchBytes.
                return false;
            }

            int pos = 0;
            buffer[pos++] = (byte)'[';
            for (int k = first; k < first + count; k++)
            {
                if (k > first)
                {
                    buffer[pos++] = (byte)',';
                }

                int offset = segment.Offsets[k];
                int length = PayloadLength(bytes, offset);
                System.Array.Copy(bytes, offset + OutboxRecord.HeaderBytes, buffer, pos, length);
                pos += length;
                segment.States[k] = OutboxSegment.InFlight;
            }

            buffer[pos++] = (byte)']';
            batch.Segment = segment.Number;
            batch.First = first;
            batch.Count = count;
            batch.Length = pos;
            batch.Live = live;
            return true;
        }

        /// <summary>The segment's bytes: the RAM mirror for the one taking appends, otherwise the file read into scratch.</summary>
        private byte[] Bytes(OutboxSegment segment)
        {
            if (segment.Number == _activeNumber)
            {
                return _active;
            }

            if (_scratchSegment != segment.Number)
            {
                int read = _store.Read(segment.Name, 0, _scratch, 0, segment.Bytes);
                if (read != segment.Bytes)
                {
                    Counters.StoreErrors++;
                    _scratchSegment = -1;
                    return null;
                }

                _scratchSegment = segment.Number;
            }

            return _scratch;
        }

        private static int PayloadLength(byte[] bytes, int offset)
        {
            return bytes[offset + 2] | (bytes[offset + 3] << 8);
        }
    }
}
