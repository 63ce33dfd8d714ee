namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// What <c>GET /api/status</c> answers (docs/local-access.md): the latest sample document as the outbox got it, and the
    /// logger's state (link, cloud, local server, diagnostics) as the main loop last wrote it. The loop publishes into
    /// buffers of its own, the HTTP server's threads take a copy of the composed document; nothing in it is a secret.
    /// </summary>
    public sealed class StatusBoard
    {
        private static readonly byte[] SampleName = { (byte)'{', (byte)'"', (byte)'s', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', (byte)'"', (byte)':' };
        private static readonly byte[] NoSample = { (byte)'n', (byte)'u', (byte)'l', (byte)'l' };

        private readonly object _lock = new object();
        private readonly byte[] _sample;
        private readonly byte[] _state;
        private int _sampleLength;
        private int _stateLength;

        /// <param name="maxSampleBytes">The largest sample document (an outbox record's).</param>
        /// <param name="maxStateBytes">The largest state object.</param>
        public StatusBoard(int maxSampleBytes, int maxStateBytes)
        {
            _sample = new byte[maxSampleBytes];
            _state = new byte[maxStateBytes];
        }

        /// <summary>The cycle's sample document. The main loop's thread.</summary>
        public void PublishSample(byte[] json, int length)
        {
            lock (_lock)
            {
                if (length <= _sample.Length)
                {
                    System.Array.Copy(json, 0, _sample, 0, length);
                    _sampleLength = length;
                }
            }
        }

        /// <summary>The state as a JSON object (<c>{"link":..,..}</c>). The main loop's thread.</summary>
        public void PublishState(byte[] json, int length)
        {
            lock (_lock)
            {
                if (length <= _state.Length)
                {
                    System.Array.Copy(json, 0, _state, 0, length);
                    _stateLength = length;
                }
            }
        }

        /// <summary><c>{"sample":SAMPLE,...state members}</c>, the sample null before the first cycle. Thread-safe.</summary>
        public byte[] Document()
        {
            lock (_lock)
            {
                byte[] sample = _sampleLength > 0 ? _sample : NoSample;
                int sampleLength = _sampleLength > 0 ? _sampleLength : NoSample.Length;

                // The state object without its opening brace: "," and its members, or just the closing brace when it is empty.
                bool members = _stateLength > 2;
                int stateFrom = members ? 1 : _stateLength;
                int length = SampleName.Length + sampleLength + (members ? 1 + _stateLength - 1 : 1);
                var document = new byte[length];
                System.Array.Copy(SampleName, 0, document, 0, SampleName.Length);
                System.Array.Copy(sample, 0, document, SampleName.Length, sampleLength);
                int pos = SampleName.Length + sampleLength;
                if (members)
                {
                    document[pos++] = (byte)',';
                    System.Array.Copy(_state, stateFrom, document, pos, _stateLength - 1);
                }
                else
                {
                    document[pos] = (byte)'}';
                }

                return document;
            }
        }
    }
}
