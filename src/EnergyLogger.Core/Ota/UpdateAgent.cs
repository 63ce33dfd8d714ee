using System;
using System.Collections;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>Where the update agent is.</summary>
    public enum UpdatePhase
    {
        Idle,
        Downloading,
        Verifying,

        /// <summary>Marked pending (or rolled back): waiting for the reboot.</summary>
        RebootPending,

        /// <summary>A new image runs on trial and must pass its health check.</summary>
        Trial,
    }

    /// <summary>
    /// The update flow of docs/ota.md, driven by the main loop one bounded <see cref="Step"/> at a time:
    /// accept an offer, download the package in chunks (resuming) into the staging slot, verify the signed
    /// manifest before the first byte is stored and the image hash before anything is marked pending,
    /// mark it pending and ask for a reboot; on the new image, run the bounded health check and confirm or
    /// roll back. Retries are capped with backoff; a package that keeps failing is abandoned. Every outcome
    /// becomes an <see cref="UpdateReport"/> for the cloud layer to publish. The download is a
    /// <see cref="PackageDownload"/>, the check of the stored package a <see cref="StagedImageCheck"/>, both
    /// against the <see cref="VerifiedHeader"/>; this class decides what their failures lead to.
    /// </summary>
    public sealed class UpdateAgent
    {
        private readonly IImageSlots _slots;
        private readonly IHttpDownloader _http;
        private readonly IClock _clock;
        private readonly UpdateOptions _options;
        private readonly VerifiedHeader _header;
        private readonly PackageDownload _download;
        private readonly StagedImageCheck _check;
        private readonly ArrayList _reports = new ArrayList();
        private UpdatePhase _phase = UpdatePhase.Idle;
        private int _attempts;
        private long _nextAttemptMs;
        private UpdateOffer _abandoned;
        private UpdateStatus _abandonedStatus;
        private long _trialDeadlineMs;
        private long _nextProbeMs;
        private bool _modbusOk;
        private bool _brokerOk;
        private bool _serverOk;

        public UpdateAgent(IImageSlots slots, IHttpDownloader http, IClock clock, UpdateOptions options)
        {
            if (options.Target == null || options.RunningVersion == null || options.ChunkLength < UpdatePackage.HeaderLength + UpdatePackage.MaxManifestLength
                || options.HashBytesPerStep < 1 || options.MaxAttempts < 1)
            {
                throw new ArgumentException("incomplete update options", "options");
            }

            _slots = slots;
            _http = http;
            _clock = clock;
            _options = options;
            _header = new VerifiedHeader(new PackageVerifier(options.PublicKey), options);

            // One buffer for both: the stored package is checked only once the download is finished.
            byte[] chunk = new byte[options.ChunkLength];
            _download = new PackageDownload(slots, http, _header, chunk);
            _check = new StagedImageCheck(slots, _header, chunk, options.HashBytesPerStep);
        }

        public UpdatePhase Phase => _phase;

        /// <summary>The main loop should reboot now (an update is marked pending, or a trial was rolled back).</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>Failed attempts of the current offer.</summary>
        public int Attempts => _attempts;

        /// <summary>Bytes of the package stored in the staging slot.</summary>
        public int StoredLength => _download.StoredLength;

        /// <summary>The oldest report not yet delivered, or null.</summary>
        public UpdateReport NextReport => _reports.Count > 0 ? (UpdateReport)_reports[0] : null;

        /// <summary>
        /// After the loader's decision: a new image starts its trial, and the outcome of the last update
        /// (applied, or rolled back and why) is queued for reporting until it has been delivered.
        /// </summary>
        public void Start()
        {
            QueueSlotOutcome();
            if (_slots.OnTrial)
            {
                _phase = UpdatePhase.Trial;
                _trialDeadlineMs = _clock.MonotonicMs + _options.HealthCheckMs;
                _nextProbeMs = _clock.MonotonicMs;
            }
            else if (_slots.Pending)
            {
                // The loader could not start the trial; the next reboot tries again. No reboot is asked for
                // here, or a medium that refuses writes would make the device reboot forever.
                _phase = UpdatePhase.RebootPending;
            }
        }

        /// <summary>
        /// Takes an offer. Ok means it is being worked on; UpToDate means nothing to do; Busy means try
        /// later; any other status is a refusal, also queued as a report (once per package).
        /// </summary>
        public UpdateStatus Offer(UpdateOffer offer)
        {
            if (_phase == UpdatePhase.Trial || _phase == UpdatePhase.RebootPending || _slots.OnTrial || _slots.Pending)
            {
                return UpdateStatus.Busy;
            }

            bool working = _phase == UpdatePhase.Downloading || _phase == UpdatePhase.Verifying;
            if (working && offer.SamePackage(_download.Offer))
            {
                return UpdateStatus.Ok;
            }

            if (offer.SamePackage(_abandoned))
            {
                return _abandonedStatus;
            }

            UpdateStatus status = UpdatePolicy.CheckVersion(offer.Version, _options.RunningVersion, offer.AllowDowngrade);
            if (status == UpdateStatus.Ok && offer.Version.Text == _slots.RolledBackVersion)
            {
                status = UpdateStatus.RolledBackBefore;
            }
            else if (status == UpdateStatus.Ok && offer.PackageLength > _slots.Capacity)
            {
                status = UpdateStatus.TooLarge;
            }

            if (status != UpdateStatus.Ok)
            {
                if (status != UpdateStatus.UpToDate)
                {
                    Refuse(offer, status);
                }

                return status;
            }

            _download.Start(offer);
            _attempts = 0;
            _nextAttemptMs = _clock.MonotonicMs;
            _phase = UpdatePhase.Downloading;
            return UpdateStatus.Ok;
        }

        /// <summary>One bounded piece of work: one chunk downloaded, one slice hashed, or one health check.</summary>
        public void Step()
        {
            if (_phase == UpdatePhase.Downloading)
            {
                StepDownload();
            }
            else if (_phase == UpdatePhase.Verifying)
            {
                StepVerify();
            }
            else if (_phase == UpdatePhase.Trial)
            {
                StepTrial();
            }
        }

        /// <summary>What the main loop saw during a trial: a slave answered; the broker accepted the session.</summary>
        public void ReportHealth(bool modbusAnswered, bool brokerConnected)
        {
            _modbusOk |= modbusAnswered;
            _brokerOk |= brokerConnected;
        }

        /// <summary>The cloud layer delivered <see cref="NextReport"/>; a stored outcome is then forgotten.</summary>
        public void ReportDelivered()
        {
            if (_reports.Count == 0)
            {
                return;
            }

            var report = (UpdateReport)_reports[0];
            _reports.RemoveAt(0);

            // Only the outcome this report was made from: a newer one (a trial confirmed meanwhile) stays kept.
            SlotOutcome stored = report.Outcome == UpdateOutcome.Applied ? SlotOutcome.Applied : SlotOutcome.RolledBack;
            if (report.FromSlots && _slots.Outcome == stored && _slots.OutcomeVersion == report.OfferedVersion)
            {
                _slots.AcknowledgeOutcome();
            }
        }

        private void StepDownload()
        {
            if (_clock.MonotonicMs < _nextAttemptMs)
            {
                return;
            }

            UpdateStep step = _download.Step();
            if (step == UpdateStep.Done)
            {
                _check.Start(_download.Offer.PackageLength);
                _phase = UpdatePhase.Verifying;
            }
            else if (step == UpdateStep.Retry)
            {
                AttemptFailed(_download.Failure);
            }
            else if (step == UpdateStep.Reject)
            {
                Reject(_download.Failure);
            }
        }

        /// <summary>Checks the stored package a slice per step, and only then marks it pending.</summary>
        private void StepVerify()
        {
            UpdateStep step = _check.Step();
            if (step == UpdateStep.Retry)
            {
                AttemptFailed(_check.Failure);
                return;
            }

            if (step != UpdateStep.Done)
            {
                return;
            }

            if (!_slots.MarkPending(_header.Manifest.Version.Text))
            {
                _header.Forget();
                AttemptFailed(UpdateStatus.StorageError);
                return;
            }

            _phase = UpdatePhase.RebootPending;
            RebootRequested = true;
        }

        /// <summary>
        /// Confirms once every signal of the bounded health check was seen (a slave answered, the broker
        /// connected, the update server answered); rolls back when the time is up first.
        /// </summary>
        private void StepTrial()
        {
            long now = _clock.MonotonicMs;
            if (_options.HealthProbeUrl != null && !_serverOk && now >= _nextProbeMs)
            {
                int total;
                _serverOk = _http.Open(_options.HealthProbeUrl, 0, out total) == DownloadStatus.Ok;
                _http.Close();
                _nextProbeMs = now + _options.HealthProbeIntervalMs;
            }

            bool healthy = _modbusOk && _brokerOk && (_serverOk || _options.HealthProbeUrl == null);
            if (healthy && _slots.Confirm())
            {
                _phase = UpdatePhase.Idle;
                QueueSlotOutcome();
                return;
            }

            if (now >= _trialDeadlineMs)
            {
                // Even when this write fails the image stays unconfirmed, and the loader rolls it back.
                _slots.RollBack(UpdateStatus.HealthCheckFailed);
                _phase = UpdatePhase.RebootPending;
                RebootRequested = true;
            }
        }

        private void Refuse(UpdateOffer offer, UpdateStatus status)
        {
            _reports.Add(new UpdateReport(UpdateOutcome.Failed, status, offer.Version.Text, _options.RunningVersion.Text));
            _abandoned = offer;
            _abandonedStatus = status;
        }

        private void QueueSlotOutcome()
        {
            SlotOutcome outcome = _slots.Outcome;
            if (outcome == SlotOutcome.None)
            {
                return;
            }

            UpdateOutcome kind = outcome == SlotOutcome.Applied ? UpdateOutcome.Applied : UpdateOutcome.RolledBack;
            _reports.Add(new UpdateReport(kind, _slots.OutcomeReason, _slots.OutcomeVersion, _options.RunningVersion.Text, true));
        }

        /// <summary>A failure that may pass (transport, truncated copy, storage, hash): retried with backoff, up to the cap.</summary>
        private void AttemptFailed(UpdateStatus status)
        {
            _download.Close();
            _attempts++;
            if (_attempts >= _options.MaxAttempts)
            {
                _slots.EraseStaging();
                Abandon(status);
                return;
            }

            long delay = (long)_options.RetryDelayMs << (_attempts - 1 < 20 ? _attempts - 1 : 20);
            _nextAttemptMs = _clock.MonotonicMs + (delay < _options.MaxRetryDelayMs ? delay : _options.MaxRetryDelayMs);
            _phase = UpdatePhase.Downloading;
        }

        /// <summary>A refusal that no retry can change (O1, O2): the staging slot is erased and the offer abandoned.</summary>
        private void Reject(UpdateStatus status)
        {
            _download.Close();
            _slots.EraseStaging();
            Abandon(status);
        }

        /// <summary>Gives up on the current offer: queued as a failure, and a redelivery of it is not tried again.</summary>
        private void Abandon(UpdateStatus status)
        {
            UpdateOffer offer = _download.Offer;
            _download.Stop();
            Refuse(offer, status);
            _header.Forget();
            _phase = UpdatePhase.Idle;
        }
    }
}
