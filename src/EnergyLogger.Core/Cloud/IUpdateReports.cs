using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The OTA updater's outcome reports as the cloud session delivers them (docs/ota.md, "Reports"): the oldest
    /// report is written, published, and forgotten only once the broker or Kaa acknowledged it, so a report is
    /// delivered at least once across lost connections and reboots.
    /// </summary>
    public interface IUpdateReports
    {
        /// <summary>Writes the oldest undelivered report as the CMX_OTA <c>applied</c> body; false when none waits.</summary>
        bool WriteReport(JsonWriter writer);

        /// <summary>The report last written was acknowledged: the next one becomes the oldest.</summary>
        void ReportDelivered();
    }
}
