using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// One image slot's package as a run of 64 KB segment files ("ota-a.00", "ota-a.01", ...), filled in order,
    /// so that a package is read back byte for byte and a cut download or erase leaves a prefix.
    /// </summary>
    internal sealed class SlotSegments
    {
        public const int SegmentLength = 65536;
        public const int MaxSegments = (UpdatePackage.MaxPackageLength + SegmentLength - 1) / SegmentLength;

        private readonly IFileStore _store;
        private readonly string[] _names = new string[MaxSegments];

        public SlotSegments(IFileStore store, string prefix)
        {
            _store = store;
            for (int i = 0; i < MaxSegments; i++)
            {
                _names[i] = prefix + (i < 10 ? "0" : string.Empty) + i.ToString();
            }
        }

        /// <summary>
        /// Whole segments worth keeping for a resume: those written before the last one, since only the last can
        /// hold a torn tail, and none beyond the first gap, which a cut erase can leave.
        /// </summary>
        public int IntactSegments()
        {
            int full = 0;
            while (full < MaxSegments && _store.Length(_names[full]) == SegmentLength)
            {
                full++;
            }

            bool partialAfterFull = full < MaxSegments && _store.Length(_names[full]) > 0;
            return partialAfterFull ? full : (full > 0 ? full - 1 : 0);
        }

        /// <summary>Appends buffer[offset..offset+count) to a package of <paramref name="length"/> bytes, across segments.</summary>
        public bool Append(int length, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int take = System.Math.Min(count, SegmentLength - (length % SegmentLength));
                if (!_store.Append(_names[length / SegmentLength], buffer, offset, take))
                {
                    return false;
                }

                length += take;
                offset += take;
                count -= take;
            }

            return true;
        }

        /// <summary>Reads up to count bytes at <paramref name="position"/>: fewer at the package's end, -1 on a read failure.</summary>
        public int Read(int position, byte[] buffer, int offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int at = position + done;
                int segment = at / SegmentLength;
                if (segment >= MaxSegments)
                {
                    break;
                }

                int take = System.Math.Min(count - done, SegmentLength - (at % SegmentLength));
                int got = _store.Read(_names[segment], at % SegmentLength, buffer, offset + done, take);
                if (got < 0 && _store.Length(_names[segment]) < 0)
                {
                    break;
                }

                if (got < 0)
                {
                    return -1;
                }

                done += got;
                if (got < take)
                {
                    break;
                }
            }

            return done;
        }

        /// <summary>Deletes segments from the highest down to <paramref name="from"/>, so a cut erase leaves a prefix.</summary>
        public bool DeleteFrom(int from)
        {
            for (int i = MaxSegments - 1; i >= from; i--)
            {
                if (!_store.Delete(_names[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
