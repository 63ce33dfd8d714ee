using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Keeps one OTA report in flight for the cloud session: the report is published again after a lost connection or
    /// when no acknowledgement came within the reply timeout, and handed back as delivered only on the acknowledgement
    /// of the copy in flight (a Kaa /status for its request id, or the broker's PUBACK for its message id).
    /// </summary>
    public sealed class UpdateReportSender
    {
        // A message id may be 0 (IMqttSession.Publish fails only with a negative result), so "none" is -1.
        private const int None = -1;

        private int _inFlight = None;
        private long _sentAtMs;

        /// <summary>Where the reports come from; null when this build has no updater.</summary>
        public IUpdateReports Reports { get; set; }

        /// <summary>
        /// Writes the report to publish now, if one waits and none is in flight (or the one in flight went unanswered
        /// for <paramref name="timeoutMs"/>); false when there is nothing to send now.
        /// </summary>
        public bool Next(JsonWriter writer, long nowMs, int timeoutMs)
        {
            if (Reports == null || (_inFlight != None && nowMs - _sentAtMs < timeoutMs))
            {
                return false;
            }

            writer.Reset();
            return Reports.WriteReport(writer) && !writer.Overflowed;
        }

        /// <summary>The report written by <see cref="Next"/> went out as <paramref name="id"/>.</summary>
        public void Sent(int id, long nowMs)
        {
            _inFlight = id;
            _sentAtMs = nowMs;
        }

        /// <summary>An acknowledgement arrived; true when it was for the copy in flight, which is then delivered.</summary>
        public bool Acknowledge(int id)
        {
            if (_inFlight == None || id != _inFlight)
            {
                return false;
            }

            _inFlight = None;
            Reports.ReportDelivered();
            return true;
        }

        /// <summary>The connection is gone: whatever was in flight is sent again on the next one.</summary>
        public void Reset()
        {
            _inFlight = None;
        }
    }
}
