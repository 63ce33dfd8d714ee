namespace EnergyLogger.Core.Ota
{
    /// <summary>The staging slot's segment files: append, read back, resume and erase.</summary>
    public sealed partial class FileImageSlots
    {
        // Bytes staged since the last ResumeStaging or EraseStaging; -1 when unknown (before either, or after a failed write).
        private int _stagedLength = -1;

        /// <summary>
        /// Keeps the segments written before the last one and drops the last one: segments are filled in
        /// order, so only the last can hold a torn tail. Also drops anything beyond the first gap, which a
        /// cut erase can leave. At most one segment (64 KB) is downloaded again.
        /// </summary>
        public int ResumeStaging()
        {
            if (_record.Mode != BootMode.Confirmed)
            {
                return -1;
            }

            string[] names = Segments(StagingSlot);
            int full = 0;
            while (full < MaxSegments && _store.Length(names[full]) == SegmentLength)
            {
                full++;
            }

            bool partialAfterFull = full < MaxSegments && _store.Length(names[full]) > 0;
            int kept = partialAfterFull ? full : (full > 0 ? full - 1 : 0);
            if (!DeleteSegments(names, kept))
            {
                _stagedLength = -1;
                return -1;
            }

            _stagedLength = kept * SegmentLength;
            return _stagedLength;
        }

        public bool EraseStaging()
        {
            if (_record.Mode != BootMode.Confirmed || !DeleteSegments(Segments(StagingSlot), 0))
            {
                _stagedLength = -1;
                return false;
            }

            _stagedLength = 0;
            return true;
        }

        public bool AppendStaging(byte[] buffer, int offset, int count)
        {
            if (_record.Mode != BootMode.Confirmed || _stagedLength < 0 || count < 0 || _stagedLength + count > Capacity)
            {
                return false;
            }

            string[] names = Segments(StagingSlot);
            while (count > 0)
            {
                int inSegment = _stagedLength % SegmentLength;
                int take = System.Math.Min(count, SegmentLength - inSegment);
                if (!_store.Append(names[_stagedLength / SegmentLength], buffer, offset, take))
                {
                    _stagedLength = -1;
                    return false;
                }

                _stagedLength += take;
                offset += take;
                count -= take;
            }

            return true;
        }

        public int ReadStaging(int position, byte[] buffer, int offset, int count)
        {
            return ReadSlot(StagingSlot, position, buffer, offset, count);
        }

        /// <summary>Reads a stored package (the loader reads the active one); -1 on failure or for the factory image.</summary>
        public int ReadSlot(ImageSlot slot, int position, byte[] buffer, int offset, int count)
        {
            if (slot == ImageSlot.Factory || position < 0 || count < 0)
            {
                return -1;
            }

            string[] names = Segments(slot);
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
                int got = _store.Read(names[segment], at % SegmentLength, buffer, offset + done, take);
                if (got < 0 && _store.Length(names[segment]) < 0)
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
        private bool DeleteSegments(string[] names, int from)
        {
            for (int i = MaxSegments - 1; i >= from; i--)
            {
                if (!_store.Delete(names[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private string[] Segments(ImageSlot slot)
        {
            return slot == ImageSlot.A ? _segmentsA : _segmentsB;
        }
    }
}
