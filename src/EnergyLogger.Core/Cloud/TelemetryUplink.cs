namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The batches out on the wire for every endpoint's outbox, each under the key the dialect matches its
    /// answer with (a Kaa request id, or the MQTT message id in custom mode). A batch goes back to its outbox
    /// as acknowledged only on <see cref="Complete"/>; an error, a timeout or a lost connection releases it to
    /// be sent again (RELIABILITY C2). Endpoints take turns, so one busy endpoint cannot starve another. A batch
    /// the cloud refused holds its endpoint back for a growing, jittered wait (the reconnect backoff's steps): the
    /// same records sent again at once would only be refused again, tick after tick, while the outbox grows.
    /// </summary>
    public sealed class TelemetryUplink
    {
        private readonly Outbox[] _outboxes;
        private readonly OutboxBatch[] _batches;
        private readonly int[] _owner;
        private readonly int[] _keys;
        private readonly long[] _sentAt;
        private readonly bool[] _used;
        private readonly Backoff[] _refusals;
        private readonly bool[] _refused;
        private readonly long[] _heldUntil;
        private int _nextEndpoint;
        private int _staged = -1;

        public TelemetryUplink(Outbox[] outboxes, CloudSettings settings, int maxBatchBytes, uint jitterSeed)
        {
            int window = settings.Window;
            _outboxes = outboxes;
            _refusals = new Backoff[outboxes.Length];
            _refused = new bool[outboxes.Length];
            _heldUntil = new long[outboxes.Length];
            for (int e = 0; e < outboxes.Length; e++)
            {
                _refusals[e] = new Backoff(settings.BackoffBaseMs, settings.BackoffMaxMs, jitterSeed + (uint)e);
            }

            _batches = new OutboxBatch[window];
            _owner = new int[window];
            _keys = new int[window];
            _sentAt = new long[window];
            _used = new bool[window];
            for (int i = 0; i < window; i++)
            {
                _batches[i] = new OutboxBatch();
            }

            Buffer = new byte[maxBatchBytes];
        }

        /// <summary>The JSON array of the staged batch.</summary>
        public byte[] Buffer { get; }

        public int InFlight
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _used.Length; i++)
                {
                    n += _used[i] ? 1 : 0;
                }

                return n;
            }
        }

        /// <summary>
        /// Takes the next batch of some endpoint into <see cref="Buffer"/>; returns its length, or 0 when the
        /// window is full, nothing waits, or what waits is held back after a refusal. The caller publishes it, then
        /// calls <see cref="Track"/> or <see cref="Abort"/>.
        /// </summary>
        public int Stage(long nowMs, out int endpoint)
        {
            endpoint = -1;
            int slot = FreeSlot();
            if (slot < 0)
            {
                return 0;
            }

            for (int n = 0; n < _outboxes.Length; n++)
            {
                int e = (_nextEndpoint + n) % _outboxes.Length;
                if (HeldBack(e, nowMs))
                {
                    continue;
                }

                if (_outboxes[e].NextBatch(_batches[slot], Buffer))
                {
                    _nextEndpoint = (e + 1) % _outboxes.Length;
                    _owner[slot] = e;
                    _staged = slot;
                    endpoint = e;
                    return _batches[slot].Length;
                }
            }

            return 0;
        }

        /// <summary>The staged batch went out; its answer will carry <paramref name="key"/>.</summary>
        public void Track(int key, long nowMs)
        {
            _keys[_staged] = key;
            _sentAt[_staged] = nowMs;
            _used[_staged] = true;
            _staged = -1;
        }

        /// <summary>The staged batch could not be published; its records go back.</summary>
        public void Abort()
        {
            _outboxes[_owner[_staged]].Release(_batches[_staged]);
            _staged = -1;
        }

        public bool Has(int key)
        {
            return Find(key) >= 0;
        }

        /// <summary>The cloud confirmed the batch under <paramref name="key"/>; false when no such batch is out (a duplicate answer).</summary>
        public bool Complete(int key)
        {
            int slot = Find(key);
            if (slot < 0)
            {
                return false;
            }

            _used[slot] = false;
            _outboxes[_owner[slot]].Acknowledge(_batches[slot]);
            _refusals[_owner[slot]].Reset();
            return true;
        }

        /// <summary>The cloud refused the batch; it stays in its outbox, and its endpoint waits before the next try.</summary>
        public bool Fail(int key)
        {
            int slot = Find(key);
            if (slot < 0)
            {
                return false;
            }

            _refused[_owner[slot]] = true;
            Release(slot);
            return true;
        }

        /// <summary>Releases batches unanswered for <paramref name="timeoutMs"/>; returns how many.</summary>
        public int Expire(long nowMs, int timeoutMs)
        {
            int n = 0;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && nowMs - _sentAt[i] >= timeoutMs)
                {
                    Release(i);
                    n++;
                }
            }

            return n;
        }

        public void ReleaseAll()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i])
                {
                    Release(i);
                }
            }
        }

        /// <summary>A refusal starts the endpoint's wait at the first send attempt after it, from that attempt's time.</summary>
        private bool HeldBack(int endpoint, long nowMs)
        {
            if (_refused[endpoint])
            {
                _refused[endpoint] = false;
                _heldUntil[endpoint] = nowMs + _refusals[endpoint].NextDelayMs();
            }

            return nowMs < _heldUntil[endpoint];
        }

        private void Release(int slot)
        {
            _used[slot] = false;
            _outboxes[_owner[slot]].Release(_batches[slot]);
        }

        private int Find(int key)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
