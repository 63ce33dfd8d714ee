using System;
using System.Threading;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>The board's clocks: the CLR tick counter for intervals, the RTC for wall time.</summary>
    public sealed class DeviceClock : IClock
    {
        private bool _synced;

        public long MonotonicMs => Environment.TickCount64;

        public DateTime UtcNow => DateTime.UtcNow;

        /// <summary>False from boot until the network layer has set the RTC from SNTP.</summary>
        public bool WallClockSynced => _synced;

        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }

        public void MarkSynced()
        {
            _synced = true;
        }
    }
}
