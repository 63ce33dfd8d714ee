using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The registers the local MODBUS TCP server serves: the flat block at <see cref="FlatBase"/> and the SunSpec chain at
    /// <see cref="SunSpecModels.BaseAddress"/>, both made from one sample. The main loop publishes each cycle's first
    /// sample; the server's sessions read from their own threads. The new image is written beside the served one and
    /// swapped in under the lock, so a read sees one cycle's sample whole, and neither side allocates.
    /// </summary>
    public sealed class RegisterImage
    {
        public const int FlatBase = 0;

        private readonly object _lock = new object();
        private readonly SunSpecEncoder _sunSpec;
        private ushort[] _flat = new ushort[FlatBlock.Length];
        private ushort[] _chain = new ushort[SunSpecModels.MaxChainLength];
        private ushort[] _nextFlat = new ushort[FlatBlock.Length];
        private ushort[] _nextChain = new ushort[SunSpecModels.MaxChainLength];
        private int _chainLength;
        private long _sequence;
        private bool _ready;

        public RegisterImage(DeviceIdentity identity, LocalSwitch server)
        {
            _sunSpec = new SunSpecEncoder(identity);
            Switch = server;
            Gateway = new GatewayDesk(server);
        }

        /// <summary>Where requests for the inverter's own unit ids wait for the main loop to put them on the bus.</summary>
        public GatewayDesk Gateway { get; }

        /// <summary>Whether the server runs, its port and unit id.</summary>
        public LocalSwitch Switch { get; }

        /// <summary>The sequence number of the sample served, 0 before the first.</summary>
        public long Sequence
        {
            get
            {
                lock (_lock)
                {
                    return _sequence;
                }
            }
        }

        /// <summary>Makes <paramref name="sample"/> the one served; nothing while the server is off. The main loop's thread.</summary>
        public void Publish(Sample sample)
        {
            if (!Switch.On)
            {
                return;
            }

            FlatBlock.Encode(sample, _nextFlat, 0);
            int chainLength = _sunSpec.Encode(sample, _nextChain, 0, Switch.Unit);
            lock (_lock)
            {
                ushort[] flat = _flat;
                ushort[] chain = _chain;
                _flat = _nextFlat;
                _chain = _nextChain;
                _nextFlat = flat;
                _nextChain = chain;
                _chainLength = chainLength;
                _sequence = sample.Sequence;
                _ready = true;
            }
        }

        /// <summary>
        /// Copies <paramref name="count"/> registers from <paramref name="address"/> into <paramref name="buffer"/>, high
        /// byte first. Returns 0, or the exception code: 02 when the range is not all inside one block, 06 before the
        /// first sample. Thread-safe.
        /// </summary>
        public byte Read(int address, int count, byte[] buffer, int offset)
        {
            lock (_lock)
            {
                if (!_ready)
                {
                    return ExceptionCode.SlaveDeviceBusy;
                }

                if (Inside(address, count, FlatBase, FlatBlock.Length))
                {
                    Copy(_flat, address - FlatBase, count, buffer, offset);
                    return 0;
                }

                if (Inside(address, count, SunSpecModels.BaseAddress, _chainLength))
                {
                    Copy(_chain, address - SunSpecModels.BaseAddress, count, buffer, offset);
                    return 0;
                }

                return ExceptionCode.IllegalDataAddress;
            }
        }

        private static bool Inside(int address, int count, int start, int length)
        {
            return start <= address && address + count <= start + length;
        }

        private static void Copy(ushort[] registers, int from, int count, byte[] buffer, int offset)
        {
            for (int i = 0; i < count; i++)
            {
                int value = registers[from + i];
                buffer[offset + (2 * i)] = (byte)(value >> 8);
                buffer[offset + (2 * i) + 1] = (byte)value;
            }
        }
    }
}
