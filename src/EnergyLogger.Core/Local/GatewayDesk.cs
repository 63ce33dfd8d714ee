using System.Collections;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Where the local MODBUS TCP server's sessions leave requests for the inverter and the main loop takes them, so that
    /// the loop stays the one master on the RS-485 bus and puts them there between its own polls (docs/local-access.md,
    /// "The gateway"). Which unit ids it takes is the map's devices', while the <see cref="LocalSwitch"/> has the gateway
    /// on. Thread-safe: sessions submit and collect from their threads, the loop takes and finishes on its own.
    /// </summary>
    public sealed class GatewayDesk
    {
        private readonly object _lock = new object();
        private readonly LocalSwitch _switch;
        private readonly bool[] _units = new bool[256];
        private readonly ArrayList _pending = new ArrayList();

        public GatewayDesk(LocalSwitch server)
        {
            _switch = server;
        }

        /// <summary>Requests put on the bus.</summary>
        public int Forwarded { get; private set; }

        /// <summary>Reads answered from the last poll cycle's registers, with no byte on the bus.</summary>
        public int FromCycle { get; private set; }

        /// <summary>Writes refused by the map's allowlist, with no byte on the bus.</summary>
        public int Refused { get; private set; }

        /// <summary>Requests withdrawn by their session after waiting too long for a gap between polls.</summary>
        public int Abandoned { get; private set; }

        /// <summary>Whether a request for <paramref name="unit"/> goes to the bus: the gateway is on and a device of the map has that address.</summary>
        public bool Serves(int unit)
        {
            if (!_switch.Gateway)
            {
                return false;
            }

            lock (_lock)
            {
                return unit > 0 && unit < _units.Length && _units[unit];
            }
        }

        /// <summary>Takes the unit ids of <paramref name="map"/>'s devices (none for null). The main loop, when a map takes over.</summary>
        public void Follow(RegisterMap map)
        {
            lock (_lock)
            {
                for (int i = 0; i < _units.Length; i++)
                {
                    _units[i] = false;
                }

                for (int d = 0; map != null && d < map.Devices.Length; d++)
                {
                    _units[map.Devices[d].Slave] = true;
                }
            }
        }

        /// <summary>Whether a request waits for the bus.</summary>
        public bool HasWork
        {
            get
            {
                lock (_lock)
                {
                    return _pending.Count > 0;
                }
            }
        }

        /// <summary>The oldest waiting request, which the loop now owns until <see cref="Finish"/> or <see cref="Return"/>; null for none.</summary>
        public GatewayTicket Take()
        {
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    return null;
                }

                var ticket = (GatewayTicket)_pending[0];
                _pending.RemoveAt(0);
                ticket.Pending = false;
                return ticket;
            }
        }

        /// <summary>A taken request that found no gap before the next poll goes back to the head of the queue.</summary>
        public void Return(GatewayTicket ticket)
        {
            lock (_lock)
            {
                ticket.Pending = true;
                _pending.Insert(0, ticket);
            }
        }

        /// <summary>The loop has put the reply in <paramref name="ticket"/>; <paramref name="outcome"/> says how, for the counters.</summary>
        public void Finish(GatewayTicket ticket, GatewayOutcome outcome)
        {
            lock (_lock)
            {
                ticket.Done = true;
                switch (outcome)
                {
                    case GatewayOutcome.Forwarded: Forwarded++; break;
                    case GatewayOutcome.FromCycle: FromCycle++; break;
                    case GatewayOutcome.Refused: Refused++; break;
                }
            }
        }

        internal void Submit(GatewayTicket ticket)
        {
            lock (_lock)
            {
                ticket.Pending = true;
                _pending.Add(ticket);
            }
        }

        internal bool IsDone(GatewayTicket ticket)
        {
            lock (_lock)
            {
                return ticket.Done;
            }
        }

        /// <summary>Removes a request the loop has not taken yet; false when the loop has it (its reply comes soon).</summary>
        internal bool Withdraw(GatewayTicket ticket)
        {
            lock (_lock)
            {
                if (!ticket.Pending)
                {
                    return false;
                }

                _pending.Remove(ticket);
                ticket.Pending = false;
                Abandoned++;
                return true;
            }
        }
    }

    /// <summary>How the loop answered a gateway request.</summary>
    public enum GatewayOutcome
    {
        /// <summary>Through the bus: the slave's answer, its exception, or 0x0B when it did not answer.</summary>
        Forwarded,

        /// <summary>From the registers of the last poll cycle.</summary>
        FromCycle,

        /// <summary>Refused (01, 02) before the bus.</summary>
        Refused,
    }
}
