namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// Restarts the logger: <c>Power.RebootDevice()</c> on the board, a restart of the loop (or of the
    /// process) on the host. The reason is stored before this is called (<see cref="Runtime.BootJournal"/>).
    /// </summary>
    public interface IReboot
    {
        /// <summary>Restarts; on the board it does not return.</summary>
        void Reboot();
    }
}
