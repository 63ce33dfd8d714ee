using EnergyLogger.Core.Json;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Writes the outbox's unsent records back into the JSON array of one batch and marks them in flight. Batches
    /// alternate between the newest samples (live, from the RAM mirror) and the oldest backlog (from flash), so a long
    /// replay never holds back live data (RELIABILITY C2).
    /// </summary>
    internal sealed class BatchBuilder
    {
        // A live batch looks back over at most this many records for the newest that fit.
        private const int LiveRun = 32;

        private readonly SegmentFiles _files;
        private readonly OutboxOptions _options;
        private readonly int[] _liveBytes = new int[LiveRun];
        private readonly RecordCursor _liveCursor;
        private readonly RecordCursor _backlogCursor;
        private readonly JsonWriter _json;
        private bool _preferLive = true;

        public BatchBuilder(SegmentFiles files, OutboxOptions options)
        {
            _files = files;
            _options = options;
            _liveCursor = files.Cursor();
            _backlogCursor = files.Cursor();
            _json = new JsonWriter(options.MaxRecordBytes, SampleWriter.Depth);
        }

        /// <summary>Fills <paramref name="buffer"/> with the next batch; false when nothing is waiting. Live and backlog batches take turns.</summary>
        public bool Next(OutboxBatch batch, byte[] buffer)
        {
            bool built = _preferLive ? BuildLive(batch, buffer) || BuildBacklog(batch, buffer) : BuildBacklog(batch, buffer) || BuildLive(batch, buffer);
            if (built)
            {
                _preferLive = !batch.Live;
            }

            return built;
        }

        /// <summary>The newest unsent records, ending with the latest sample, as many as fit one batch.</summary>
        private bool BuildLive(OutboxBatch batch, byte[] buffer)
        {
            OutboxSegment segment = _files.Active;
            if (segment == null)
            {
                return false;
            }

            int start = -1;
            int runs = 0;
            for (int k = segment.Entries - 1; k >= 0 && runs < LiveRun; k--)
            {
                byte state = segment.States[k];
                if (state == OutboxSegment.Meta)
                {
                    continue;
                }

                if (state != OutboxSegment.Unsent)
                {
                    break;
                }

                start = k;
                runs++;
            }

            if (start < 0)
            {
                return false;
            }

            // Their JSON lengths, written forward (the way the records decode); then the longest tail that fits.
            byte[] bytes = _files.Mirror;
            int n = 0;
            for (int k = start; k < segment.Entries; k++)
            {
                if (segment.States[k] == OutboxSegment.Unsent)
                {
                    byte[] source;
                    int offset;
                    _liveBytes[n++] = Render(segment, bytes, k, _liveCursor, out source, out offset);
                }
            }

            int limit = Limit(buffer);
            int length = 2;
            int first = segment.Entries;
            for (int k = segment.Entries - 1, i = n - 1; k >= start; k--)
            {
                if (segment.States[k] != OutboxSegment.Unsent)
                {
                    continue;
                }

                int more = _liveBytes[i--];
                more += more < 0 ? 0 : (first == segment.Entries ? 0 : 1);
                if (more >= 0 && length + more > limit && first < segment.Entries)
                {
                    break;
                }

                length += more < 0 ? 0 : more;
                first = k;
            }

            return Fill(batch, buffer, segment, bytes, first, _liveCursor, true);
        }

        /// <summary>The oldest unsent records, forward from the first one, within one segment.</summary>
        private bool BuildBacklog(OutboxBatch batch, byte[] buffer)
        {
            for (int i = 0; i < _files.Count; i++)
            {
                OutboxSegment segment = _files[i];
                int first = segment.FirstUnsent;
                while (first < segment.Entries && segment.States[first] != OutboxSegment.Unsent)
                {
                    first++;
                }

                segment.FirstUnsent = first;
                if (first == segment.Entries)
                {
                    continue;
                }

                byte[] bytes = _files.Bytes(segment);
                if (bytes != null && Fill(batch, buffer, segment, bytes, first, _backlogCursor, false))
                {
                    return true;
                }
            }

            return false;
        }

        private int Limit(byte[] buffer)
        {
            return buffer.Length < _options.MaxBatchBytes ? buffer.Length : _options.MaxBatchBytes;
        }

        /// <summary>
        /// Writes <c>[r1,r2,...]</c> from entry <paramref name="first"/> on, a live batch only that one, each record as
        /// the JSON of its sample or aggregate, while they are unsent and fit; marks them in flight. A record that cannot
        /// be written (its bytes do not decode, or its JSON fits no batch) is dropped and counted.
        /// </summary>
        private bool Fill(OutboxBatch batch, byte[] buffer, OutboxSegment segment, byte[] bytes, int first, RecordCursor cursor, bool live)
        {
            int limit = Limit(buffer);
            int pos = 1;
            int count = 0;
            int end = first;
            buffer[0] = (byte)'[';
            for (int k = first; k < segment.Entries; k++)
            {
                byte state = segment.States[k];
                if (state == OutboxSegment.Meta)
                {
                    continue;
                }

                if (state != OutboxSegment.Unsent)
                {
                    break;
                }

                byte[] source;
                int offset;
                int length = Render(segment, bytes, k, cursor, out source, out offset);
                int needed = length + (count > 0 ? 1 : 0);
                if (length < 0 || (count == 0 && pos + needed + 1 > limit))
                {
                    _files.Lose(segment, k);
                    continue;
                }

                if (pos + needed + 1 > limit)
                {
                    break;
                }

                if (count > 0)
                {
                    buffer[pos++] = (byte)',';
                }

                System.Array.Copy(source, offset, buffer, pos, length);
                pos += length;
                segment.States[k] = OutboxSegment.InFlight;
                count++;
                end = k + 1;
            }

            if (count == 0)
            {
                return false;
            }

            buffer[pos++] = (byte)']';
            batch.Segment = segment.Number;
            batch.First = first;
            batch.End = end;
            batch.Count = count;
            batch.Length = pos;
            batch.Live = live;
            return true;
        }

        /// <summary>The JSON of one record: a stored JSON payload as it is, a compact record decoded and written; -1 when it cannot be.</summary>
        private int Render(OutboxSegment segment, byte[] bytes, int entry, RecordCursor cursor, out byte[] source, out int offset)
        {
            int at = segment.Offsets[entry];
            if (segment.Kinds[entry] == OutboxSegment.JsonKind)
            {
                source = bytes;
                offset = at + OutboxRecord.HeaderBytes;
                return OutboxRecord.PayloadLength(bytes, at);
            }

            source = _json.Buffer;
            offset = 0;
            if (!cursor.MoveTo(segment, bytes, entry))
            {
                return -1;
            }

            RecordCodec.Render(cursor.State, cursor.Sample);
            return SampleWriter.Write(cursor.Sample, _json) ? _json.Length : -1;
        }
    }
}
