using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// <c>factory_reset</c>: what a long press of the reset button does, from the cloud: the Wi-Fi, broker and Kaa credentials
    /// are wiped (the serial line, broker address and CA stay), and the logger restarts into provisioning mode once the
    /// broker has the answer. A command meant for another dongle must not wipe this one, so the payload must name this
    /// dongle's MAC: <c>{"mac":"246F28ABCDEF"}</c> (colons or dashes allowed, any case).
    /// </summary>
    internal sealed class FactoryResetCommand : ICommandHandler
    {
        private readonly INetwork _network;
        private readonly SettingsRepository _settings;
        private readonly CommandRestart _restart;

        public FactoryResetCommand(INetwork network, SettingsRepository settings, CommandRestart restart)
        {
            _network = network;
            _settings = settings;
            _restart = restart;
        }

        public string Type => "factory_reset";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            int token = payload < 0 ? -1 : doc.Member(payload, "mac");
            if (token < 0 || doc.Kind(token) != JsonKind.String)
            {
                reply.Fail(400, "mac: required, this logger's MAC");
                return;
            }

            if (Normalized(doc.GetString(token)) != CloudSettings.MacText(_network.Mac))
            {
                reply.Fail(403, "mac: not this logger's; nothing wiped");
                return;
            }

            if (!_settings.WipeCredentials())
            {
                reply.Fail(500, "the credentials could not be wiped");
                return;
            }

            _restart.Next(ResetReason.FactoryReset, "credentials wiped by the factory_reset command");
            reply.Begin(200, "credentials wiped; restarting into provisioning");
            reply.RebootAfterDelivery = true;
        }

        /// <summary>Upper-case hex digits only: <c>24:6f:28:ab:cd:ef</c> and <c>246F28ABCDEF</c> name the same MAC.</summary>
        private static string Normalized(string mac)
        {
            var digits = new char[mac.Length];
            int n = 0;
            for (int i = 0; i < mac.Length; i++)
            {
                char c = mac[i];
                if (c == ':' || c == '-')
                {
                    continue;
                }

                digits[n++] = c >= 'a' && c <= 'f' ? (char)(c - 'a' + 'A') : c;
            }

            return new string(digits, 0, n);
        }
    }
}
