using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Makes room near the cap by thinning groups of consecutive segments into aggregates over growing intervals,
    /// energy counters exact (docs/cloud.md, "A week offline"). Ages are measured from the newest sample stored, which
    /// the outbox reports with <see cref="Now"/>.
    /// </summary>
    internal sealed class SegmentThinner
    {
        private readonly SegmentFiles _files;
        private readonly SegmentReader _reader;
        private readonly OutboxOptions _options;

        // The time of the newest sample stored: ages are measured from it.
        private bool _nowKnown;
        private long _nowSeq;
        private long _nowMono;
        private long _nowUnix;
        private bool _nowSynced;

        // One of the segment files' cursors, so that a thinning that rewrites or deletes a segment resets it too: a cursor
        // left inside bytes that changed would decode the old ones.
        private RecordCursor _cursor;

        public SegmentThinner(SegmentFiles files, SegmentReader reader, OutboxOptions options)
        {
            _files = files;
            _reader = reader;
            _options = options;
        }

        /// <summary>The record just appended, whose state is <paramref name="state"/>, is the segment's newest and the outbox's now.</summary>
        public void Now(OutboxSegment segment, RecordState state)
        {
            segment.TimeKnown = true;
            segment.NewestSeq = _nowSeq = state.LastSeq;
            segment.NewestMono = _nowMono = state.Mono;
            segment.NewestUnix = _nowUnix = state.Unix;
            segment.NewestSynced = _nowSynced = state.Synced;
            _nowKnown = true;
        }

        /// <summary>
        /// Thins one group of consecutive segments into aggregates: the oldest segment below the level its age asks for
        /// (6 h to 1 day: 1 minute, to 3 days: 5 minutes, older: 15 minutes) and those after it that may join; when every
        /// segment is at its level, the oldest that can go one level coarser (up to 1 hour). Samples younger than
        /// <see cref="OutboxOptions.FullResolutionMs"/> are thinned only when the cap cannot hold that much at full
        /// resolution (a map far larger than the Deye map's), rather than dropped. Segments with records in flight or
        /// sent and not acknowledged in this run, and the segment taking appends, are never thinned. False when nothing
        /// could be.
        /// </summary>
        public bool Thin()
        {
            int top = _options.IntervalsS.Length;
            for (int pass = 0; pass < 3; pass++)
            {
                long horizon = pass < 2 ? _options.FullResolutionMs : 0;
                for (int i = 0; i < _files.Count; i++)
                {
                    OutboxSegment segment = _files[i];
                    long age = Age(segment);
                    if (!Eligible(segment, age, horizon))
                    {
                        continue;
                    }

                    int level = pass == 0 ? LevelFor(age) : segment.Level + 1;
                    if (segment.Level < level && level <= top && ThinGroup(i, level, horizon, pass > 0))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool Eligible(OutboxSegment segment, long age, long horizon)
        {
            if (_files.IsActive(segment) || segment.Sent || segment.Count == segment.Acked || age < 0 || age < horizon)
            {
                return false;
            }

            for (int e = 0; e < segment.Entries; e++)
            {
                if (segment.States[e] == OutboxSegment.InFlight)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The level the age asks for: 1 from the full-resolution horizon on, one more at each age of <see cref="OutboxOptions.LevelAgeMs"/>.</summary>
        private int LevelFor(long age)
        {
            int level = 0;
            while (level < _options.LevelAgeMs.Length && _options.LevelAgeMs[level] <= age)
            {
                level++;
            }

            return level;
        }

        /// <summary>
        /// How long ago the segment's newest sample was taken, at least: by the wall clock when both it and now were
        /// stamped, by the monotonic clock within one boot, and no less than this boot's uptime for an earlier boot. -1
        /// when it is not known (JSON records, or nothing stored yet).
        /// </summary>
        private long Age(OutboxSegment segment)
        {
            if (!_nowKnown || (!segment.TimeKnown && !LearnTime(segment)))
            {
                return -1;
            }

            if (_nowSynced && segment.NewestSynced)
            {
                return _nowUnix - segment.NewestUnix;
            }

            return SampleSequence.EpochOf(segment.NewestSeq) == SampleSequence.EpochOf(_nowSeq) ? _nowMono - segment.NewestMono : _nowMono;
        }

        /// <summary>A restored segment's newest time, from a walk through its records (once).</summary>
        private bool LearnTime(OutboxSegment segment)
        {
            int last = segment.Entries - 1;
            while (last >= 0 && segment.Kinds[last] != OutboxSegment.SampleKind && segment.Kinds[last] != OutboxSegment.AggregateKind)
            {
                last--;
            }

            byte[] bytes = last < 0 ? null : _files.Bytes(segment);
            _cursor = _cursor ?? _files.Cursor();
            if (bytes == null || !_cursor.MoveTo(segment, bytes, last))
            {
                return false;
            }

            RecordState state = _cursor.State;
            segment.TimeKnown = true;
            segment.NewestSeq = state.LastSeq;
            segment.NewestMono = state.Mono;
            segment.NewestUnix = state.Unix;
            segment.NewestSynced = state.Synced;
            return true;
        }

        /// <summary>
        /// Thins segment <paramref name="start"/> and the eligible ones after it that fit one output segment into
        /// aggregates at <paramref name="level"/>. What of them was acknowledged is already recorded in their files
        /// (<see cref="AcknowledgementMarks"/>) and left out; the output replaces the first file in one atomic write, its
        /// header naming the last file it stands for, and the others are deleted. A power cut before the replace leaves
        /// everything as it was; one after it, a restart finishes the deletes (<see cref="SegmentReader.Restore"/>).
        /// </summary>
        private bool ThinGroup(int start, int level, long horizon, bool promote)
        {
            var group = new ThinningOutput(_options.SegmentBytes, level, _options.IntervalsS[level - 1]);
            int last = start - 1;
            int folded = 0;
            for (int i = start; i < _files.Count; i++)
            {
                OutboxSegment segment = _files[i];
                long age = Age(segment);
                if (i > start && (!Eligible(segment, age, horizon) || segment.Level > level || (!promote && LevelFor(age) < level)))
                {
                    break;
                }

                byte[] bytes = _files.Bytes(segment);
                if (bytes == null)
                {
                    break;
                }

                group.Checkpoint();
                int taken = Fold(segment, bytes, group);
                if (taken < 0)
                {
                    group.Rollback();
                    break;
                }

                folded += taken;
                last = i;
            }

            if (last < start)
            {
                return false;
            }

            return Commit(start, last, group, folded);
        }

        /// <summary>Feeds the unsent records of one segment to the output; returns how many, or -1 when the output is full.</summary>
        private int Fold(OutboxSegment segment, byte[] bytes, ThinningOutput output)
        {
            _cursor = _cursor ?? _files.Cursor();
            _cursor.Reset();
            int taken = 0;
            for (int e = 0; e < segment.Entries; e++)
            {
                byte kind = segment.Kinds[e];
                if (!OutboxSegment.IsSent(kind) || segment.States[e] != OutboxSegment.Unsent)
                {
                    continue;
                }

                bool fits;
                if (kind == OutboxSegment.JsonKind)
                {
                    fits = output.Copy(bytes, segment.Offsets[e]);
                }
                else if (_cursor.MoveTo(segment, bytes, e))
                {
                    fits = output.Add(_cursor.State);
                }
                else
                {
                    // Not decodable: it could never be sent either.
                    _files.Lose(segment, e);
                    continue;
                }

                if (!fits)
                {
                    return -1;
                }

                taken++;
            }

            return output.EndOfInput() ? taken : -1;
        }

        private bool Commit(int start, int last, ThinningOutput group, int folded)
        {
            OutboxSegment first = _files[start];
            int length = group.Finish(_files[last].Number);
            if (!_files.Rewrite(first, group.Buffer, length))
            {
                return false;
            }

            for (int i = last; i > start; i--)
            {
                _files.Remove(i);
            }

            OutboxSegment thinned = _reader.Index(first.Number, group.Buffer, length);
            _files.Thinned(start, thinned, folded - thinned.Count);
            LearnTime(thinned);
            return true;
        }
    }
}
