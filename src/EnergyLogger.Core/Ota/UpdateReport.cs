using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Ota
{
    /// <summary>How an offer ended, from the cloud's point of view.</summary>
    public enum UpdateOutcome
    {
        /// <summary>The new image runs and confirmed itself.</summary>
        Applied,

        /// <summary>Refused or abandoned before anything was marked pending; the running image is untouched.</summary>
        Failed,

        /// <summary>The new image did not prove itself; the previous one runs again (reported by it).</summary>
        RolledBack,
    }

    /// <summary>
    /// One result for the cloud layer to publish: for Kaa, CMX_OTA "applied" with the version, or with a
    /// status code and reason phrase for a failure (see <see cref="WriteKaaApplied"/>).
    /// </summary>
    public sealed class UpdateReport
    {
        public UpdateReport(UpdateOutcome outcome, UpdateStatus status, string offeredVersion, string runningVersion)
            : this(outcome, status, offeredVersion, runningVersion, false)
        {
        }

        internal UpdateReport(UpdateOutcome outcome, UpdateStatus status, string offeredVersion, string runningVersion, bool fromSlots)
        {
            FromSlots = fromSlots;
            Outcome = outcome;
            Status = status;
            OfferedVersion = offeredVersion;
            RunningVersion = runningVersion;
        }

        public UpdateOutcome Outcome { get; }

        /// <summary>Kept by the image slots across reboots until delivered.</summary>
        internal bool FromSlots { get; }

        /// <summary>Ok when applied; otherwise why not.</summary>
        public UpdateStatus Status { get; }

        /// <summary>The version the update was about.</summary>
        public string OfferedVersion { get; }

        /// <summary>The version running when the report was made.</summary>
        public string RunningVersion { get; }

        /// <summary>400 for a package or offer that was refused, 500 for a failure on the way or a rollback.</summary>
        public int StatusCode
        {
            get
            {
                if (Outcome == UpdateOutcome.Applied)
                {
                    return 200;
                }

                bool deviceSide = Outcome == UpdateOutcome.RolledBack || Status == UpdateStatus.TransportError || Status == UpdateStatus.StorageError;
                return deviceSide ? 500 : 400;
            }
        }

        /// <summary>"1.4.0: bad manifest signature".</summary>
        public string ReasonPhrase => OfferedVersion + ": " + UpdateStatusText.Of(Status);

        /// <summary>
        /// The CMX_OTA "applied" body: {"configId":"1.4.0"} for an applied update; for a failure the running
        /// version with "statusCode" and "reasonPhrase" (Kaa 7/CMP, reused by the OTA orchestrator).
        /// </summary>
        public void WriteKaaApplied(JsonWriter writer)
        {
            writer.BeginObject();
            writer.Name("configId");
            writer.String(Outcome == UpdateOutcome.Applied ? OfferedVersion : RunningVersion);
            if (Outcome != UpdateOutcome.Applied)
            {
                writer.Name("statusCode");
                writer.Integer(StatusCode);
                writer.Name("reasonPhrase");
                writer.String(ReasonPhrase);
            }

            writer.EndObject();
        }
    }
}
