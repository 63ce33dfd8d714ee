namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Whether the local MODBUS TCP server should run, on which port and as which unit id: the installer's settings,
    /// overridden member by member by the cloud config in use (docs/local-access.md). The main loop changes it when a
    /// config takes over; the adapters poll <see cref="Version"/> and restart their listener when it moves. Thread-safe.
    /// </summary>
    public sealed class LocalSwitch
    {
        private readonly object _lock = new object();
        private readonly bool _settingsOn;
        private readonly int _settingsPort;
        private readonly int _settingsUnit;
        private bool _on;
        private int _port;
        private int _unit;
        private int _version;

        public LocalSwitch(bool on, int port, int unit)
        {
            _settingsOn = on;
            _settingsPort = port;
            _settingsUnit = unit;
            _on = on;
            _port = port;
            _unit = unit;
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

        public int Port
        {
            get
            {
                lock (_lock)
                {
                    return _port;
                }
            }
        }

        public int Unit
        {
            get
            {
                lock (_lock)
                {
                    return _unit;
                }
            }
        }

        /// <summary>Moves whenever on, port or unit changes.</summary>
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

        /// <summary>
        /// The cloud config's choice: <paramref name="on"/> -1 when the config does not say (the settings decide), 0 off,
        /// 1 on; <paramref name="port"/> and <paramref name="unit"/> 0 when it does not say. True when anything changed.
        /// </summary>
        public bool Follow(int on, int port, int unit)
        {
            bool wantOn = on < 0 ? _settingsOn : on == 1;
            int wantPort = port > 0 ? port : _settingsPort;
            int wantUnit = unit > 0 ? unit : _settingsUnit;
            lock (_lock)
            {
                if (wantOn == _on && wantPort == _port && wantUnit == _unit)
                {
                    return false;
                }

                _on = wantOn;
                _port = wantPort;
                _unit = wantUnit;
                _version++;
                return true;
            }
        }
    }
}
