using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// <c>start_ap</c>: opens the provisioning access point for <c>timeoutS</c> seconds (60 to 14400, 1800 when
    /// absent), after which it closes by itself. Where opening takes a restart, the restart follows the delivered
    /// result, as a reboot does.
    /// </summary>
    public sealed class StartApCommand : ICommandHandler
    {
        public const int DefaultTimeoutS = 1800;
        public const int MinTimeoutS = 60;
        public const int MaxTimeoutS = 14400;

        private readonly IAccessPointControl _ap;

        public StartApCommand(IAccessPointControl ap)
        {
            _ap = ap;
        }

        public string Type => "start_ap";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            int seconds;
            string reason;
            if (!CommandArgs.Integer(doc, payload, "timeoutS", MinTimeoutS, MaxTimeoutS, false, DefaultTimeoutS, out seconds, out reason))
            {
                reply.Fail(400, reason);
                return;
            }

            if (_ap.Unavailable != null)
            {
                reply.Fail(503, _ap.Unavailable);
                return;
            }

            bool restart = _ap.Open(seconds * 1000, "start_ap");
            reply.Begin(200, "OK");
            JsonWriter w = reply.Writer;
            w.Name("open");
            w.Bool(true);
            w.Name("timeoutS");
            w.Integer(seconds);
            w.Name("security");
            w.String(_ap.KeyRequired ? "wpa2-psk" : "open");
            w.Name("code");
            w.Bool(_ap.CodeRequired);
            w.Name("restart");
            w.Bool(restart);
            reply.RebootAfterDelivery = restart;
        }
    }

    /// <summary><c>stop_ap</c>: closes the provisioning access point now; closing one that is closed changes nothing.</summary>
    public sealed class StopApCommand : ICommandHandler
    {
        private readonly IAccessPointControl _ap;

        public StopApCommand(IAccessPointControl ap)
        {
            _ap = ap;
        }

        public string Type => "stop_ap";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            bool wasOpen = _ap.IsOpen;
            bool restart = _ap.Close("stop_ap");
            reply.Begin(200, "OK");
            JsonWriter w = reply.Writer;
            w.Name("open");
            w.Bool(false);
            w.Name("wasOpen");
            w.Bool(wasOpen);
            w.Name("restart");
            w.Bool(restart);
            reply.RebootAfterDelivery = restart;
        }
    }

    /// <summary>Both commands, added to a command table only where the logger has an access point.</summary>
    public static class AccessPointCommands
    {
        public static ICommandHandler[] With(ICommandHandler[] handlers, IAccessPointControl ap)
        {
            if (ap == null)
            {
                return handlers;
            }

            var all = new ICommandHandler[handlers.Length + 2];
            System.Array.Copy(handlers, all, handlers.Length);
            all[handlers.Length] = new StartApCommand(ap);
            all[handlers.Length + 1] = new StopApCommand(ap);
            return all;
        }
    }
}
