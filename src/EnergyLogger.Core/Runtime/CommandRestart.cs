using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The restart the cloud session asks for once the broker has the result of a reboot (or factory reset) command; it happens
    /// at the end of the iteration, with the reason the command gave.
    /// </summary>
    internal sealed class CommandRestart : IReboot
    {
        private readonly RestartRequest _requests;
        private ResetReason _reason = ResetReason.Command;
        private string _detail = "reboot command";

        public CommandRestart(RestartRequest requests)
        {
            _requests = requests;
        }

        /// <summary>The reason the next delivered restart is stored with, when it is not a plain reboot command.</summary>
        public void Next(ResetReason reason, string detail)
        {
            _reason = reason;
            _detail = detail;
        }

        public void Reboot()
        {
            _requests.Ask(_reason, _detail);
        }
    }
}
