namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Whether the local MODBUS TCP server should run, on which port, as which unit id and whether it forwards requests for
    /// the map's own unit ids onto the bus (the gateway): the installer's settings,
    /// overridden member by member by the cloud config in use (docs/local-access.md). The main loop changes it when a
    /// config takes over; the adapters poll <see cref="Version"/> and restart their listener when it moves. Thread-safe.
    /// </summary>
    public sealed class LocalSwitch
    {
        private readonly object _lock = new object();
        private readonly bool _settingsOn;
        private readonly int _settingsPort;
        private readonly int _settingsUnit;
        private readonly bool _settingsGateway;
        private bool _on;
        private int _port;
        private int _unit;
        private bool _gateway;
        private int _version;

        public LocalSwitch(bool on, int port, int unit)
            : this(on, port, unit, false)
        {
        }

        public LocalSwitch(bool on, int port, int unit, bool gateway)
        {
            _settingsOn = on;
            _settingsPort = port;
            _settingsUnit = unit;
            _settingsGateway = gateway;
            _on = on;
            _port = port;
            _unit = unit;
            _gateway = gateway;
        }

        /// <summary>Whether requests for the map's own unit ids go onto the bus (docs/local-access.md, "The gateway").</summary>
        public bool Gateway
        {
            get
            {
                lock (_lock)
                {
                    return _gateway;
                }
            }
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

        /// <summary>Moves whenever on, port, unit or gateway changes.</summary>
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
            return Follow(on, port, unit, -1);
        }

        /// <summary>As the other, with <paramref name="gateway"/> -1 (the settings decide), 0 off or 1 on.</summary>
        public bool Follow(int on, int port, int unit, int gateway)
        {
            bool wantOn = on < 0 ? _settingsOn : on == 1;
            int wantPort = port > 0 ? port : _settingsPort;
            int wantUnit = unit > 0 ? unit : _settingsUnit;
            bool wantGateway = gateway < 0 ? _settingsGateway : gateway == 1;
            lock (_lock)
            {
                if (wantOn == _on && wantPort == _port && wantUnit == _unit && wantGateway == _gateway)
                {
                    return false;
                }

                _on = wantOn;
                _port = wantPort;
                _unit = wantUnit;
                _gateway = wantGateway;
                _version++;
                return true;
            }
        }
    }
}
