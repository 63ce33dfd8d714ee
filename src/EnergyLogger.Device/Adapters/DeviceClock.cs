using System;
using System.Threading;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>The board's clocks: the CLR tick counter for intervals, the RTC for wall time.</summary>
    public sealed class DeviceClock : IClock
    {
        /// <summary>
        /// The RTC counts from 1970 after power-on; only SNTP moves it to the present, at the join or whenever the
        /// network comes later. nanoFramework's own network helper takes a year from 2021 on as a set clock
        /// (NetworkHelperInternal.WaitForValidDateTime); the same test is used here.
        /// </summary>
        private const int FirstSetYear = 2021;

        public long MonotonicMs => Environment.TickCount64;

        public DateTime UtcNow => DateTime.UtcNow;

        public bool WallClockSynced => DateTime.UtcNow.Year >= FirstSetYear;

        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
