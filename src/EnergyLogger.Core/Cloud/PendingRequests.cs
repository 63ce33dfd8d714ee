namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Requests other than telemetry that wait for a /status or /error (metadata, config pulls, applied
    /// reports, command observes): what each was, for the error log, and when it went out, for the timeout.
    /// Request ids roll over 1..65535 and skip ids still outstanding (reference A.4.3).
    /// </summary>
    public sealed class PendingRequests
    {
        private readonly int[] _ids;
        private readonly string[] _labels;
        private readonly long[] _sentAt;
        private int _next = 1;

        public PendingRequests(int capacity)
        {
            _ids = new int[capacity];
            _labels = new string[capacity];
            _sentAt = new long[capacity];
        }

        /// <summary>A fresh request id not used by anything outstanding here or in <paramref name="uplink"/>.</summary>
        public int NextId(TelemetryUplink uplink)
        {
            while (true)
            {
                int id = _next;
                _next = id == 65535 ? 1 : id + 1;
                if (IndexOf(id) < 0 && (uplink == null || !uplink.Has(id)))
                {
                    return id;
                }
            }
        }

        /// <summary>Remembers a request; when full, the oldest is forgotten (its answer is then only counted as unknown).</summary>
        public void Add(int id, string label, long nowMs)
        {
            int slot = IndexOf(0);
            if (slot < 0)
            {
                slot = Oldest();
            }

            _ids[slot] = id;
            _labels[slot] = label;
            _sentAt[slot] = nowMs;
        }

        /// <summary>Removes the request and returns what it was, or null when it is not outstanding.</summary>
        public string Take(int id)
        {
            int slot = id > 0 ? IndexOf(id) : -1;
            if (slot < 0)
            {
                return null;
            }

            _ids[slot] = 0;
            return _labels[slot];
        }

        /// <summary>Forgets requests older than the timeout; returns how many.</summary>
        public int Expire(long nowMs, int timeoutMs)
        {
            int n = 0;
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] != 0 && nowMs - _sentAt[i] >= timeoutMs)
                {
                    _ids[i] = 0;
                    n++;
                }
            }

            return n;
        }

        public void Clear()
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                _ids[i] = 0;
            }
        }

        private int IndexOf(int id)
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] == id)
                {
                    return i;
                }
            }

            return -1;
        }

        private int Oldest()
        {
            int oldest = 0;
            for (int i = 1; i < _ids.Length; i++)
            {
                if (_sentAt[i] < _sentAt[oldest])
                {
                    oldest = i;
                }
            }

            return oldest;
        }
    }
}
