using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The OTA updater in the loop (docs/ota.md, "In the main loop"): offers from the cloud go in, one bounded step runs
    /// per iteration that still has time to spare, and a staged or rolled-back image asks for the restart.
    /// </summary>
    internal sealed class UpdateSteps : ILoopTask, IUpdateOffers
    {
        private readonly IUpdater _updater;
        private readonly RestartRequest _restarts;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly int _budgetMs;

        /// <param name="updater">The OTA updater, or null when this build has none.</param>
        public UpdateSteps(IUpdater updater, RestartRequest restarts, IClock clock, Log log, RuntimeOptions options)
        {
            _updater = updater;
            _restarts = restarts;
            _clock = clock;
            _log = log;
            _budgetMs = options.IterationBudgetMs;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (_updater == null)
            {
                return;
            }

            if (_updater.RebootRequested)
            {
                _restarts.Ask(ResetReason.Update, "update staged or rolled back");
            }

            if (_clock.MonotonicMs - startMs < _budgetMs)
            {
                // One signature check can take many seconds on the device (docs/ota.md, "Cost on the device").
                heartbeat.Beat("ota", _clock.MonotonicMs, _updater.LongestStepMs);
                _updater.Step();
            }
        }

        public void Offer(byte[] json, int offset, int count)
        {
            if (_updater == null)
            {
                _log.Write(LogLevel.Warn, "ota", "update offered but this build has no updater");
                return;
            }

            _updater.Offer(json, offset, count);
        }
    }
}
