using System;
using System.Collections;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The poll cycle: take over a new map if one waits (only here, between cycles), read what is due from
    /// every device within the cycle budget, decode, compute, and map one <see cref="Sample"/> per endpoint
    /// group. Everything a map needs is built when it is taken over; after the first cycles a cycle
    /// allocates nothing (plans change only when a slave refuses an address).
    /// </summary>
    public sealed class PollEngine
    {
        private const int NoDeadline = -1;

        private readonly MapSlot _maps;
        private readonly ModbusMaster[] _buses;
        private readonly IClock _clock;
        private readonly PollOptions _options;
        private readonly Hashtable _routes = new Hashtable();
        private readonly PollBuffers _buffers = new PollBuffers();

        private DailyCounters _daily;
        private DailyStore _dailyStore;
        private DevicePoller[] _pollers;
        private TelemetryMapper[] _mappers;
        private Sample[] _samples;

        /// <summary>
        /// One master per bus. Every device is on bus 0 unless <see cref="Route"/> says otherwise.
        /// </summary>
        public PollEngine(MapSlot maps, ModbusMaster[] buses, IClock clock, PollOptions options)
        {
            if (maps == null || buses == null || clock == null)
            {
                throw new ArgumentNullException(maps == null ? "maps" : clock == null ? "clock" : "buses");
            }

            if (buses.Length == 0)
            {
                throw new ArgumentException("at least one bus is needed", "buses");
            }

            _maps = maps;
            _buses = buses;
            _clock = clock;
            _options = options ?? new PollOptions();
        }

        /// <summary>The map in use; null until a first map was taken over.</summary>
        public RegisterMap Map { get; private set; }

        /// <summary>The raw registers of the last cycle; metadata texts are read from here.</summary>
        public RegisterFrame Frame { get; private set; }

        public DecodedValues Values { get; private set; }

        public CycleStats Stats { get; } = new CycleStats();

        /// <summary>The points that stopped being read during the last cycle, each reported once.</summary>
        public UnsupportedPoints Unsupported { get; private set; } = new UnsupportedPoints(0);

        /// <summary>Samples per cycle: one per endpoint group of the map (0 is the logger's own identity).</summary>
        public int SampleCount => _samples == null ? 0 : _samples.Length;

        public Sample Sample(int endpointGroup)
        {
            return _samples[endpointGroup];
        }

        /// <summary>
        /// Where the daily counters keep their state across restarts (<see cref="DailyStore"/>); null keeps it in memory only.
        /// Set before the first cycle.
        /// </summary>
        public IFileStore Files
        {
            set { _dailyStore = value == null ? null : new DailyStore(value); }
        }

        /// <summary>A validated map to take over at the next cycle boundary, as a map from the cloud is.</summary>
        public void Offer(RegisterMap map)
        {
            _maps.Offer(map);
        }

        /// <summary>Puts the device with this map id on another bus, from the next map taken over on.</summary>
        public void Route(string deviceId, int bus)
        {
            if (bus < 0 || bus >= _buses.Length)
            {
                throw new ArgumentOutOfRangeException("bus");
            }

            _routes[deviceId] = bus;
        }

        /// <summary>The master of the bus the map in use puts <paramref name="slave"/> on; null when no device of the map has that address.</summary>
        public ModbusMaster BusFor(byte slave)
        {
            RegisterMap map = Map;
            for (int d = 0; map != null && d < map.Devices.Length; d++)
            {
                if (map.Devices[d].Slave == slave)
                {
                    return _buses[BusOf(map.Devices[d])];
                }
            }

            return null;
        }

        /// <summary>The plans of one device of the map in use, one per combination of its poll classes, for diagnostics.</summary>
        public DevicePlans Plans(int device)
        {
            return _pollers[device].Plans;
        }

        /// <summary>The poll classes the last cycle read on one device of the map in use.</summary>
        public int ReadClasses(int device)
        {
            return _pollers[device].ReadClasses;
        }

        /// <summary>Runs one cycle; false when there is no map yet and nothing was read.</summary>
        public bool RunCycle()
        {
            long start = _clock.MonotonicMs;
            Unsupported.Clear();
            bool takenOver = TakeOverMap();
            Stats.Begin(start, takenOver);
            if (Map == null)
            {
                return false;
            }

            long deadline = _options.CycleBudgetMs > 0 ? start + _options.CycleBudgetMs : NoDeadline;
            SetDeadlines(deadline);
            Frame.BeginCycle();
            for (int d = 0; d < _pollers.Length; d++)
            {
                _pollers[d].Poll(start, deadline);
            }

            // Leave the buses unbounded for whoever uses them between cycles (remote writes).
            SetDeadlines(NoDeadline);
            _daily.SetTime(_clock.WallClockSynced ? (_clock.UtcNow - DateTime.UnixEpoch).Ticks / 10000 : 0, _clock.WallClockSynced);
            PointDecoder.DecodeCycle(Frame, Values, _daily);
            if (_dailyStore != null && _daily.Count > 0)
            {
                _dailyStore.Keep(_daily, _clock.MonotonicMs);
            }

            MarkFresh();
            for (int g = 0; g < _samples.Length; g++)
            {
                _mappers[g].Map(Values, _clock, _samples[g]);
            }

            Stats.End(_clock.MonotonicMs);
            return true;
        }

        /// <summary>A good value of a class its device did not read this cycle, delivered by a read made for another class.</summary>
        private void MarkFresh()
        {
            PointDefinition[] points = Map.Points;
            for (int i = 0; i < points.Length; i++)
            {
                PointDefinition p = points[i];
                Values.Fresh[i] = Values.Quality[i] == ValueQuality.Ok && Frame.DeliveredThisCycle(i)
                    && (_pollers[p.Device].ReadClasses & DevicePlans.ClassBit(p.Poll)) == 0;
            }
        }

        private void SetDeadlines(long deadlineMs)
        {
            for (int b = 0; b < _buses.Length; b++)
            {
                _buses[b].SetDeadline(deadlineMs);
            }
        }

        /// <summary>Builds everything for a new map; the old one stays in use when there is none (RELIABILITY C6).</summary>
        private bool TakeOverMap()
        {
            _maps.SwapAtCycleBoundary();
            RegisterMap map = _maps.Active;
            if (map == null || map == Map)
            {
                return false;
            }

            Map = map;
            Frame = new RegisterFrame(map);
            Values = new DecodedValues(map);
            _daily = new DailyCounters(map);
            if (_dailyStore != null && _daily.Count > 0)
            {
                _dailyStore.Load(_daily);
            }

            Unsupported = new UnsupportedPoints(map.Points.Length);
            _pollers = new DevicePoller[map.Devices.Length];
            for (int d = 0; d < _pollers.Length; d++)
            {
                DeviceDefinition device = map.Devices[d];
                _pollers[d] = new DevicePoller(device, _buses[BusOf(device)], _clock, _options, Frame, _buffers, Stats, Unsupported);
            }

            _mappers = new TelemetryMapper[map.Endpoints.Length];
            _samples = new Sample[map.Endpoints.Length];
            for (int g = 0; g < _mappers.Length; g++)
            {
                _mappers[g] = new TelemetryMapper(map, g);
                _samples[g] = _mappers[g].CreateSample();
            }

            return true;
        }

        private int BusOf(DeviceDefinition device)
        {
            object bus = _routes[device.Id];
            return bus == null ? 0 : (int)bus;
        }
    }
}
