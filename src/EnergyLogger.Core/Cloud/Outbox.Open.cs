namespace EnergyLogger.Core.Cloud
{
    public sealed partial class Outbox
    {
        /// <summary>
        /// Reads the segment files left by the last run, oldest first. Every record is checked against its CRC; a
        /// damaged or torn stretch is skipped and counted, the records around it are kept (RELIABILITY S1). Files
        /// with no valid record are deleted. New samples go to a new segment. Returns the records restored.
        /// </summary>
        public int Open()
        {
            _segments.Clear();
            _activeNumber = -1;
            _scratchSegment = -1;
            int[] numbers = SegmentNumbers();
            for (int i = 0; i < numbers.Length; i++)
            {
                OutboxSegment segment = Load(numbers[i]);
                if (segment == null)
                {
                    continue;
                }

                if (_segments.Count >= _options.MaxSegments)
                {
                    // A smaller cap than the last run had: the oldest go, counted.
                    DropOldest();
                }

                _segments.Add(segment);
                Pending += segment.Count;
                Counters.Restored += segment.Count;
            }

            _nextNumber = numbers.Length > 0 ? numbers[numbers.Length - 1] + 1 : 0;
            return Pending;
        }

        private OutboxSegment Load(int number)
        {
            var segment = new OutboxSegment(_options.FilePrefix, number);
            int length = _store.Length(segment.Name);
            int read = length <= 0 ? 0 : _store.Read(segment.Name, 0, _scratch, 0, length < _scratch.Length ? length : _scratch.Length);
            if (read < 0)
            {
                Counters.StoreErrors++;
                return null;
            }

            if (length > _scratch.Length)
            {
                // Longer than any segment this firmware writes: the excess is not ours to trust.
                Counters.Corrupt++;
            }

            int pos = 0;
            bool inDamage = false;
            while (pos < read)
            {
                int payload = OutboxRecord.Check(_scratch, pos, read);
                if (payload == 0)
                {
                    if (!inDamage)
                    {
                        Counters.Corrupt++;
                        inDamage = true;
                    }

                    pos++;
                    continue;
                }

                inDamage = false;
                segment.Add(pos);
                pos += OutboxRecord.HeaderBytes + payload;
            }

            segment.Bytes = read;
            if (segment.Count == 0)
            {
                _store.Delete(segment.Name);
                return null;
            }

            _scratchSegment = number;
            return segment;
        }

        /// <summary>The numbers of the segment files in the store, ascending.</summary>
        private int[] SegmentNumbers()
        {
            string[] names = _store.List();
            int count = 0;
            var numbers = new int[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                int n = OutboxSegment.NumberOf(_options.FilePrefix, names[i]);
                if (n >= 0)
                {
                    numbers[count++] = n;
                }
            }

            // Insertion sort: a few dozen files at most.
            for (int i = 1; i < count; i++)
            {
                int v = numbers[i];
                int j = i - 1;
                while (j >= 0 && numbers[j] > v)
                {
                    numbers[j + 1] = numbers[j];
                    j--;
                }

                numbers[j + 1] = v;
            }

            var sorted = new int[count];
            System.Array.Copy(numbers, sorted, count);
            return sorted;
        }
    }
}
