using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Writes the samples to InfluxDB (docs/local-access.md, "InfluxDB") from an outbox of their own, with the cloud's
    /// rules: every sample is on flash before it is sent, a batch leaves only when the server answered 2xx, and a failed
    /// post (server down, 5xx, timeout) puts it back to go again after a growing wait, so an outage loses nothing. A
    /// batch the server refuses as malformed (400) would block the queue for ever: it is counted and dropped. The lines
    /// carry the sequence number, and a sample written twice lands on the same series and time, which InfluxDB keeps
    /// once. The post runs in the adapter's background; the loop only starts it and polls for its end.
    /// </summary>
    public sealed class InfluxUplink : ILoopTask
    {
        public const string Prefix = "ix";

        private readonly IFileStore _files;
        private readonly OutboxOptions _outboxOptions;
        private readonly IHttpPost _post;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly string _device;
        private readonly OutboxBatch _batch = new OutboxBatch();
        private readonly JsonDocument _doc = new JsonDocument();
        private readonly Backoff _backoff;
        private Outbox _outbox;
        private InfluxEndpoint _endpoint;
        private JsonLimits _limits;
        private byte[] _json;
        private byte[] _body;
        private bool _inFlight;
        private long _nextTryMs;

        /// <param name="outbox">The sizes and file prefix of the writer's outbox.</param>
        /// <param name="endpoint">Where the samples go; null stores and posts nothing until <see cref="Endpoint"/> is first set.</param>
        public InfluxUplink(IFileStore files, OutboxOptions outbox, IHttpPost post, InfluxEndpoint endpoint, IClock clock, Log log, string device)
        {
            _files = files;
            _outboxOptions = outbox;
            _post = post;
            _clock = clock;
            _log = log;
            _device = device;
            byte[] seed = System.Text.Encoding.UTF8.GetBytes(device);
            _backoff = new Backoff(1000, 60000, Crc32.Compute(seed, 0, seed.Length));
            Endpoint = endpoint;
        }

        /// <summary>
        /// The writer's outbox, opened with what an earlier run left in it when a destination is first named, at start or
        /// by a cloud config: until then the logger gives InfluxDB neither flash nor memory. Null before.
        /// </summary>
        public Outbox Outbox => _outbox;

        /// <summary>
        /// Where the next batch goes; a new one takes over at the next post, with the backlog. Null holds the samples on
        /// flash and posts nothing (the cloud config took the destination away and the settings name none).
        /// </summary>
        public InfluxEndpoint Endpoint
        {
            get
            {
                return _endpoint;
            }

            set
            {
                _endpoint = value;
                if (value != null && _outbox == null)
                {
                    Open();
                }
            }
        }

        /// <summary>Samples the server took.</summary>
        public int Written { get; private set; }

        /// <summary>Samples the server refused as malformed (400) and that were dropped.</summary>
        public int Refused { get; private set; }

        /// <summary>Posts that failed and were kept to go again.</summary>
        public int Failures { get; private set; }

        /// <summary>Stores a cycle's sample for InfluxDB, once a destination has been named.</summary>
        public void Store(Sample sample)
        {
            if (_outbox != null && _outbox.Append(sample) != AppendStatus.Stored)
            {
                _log.Write(LogLevel.Warn, "influx", "sample not stored");
            }
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (_inFlight)
            {
                int status = _post.Poll();
                if (status != 0)
                {
                    Finish(status);
                }

                return;
            }

            InfluxEndpoint endpoint = _endpoint;
            if (endpoint == null || startMs < _nextTryMs || !_outbox.NextBatch(_batch, _json))
            {
                return;
            }

            heartbeat.Beat("influx", startMs);
            int length = Format();
            if (length <= 0)
            {
                // Only samples taken before the clock was set, which have no time to be written at, or a batch that does not parse.
                _outbox.Acknowledge(_batch);
                return;
            }

            if (!_post.Start(endpoint.WriteUrl, endpoint.Authorization, _body, length))
            {
                _outbox.Release(_batch);
                return;
            }

            _inFlight = true;
        }

        private void Open()
        {
            _outbox = new Outbox(_files, _outboxOptions);
            int restored = _outbox.Open();
            _log.Write(LogLevel.Info, "outbox", "opened", "prefix", _outboxOptions.FilePrefix, "restored", restored.ToString());
            int batchBytes = _outboxOptions.MaxBatchBytes;
            _json = new byte[batchBytes];

            // A line is at most the JSON sample's length plus its escapes and the tag: twice the batch always holds it.
            _body = new byte[2 * batchBytes];
            _limits = new JsonLimits { MaxBytes = batchBytes, MaxValues = batchBytes / 2, MaxDepth = 6, MaxStringBytes = batchBytes };
        }

        private int Format()
        {
            if (_doc.Parse(_json, 0, _batch.Length, _limits) != JsonStatus.Ok || _doc.Kind(JsonDocument.Root) != JsonKind.Array)
            {
                _log.Write(LogLevel.Warn, "influx", "batch not readable; dropped", "error", _doc.ErrorText);
                return 0;
            }

            int pos = 0;
            for (int s = _doc.FirstChild(JsonDocument.Root); s != -1; s = _doc.NextSibling(JsonDocument.Root, s))
            {
                int n = LineProtocol.Write(_doc, s, _json, _device, _body, pos);
                if (n < 0)
                {
                    break;
                }

                pos += n;
            }

            return pos;
        }

        private void Finish(int status)
        {
            _inFlight = false;
            if (200 <= status && status < 300)
            {
                _outbox.Acknowledge(_batch);
                Written += _batch.Count;
                if (_backoff.Attempts > 0)
                {
                    _log.Write(LogLevel.Info, "influx", "writing again", "failures", _backoff.Attempts.ToString());
                }

                _backoff.Reset();
                return;
            }

            if (status == 400)
            {
                _outbox.Acknowledge(_batch);
                Refused += _batch.Count;
                _log.Write(LogLevel.Warn, "influx", "batch refused as malformed; dropped", "samples", _batch.Count.ToString());
                return;
            }

            _outbox.Release(_batch);
            Failures++;
            if (_backoff.Attempts == 0)
            {
                _log.Write(LogLevel.Warn, "influx", "write failed; samples kept", "status", status.ToString(), "pending", _outbox.Pending.ToString());
            }

            _nextTryMs = _clock.MonotonicMs + _backoff.NextDelayMs();
        }
    }
}
