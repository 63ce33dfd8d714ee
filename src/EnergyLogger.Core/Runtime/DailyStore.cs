using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Keeps the map's daily counters across restarts in one small file ("daily.bin": the counters' state and its CRC-32),
    /// replaced atomically: at once when a day starts, otherwise at most every <see cref="IntervalMs"/> while readings
    /// move, so a restart in the day loses no part of the day's count and a restart over midnight finds yesterday's last
    /// reading. A missing or damaged file starts the counters afresh.
    /// </summary>
    internal sealed class DailyStore
    {
        public const string FileName = "daily.bin";

        /// <summary>How often a moving counter is stored at most: a restart costs at most this much of the reading before midnight.</summary>
        public const int IntervalMs = 10 * 60 * 1000;

        private readonly IFileStore _files;
        private byte[] _buffer = new byte[0];
        private long _writtenMs;

        public DailyStore(IFileStore files)
        {
            _files = files;
        }

        /// <summary>Restores what the file holds for <paramref name="counters"/>'s fields; false when nothing could be taken.</summary>
        public bool Load(DailyCounters counters)
        {
            int length = _files.Length(FileName);
            if (length < 5 || length > 4 + counters.MaxBytes + 4096)
            {
                return false;
            }

            var bytes = new byte[length];
            if (_files.Read(FileName, 0, bytes, 0, length) != length || Crc32.Compute(bytes, 0, length - 4) != Get(bytes, length - 4))
            {
                return false;
            }

            return counters.Read(bytes, 0, length - 4);
        }

        /// <summary>Stores the state when a day started, or when it moved and the last write is old enough.</summary>
        public void Keep(DailyCounters counters, long nowMs)
        {
            if (!counters.NewDay && (!counters.Changed || nowMs - _writtenMs < IntervalMs))
            {
                return;
            }

            if (_buffer.Length < counters.MaxBytes + 4)
            {
                _buffer = new byte[counters.MaxBytes + 4];
            }

            int length = counters.Write(_buffer);
            uint crc = Crc32.Compute(_buffer, 0, length);
            for (int i = 0; i < 4; i++)
            {
                _buffer[length + i] = (byte)(crc >> (8 * i));
            }

            _files.Replace(FileName, _buffer, 0, length + 4);
            _writtenMs = nowMs;
        }

        private static uint Get(byte[] buf, int pos)
        {
            return (uint)(buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16) | (buf[pos + 3] << 24));
        }
    }
}
