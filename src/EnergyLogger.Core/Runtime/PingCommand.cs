using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// <c>ping</c>: answered as it arrives, ahead of queued commands, so its round trip measures the link and not the queue.
    /// <c>{"t":n}</c> (any integer, the sender's clock for instance) comes back as it was sent, with the logger's uptime.
    /// </summary>
    internal sealed class PingCommand : IInstantCommand
    {
        private readonly IClock _clock;
        private readonly long _startMs;

        public PingCommand(IClock clock, long startMs)
        {
            _clock = clock;
            _startMs = startMs;
        }

        public string Type => "ping";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            int token = payload < 0 ? -1 : doc.Member(payload, "t");
            long t = 0;
            if (token >= 0 && !doc.TryGetInt64(token, out t))
            {
                reply.Fail(400, "t: an integer");
                return;
            }

            reply.Begin(200, "pong");
            JsonWriter w = reply.Writer;
            if (token >= 0)
            {
                w.Name("t");
                w.Integer(t);
            }

            w.Name("uptime_ms");
            w.Integer(_clock.MonotonicMs - _startMs);
        }
    }
}
