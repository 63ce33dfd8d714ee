namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Holds the map in use and a validated successor. A new map is checked completely when it arrives and
    /// takes over only at a poll-cycle boundary; a bad map never replaces a good one (RELIABILITY C6).
    /// Offers may come from the cloud thread while the poll thread swaps.
    /// </summary>
    public sealed class MapSlot
    {
        private readonly object _gate = new object();
        private RegisterMap _active;
        private RegisterMap _pending;

        public MapSlot(RegisterMap initial)
        {
            _active = initial;
        }

        /// <summary>The map the poll cycle uses; null until a first map was accepted and swapped in.</summary>
        public RegisterMap Active
        {
            get
            {
                lock (_gate)
                {
                    return _active;
                }
            }
        }

        public bool HasPending
        {
            get
            {
                lock (_gate)
                {
                    return _pending != null;
                }
            }
        }

        /// <summary>Validates a map text; on success it waits for the next cycle boundary. Returns null or why it was refused.</summary>
        public MapError Offer(byte[] text, int offset, int count)
        {
            MapError error;
            RegisterMap map = RegisterMapLoader.Load(text, offset, count, out error);
            if (map != null)
            {
                lock (_gate)
                {
                    _pending = map;
                }
            }

            return error;
        }

        /// <summary>
        /// A map the loader already validated (a cloud config goes through <see cref="RegisterMapLoader"/> in full
        /// before it is accepted, so it is not parsed twice); it waits for the next cycle boundary.
        /// </summary>
        public void Offer(RegisterMap validated)
        {
            if (validated == null)
            {
                throw new System.ArgumentNullException("validated");
            }

            lock (_gate)
            {
                _pending = validated;
            }
        }

        /// <summary>Called by the poll loop between cycles: true when a new map took over.</summary>
        public bool SwapAtCycleBoundary()
        {
            lock (_gate)
            {
                if (_pending == null)
                {
                    return false;
                }

                _active = _pending;
                _pending = null;
                return true;
            }
        }
    }
}
