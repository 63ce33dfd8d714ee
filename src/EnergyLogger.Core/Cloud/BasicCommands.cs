using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary><c>reboot</c>: answers 200 and asks for the restart once the answer is delivered.</summary>
    public sealed class RebootCommand : ICommandHandler
    {
        public string Type => "reboot";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            reply.Begin(200, "rebooting");
            reply.RebootAfterDelivery = true;
        }
    }

    /// <summary><c>get_version</c>: firmware version, build and the config in use.</summary>
    public sealed class VersionCommand : ICommandHandler
    {
        private readonly IFactsSource _facts;

        public VersionCommand(IFactsSource facts)
        {
            _facts = facts;
        }

        public string Type => "get_version";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            DeviceFacts facts = _facts.Facts(0);
            reply.Begin(200, "OK");
            JsonWriter w = reply.Writer;
            w.Name("fw");
            w.String(facts == null ? null : facts.FirmwareVersion);
            w.Name("build");
            w.String(facts == null ? null : facts.Build);
            w.Name("configId");
            w.String(facts == null ? null : facts.ConfigId);
        }
    }
}
