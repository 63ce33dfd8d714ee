using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Core/Ota's <see cref="UpdateAgent"/> as the main loop drives it (docs/ota.md, "The flow on the device"): an offer
    /// is parsed and handed to the agent, one agent step runs per idle iteration, the trial hears the loop's health
    /// signals, the loop reboots when the agent asks, and the agent's reports go to the cloud session. An offer too
    /// malformed to reach the agent is reported here (once per message). Every change of phase is one log record.
    /// </summary>
    public sealed class OtaUpdater : IUpdater
    {
        private readonly Log _log;
        private readonly string _running;
        private UpdatePhase _phase;
        private int _attempts;
        private uint _refusedOffer;
        private UpdateReport _offerReport;
        private UpdateReport _written;

        /// <param name="downloadTimeoutMs">The downloader's wait for a response and for each read.</param>
        public OtaUpdater(IImageSlots slots, IHttpDownloader http, int downloadTimeoutMs, IClock clock, UpdateOptions options, Log log)
        {
            _log = log;
            _running = options.RunningVersion.Text;

            // A step may open the connection and read a chunk, each up to the timeout, then check the signature.
            LongestStepMs = (2 * downloadTimeoutMs) + options.SignatureCheckMs;
            Agent = new UpdateAgent(slots, http, clock, options);
            Agent.Start();
            _phase = Agent.Phase;
            if (_phase == UpdatePhase.Trial)
            {
                _log.Write(LogLevel.Info, "ota", "new image on trial; health check running", "version", _running);
            }

            UpdateReport report = Agent.NextReport;
            if (report != null)
            {
                _log.Write(LogLevel.Info, "ota", "outcome to report", new[]
                {
                    "outcome", OutcomeText(report.Outcome), "version", report.OfferedVersion, "reason", UpdateStatusText.Of(report.Status),
                });
            }
        }

        public UpdateAgent Agent { get; }

        public int LongestStepMs { get; }

        public bool InProgress => _phase == UpdatePhase.Downloading || _phase == UpdatePhase.Verifying;

        public bool RebootRequested => Agent.RebootRequested;

        public void Offer(byte[] json, int offset, int count)
        {
            UpdateStatus status;
            UpdateOffer offer = UpdateOffer.Parse(json, offset, count, out status);
            if (offer == null)
            {
                RefuseMalformed(json, offset, count, status);
                return;
            }

            status = Agent.Offer(offer);
            if (status == UpdateStatus.Ok || status == UpdateStatus.UpToDate || status == UpdateStatus.Busy)
            {
                _log.Write(status == UpdateStatus.Ok ? LogLevel.Info : LogLevel.Debug, "ota", "offer", "version", offer.Version.Text,
                    "status", UpdateStatusText.Of(status));
            }
            else
            {
                _log.Write(LogLevel.Warn, "ota", "offer refused", "version", offer.Version.Text, "reason", UpdateStatusText.Of(status));
            }

            NotePhase();
        }

        public void Step()
        {
            Agent.Step();
            NotePhase();
        }

        public void ReportHealth(bool modbusAnswered, bool brokerConnected)
        {
            Agent.ReportHealth(modbusAnswered, brokerConnected);
        }

        /// <summary>The agent's reports first, oldest first; a malformed offer's report when the agent has none.</summary>
        public bool WriteReport(JsonWriter writer)
        {
            _written = Agent.NextReport ?? _offerReport;
            if (_written == null)
            {
                return false;
            }

            _written.WriteKaaApplied(writer);
            return true;
        }

        public void ReportDelivered()
        {
            if (_written == null)
            {
                return;
            }

            if (_written == _offerReport)
            {
                _offerReport = null;
            }
            else if (_written == Agent.NextReport)
            {
                Agent.ReportDelivered();
            }

            _log.Write(LogLevel.Info, "ota", "outcome reported", new[]
            {
                "outcome", OutcomeText(_written.Outcome), "version", _written.OfferedVersion, "reason", UpdateStatusText.Of(_written.Status),
            });
            _written = null;
        }

        /// <summary>
        /// An offer that cannot be parsed never reaches the agent; the cloud still learns why nothing happens. Kaa pushes
        /// the same offer again on every connect, so one message is reported once.
        /// </summary>
        private void RefuseMalformed(byte[] json, int offset, int count, UpdateStatus status)
        {
            uint crc = Crc32.Compute(json, offset, count);
            string version = NamedVersion(json, offset, count);
            _log.Write(LogLevel.Warn, "ota", "offer refused", "version", version, "reason", UpdateStatusText.Of(status));
            if (crc != _refusedOffer)
            {
                _refusedOffer = crc;
                _offerReport = new UpdateReport(UpdateOutcome.Failed, status, version, _running);
            }
        }

        /// <summary>The version a malformed offer names (Kaa's configId, or a flat offer's version), for its report.</summary>
        private static string NamedVersion(byte[] json, int offset, int count)
        {
            var doc = new JsonDocument();
            var limits = new JsonLimits { MaxBytes = 4096, MaxDepth = 4, MaxValues = 64, MaxStringBytes = SemanticVersion.MaxLength };
            if (doc.Parse(json, offset, count, limits) == JsonStatus.Ok && doc.Kind(JsonDocument.Root) == JsonKind.Object)
            {
                int id = doc.Member(JsonDocument.Root, "configId");
                if (id < 0)
                {
                    id = doc.Member(JsonDocument.Root, "version");
                }

                if (id >= 0 && doc.Kind(id) == JsonKind.String)
                {
                    return doc.GetString(id);
                }
            }

            return "unknown";
        }

        private void NotePhase()
        {
            UpdatePhase phase = Agent.Phase;
            if (Agent.Attempts > _attempts && phase == UpdatePhase.Downloading)
            {
                _log.Write(LogLevel.Warn, "ota", "download attempt failed; retrying later", "attempts", Agent.Attempts.ToString());
            }

            _attempts = Agent.Attempts;
            if (phase == _phase)
            {
                return;
            }

            UpdatePhase before = _phase;
            _phase = phase;
            if (phase == UpdatePhase.Downloading)
            {
                _log.Write(LogLevel.Info, "ota", "download started");
            }
            else if (phase == UpdatePhase.Verifying)
            {
                _log.Write(LogLevel.Info, "ota", "downloaded; verifying the stored image", "bytes", Agent.StoredLength.ToString());
            }
            else if (phase == UpdatePhase.RebootPending)
            {
                _log.Write(LogLevel.Info, "ota", before == UpdatePhase.Trial ? "health check failed; rolled back, rebooting" : "staged; rebooting into it");
            }
            else if (before == UpdatePhase.Trial)
            {
                _log.Write(LogLevel.Info, "ota", "health check passed; image confirmed", "version", _running);
            }
            else
            {
                _log.Write(LogLevel.Warn, "ota", "update abandoned; the failure is reported");
            }
        }

        private static string OutcomeText(UpdateOutcome outcome)
        {
            return outcome == UpdateOutcome.Applied ? "applied" : outcome == UpdateOutcome.Failed ? "failed" : "rolled-back";
        }
    }
}
