using System;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// Log records to the console: the USB CDC port of the board (Wire Protocol messages when a debugger is
    /// attached). Core's <c>Log</c> formats each record as one line; the lock keeps lines from the supervisor
    /// and provisioning threads whole.
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly object _gate = new object();

        public void WriteLine(string line)
        {
            lock (_gate)
            {
                Console.WriteLine(line);
            }
        }
    }
}
