using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The metadata with the diagnostics, published again every metadata interval while the link is up (the session
    /// publishes it on every connect as well), and at once when the clock anchor is new (RELIABILITY S2). It waits for
    /// an iteration with time to spare.
    /// </summary>
    internal sealed class MetadataRefresh : ILoopTask
    {
        private readonly CloudStack _cloud;
        private readonly IClock _clock;
        private readonly int _intervalMs;
        private readonly int _budgetMs;
        private long _nextMs;

        public MetadataRefresh(CloudStack cloud, IClock clock, RuntimeOptions options, long startMs)
        {
            _cloud = cloud;
            _clock = clock;
            _intervalMs = options.MetadataIntervalMs;
            _budgetMs = options.IterationBudgetMs;
            _nextMs = startMs + _intervalMs;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            long now = _clock.MonotonicMs;
            if (!_cloud.Online || now < _nextMs || _clock.MonotonicMs - startMs >= _budgetMs)
            {
                return;
            }

            heartbeat.Beat("metadata", now);
            _cloud.PublishMetadata();
            _nextMs = now + _intervalMs;
        }

        /// <summary>Publishes at the next iteration with time to spare.</summary>
        public void DueAt(long nowMs)
        {
            _nextMs = nowMs;
        }
    }
}
