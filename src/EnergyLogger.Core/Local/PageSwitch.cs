namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Whether the local status page and <c>/api/status</c> are served: the setting <c>local.http</c>, overridden by the
    /// cloud config in use (docs/local-access.md). The main loop changes it when a config takes over; the adapters poll
    /// <see cref="Version"/> and open or close their listener when it moves. Thread-safe.
    /// </summary>
    public sealed class PageSwitch
    {
        private readonly object _lock = new object();
        private readonly bool _settingsOn;
        private bool _on;
        private int _version;

        public PageSwitch(bool on)
        {
            _settingsOn = on;
            _on = on;
        }

        public bool On
        {
            get
            {
                lock (_lock)
                {
                    return _on;
                }
            }
        }

        /// <summary>Moves whenever <see cref="On"/> changes.</summary>
        public int Version
        {
            get
            {
                lock (_lock)
                {
                    return _version;
                }
            }
        }

        /// <summary>The cloud config's choice: -1 when it does not say (the setting decides), 0 off, 1 on. True when it changed.</summary>
        public bool Follow(int on)
        {
            bool want = on < 0 ? _settingsOn : on == 1;
            lock (_lock)
            {
                if (want == _on)
                {
                    return false;
                }

                _on = want;
                _version++;
                return true;
            }
        }
    }
}
