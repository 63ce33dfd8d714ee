using EnergyLogger.Core.Cloud;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The OTA updater as the main loop drives it: offers go in as the cloud sent them, one bounded step runs per
    /// idle iteration, a requested reboot is carried out by the loop with the reason stored, and the outcomes go to
    /// the cloud through the session (<see cref="IUpdateReports"/>). <see cref="OtaUpdater"/> wraps Core/Ota's agent.
    /// </summary>
    public interface IUpdater : IUpdateReports, IUpdateOffers
    {
        /// <summary>One bounded piece of work (a chunk, a hash slice, a health probe); returns quickly when idle.</summary>
        void Step();

        /// <summary>
        /// The longest one <see cref="Step"/> may take: a chunk read up to the downloader's timeout and one signature
        /// check (seconds on the device, docs/ota.md "Cost on the device"). The supervisor allows the OTA phase this long.
        /// </summary>
        int LongestStepMs { get; }

        /// <summary>Lights the OTA LED.</summary>
        bool InProgress { get; }

        /// <summary>An image is staged or rolled back: the loop reboots with <see cref="ResetReason.Update"/>.</summary>
        bool RebootRequested { get; }

        /// <summary>During a trial: a slave answered in the last cycle; the broker session is up.</summary>
        void ReportHealth(bool modbusAnswered, bool brokerConnected);
    }
}
