namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// A hardware watchdog that resets the board unless it is fed in time. nanoFramework on the ESP32-S3
    /// exposes none to managed code, so the device adapter toggles a GPIO wired to an external watchdog
    /// chip (the <c>watchdog.gpio</c> setting). The supervisor feeds it only while the main loop's heartbeat
    /// is fresh (docs/runtime.md).
    /// </summary>
    public interface IWatchdog
    {
        /// <summary>One kick: the chip's timer starts again.</summary>
        void Feed();
    }
}
