using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>The restart the cloud session asks for once the broker has the result of a reboot command; it happens at the end of the iteration.</summary>
    internal sealed class CommandRestart : IReboot
    {
        private readonly RestartRequest _requests;

        public CommandRestart(RestartRequest requests)
        {
            _requests = requests;
        }

        public void Reboot()
        {
            _requests.Ask(ResetReason.Command, "reboot command");
        }
    }
}
