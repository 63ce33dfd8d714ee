using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// A window of the access point opened during a run (a short press, the cloud's <c>start_ap</c>) where opening it
    /// takes a restart: its length, carried across that one restart and taken at the next boot. Layout:
    /// "ELAP" | version u8 = 1 | window ms u32 | CRC-32 u32, integers big-endian. No file means nothing is carried,
    /// and a bad one is as good as none, so the access point stays down rather than opening by mistake.
    /// </summary>
    internal static class AccessPointRecord
    {
        public const string FileName = "ap.rec";

        private const byte Version = 1;
        private const int Length = 13;
        private static readonly byte[] Magic = { (byte)'E', (byte)'L', (byte)'A', (byte)'P' };

        public static bool Save(IFileStore files, int windowMs)
        {
            var buffer = new byte[Length];
            for (int i = 0; i < Magic.Length; i++)
            {
                buffer[i] = Magic[i];
            }

            buffer[4] = Version;
            buffer[5] = (byte)(windowMs >> 24);
            buffer[6] = (byte)(windowMs >> 16);
            buffer[7] = (byte)(windowMs >> 8);
            buffer[8] = (byte)windowMs;
            uint crc = Crc32.Compute(buffer, 0, 9);
            buffer[9] = (byte)(crc >> 24);
            buffer[10] = (byte)(crc >> 16);
            buffer[11] = (byte)(crc >> 8);
            buffer[12] = (byte)crc;
            return files.Replace(FileName, buffer, 0, Length);
        }

        /// <summary>The window carried to this boot, or 0; the record is gone afterwards either way.</summary>
        public static int Take(IFileStore files)
        {
            int length = files.Length(FileName);
            if (length < 0)
            {
                return 0;
            }

            var buffer = new byte[Length];
            int read = length == Length ? files.Read(FileName, 0, buffer, 0, Length) : -1;
            files.Delete(FileName);
            if (read != Length || buffer[4] != Version || Get(buffer, 9) != Crc32.Compute(buffer, 0, 9))
            {
                return 0;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (buffer[i] != Magic[i])
                {
                    return 0;
                }
            }

            // Built from bytes, which load as signed ints, so no unsigned value is cast (docs/architecture.md).
            int windowMs = (buffer[5] << 24) | (buffer[6] << 16) | (buffer[7] << 8) | buffer[8];
            return windowMs > 0 ? windowMs : 0;
        }

        private static uint Get(byte[] buffer, int pos)
        {
            return ((uint)buffer[pos] << 24) | ((uint)buffer[pos + 1] << 16) | ((uint)buffer[pos + 2] << 8) | buffer[pos + 3];
        }
    }
}
