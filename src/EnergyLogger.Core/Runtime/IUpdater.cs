namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The OTA updater as the main loop drives it: offers go in as the cloud sent them, one bounded step runs per
    /// idle iteration, and a requested reboot is carried out by the loop with the reason stored. The updater
    /// (Core/Ota) is wrapped in this by whoever wires the firmware.
    /// </summary>
    public interface IUpdater
    {
        /// <summary>A CMX_OTA config or custom-MQTT offer, exactly as received.</summary>
        void Offer(byte[] json, int offset, int count);

        /// <summary>One bounded piece of work (a chunk, a hash slice, a health probe); returns quickly when idle.</summary>
        void Step();

        /// <summary>Lights the OTA LED.</summary>
        bool InProgress { get; }

        /// <summary>An image is staged or rolled back: the loop reboots with <see cref="ResetReason.Update"/>.</summary>
        bool RebootRequested { get; }

        /// <summary>During a trial: a slave answered in the last cycle; the broker session is up.</summary>
        void ReportHealth(bool modbusAnswered, bool brokerConnected);
    }
}
