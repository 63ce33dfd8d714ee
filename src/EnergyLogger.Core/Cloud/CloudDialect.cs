namespace EnergyLogger.Core.Cloud
{
    /// <summary>What a <see cref="CloudSession"/> publishes on its own account; a dialect gives each its topic.</summary>
    internal enum Outbound
    {
        Telemetry,
        Metadata,
        ConfigReport,
        UpdateReport,
        Result,
    }

    /// <summary>
    /// What differs between the platforms a <see cref="CloudSession"/> talks to: the topic table, what acknowledges a
    /// telemetry batch or an update report (a reply naming a request id, or the broker's PUBACK), how configs, commands
    /// and software offers arrive, and what a connect starts with. The session does everything else.
    /// </summary>
    public abstract class CloudDialect
    {
        /// <param name="endpoints">Entry 0 is the logger's own; the others are the device endpoints of the map.</param>
        protected CloudDialect(string[] endpoints)
        {
            Endpoints = endpoints;
        }

        /// <summary>How each endpoint is named on the platform (a Kaa token, a topic level).</summary>
        internal string[] Endpoints { get; }

        /// <summary>True when the broker's PUBACK acknowledges telemetry batches and update reports; false when a reply to the request does.</summary>
        internal abstract bool DeliveredOnPubAck { get; }

        /// <summary>The retained topic of the latest sample, or null when the platform has none.</summary>
        internal virtual string StateTopic => null;

        /// <summary>Subscriptions and start-up publications after each (re)connect, in the platform's order.</summary>
        internal abstract void Connected(CloudSession session, long nowMs);

        /// <summary>A message from the broker: the dialect works out what it is and hands it to the session.</summary>
        internal abstract void Received(CloudSession session, string topic, byte[] payload, int length, long nowMs);

        /// <summary>
        /// Publishes one message of the session on the platform's topic for it. Returns what its acknowledgement will
        /// carry (the message id for a result, which a PUBACK delivers on every platform), or -1 when nothing went out.
        /// </summary>
        internal abstract int Send(CloudSession session, Outbound kind, int endpoint, string type, byte[] body, int length, long nowMs);

        /// <summary>Retires the dialect's own requests that went unanswered for <paramref name="timeoutMs"/>; returns how many.</summary>
        internal virtual int Expire(long nowMs, int timeoutMs)
        {
            return 0;
        }

        /// <summary>A connection was made or lost: the dialect's own requests in flight are void.</summary>
        internal virtual void Forget()
        {
        }

        /// <summary>The dialect's own work, once per tick while connected, before telemetry.</summary>
        internal virtual void Tick(CloudSession session)
        {
        }
    }
}
