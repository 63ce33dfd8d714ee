using System.Threading;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// A server that follows one of the main loop's switches (the MODBUS TCP server's, the status page's) from a thread of
    /// its own: it reads the switch's version every so often and, when it moved, lets the server open, move or close its
    /// listener. The server gives the version by overriding it, since nanoFramework 1.17 has no generic delegates.
    /// </summary>
    public abstract class SwitchFollower
    {
        private readonly int _checkMs;

        protected SwitchFollower(int checkMs)
        {
            _checkMs = checkMs;
        }

        /// <summary>The switch's version, which moves at every change of it.</summary>
        protected abstract int SwitchVersion { get; }

        /// <summary>Follows the switch from a thread of its own.</summary>
        public void Start()
        {
            new Thread(Follow).Start();
        }

        /// <summary>The switch moved: serve as it now says.</summary>
        protected abstract void Apply();

        private void Follow()
        {
            int version = -1;
            while (true)
            {
                int now = SwitchVersion;
                if (now != version)
                {
                    version = now;
                    Apply();
                }

                Thread.Sleep(_checkMs);
            }
        }
    }
}
