using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// <c>reconnect</c>: answers 200, and once the broker has the answer the link drops the MQTT session and connects again at
    /// once, without the backoff: a fresh name lookup, subscriptions, metadata and config pull.
    /// </summary>
    public sealed class ReconnectCommand : ICommandHandler
    {
        public string Type => "reconnect";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            reply.Begin(200, "reconnecting");
            reply.ReconnectAfterDelivery = true;
        }
    }
}
