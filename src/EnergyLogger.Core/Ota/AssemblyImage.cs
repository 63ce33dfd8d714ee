namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// The application image inside a package, as the loader splits it: the application's nanoFramework assemblies
    /// (.pe files) one after another, each starting on a 4-byte boundary, the way the deployment region holds them.
    /// Each assembly begins with the CLR_RECORD_ASSEMBLY header (nf-interpreter, src/CLR/Include/nanoCLR_Types.h):
    /// <code>
    ///   0  8  marker "NFMRK2" (zero-padded)     8  4  header CRC      12  4  assembly CRC     16  4  flags
    ///  20  4  native methods checksum          24  8  version        32  2  name             34  2  string table version
    ///  36 72  startOfTables[18], little-endian; startOfTables[TBL_EndOfAssembly = 17] is the assembly's total size
    /// </code>
    /// The next assembly starts at that size rounded up to 4 bytes, as the CLR's own deployment loader steps
    /// (ROUNDTOMULTIPLE(header->TotalSize(), CLR_UINT32)). Only the marker and the size are read here; the CRCs are
    /// checked by Assembly.Load itself (CLR_RECORD_ASSEMBLY::GoodAssembly).
    /// </summary>
    public static class AssemblyImage
    {
        /// <summary>Assemblies one image may hold: Core's thirteen and the Device application, with room to grow.</summary>
        public const int MaxAssemblies = 16;

        /// <summary>The bytes of a header up to and including the total size.</summary>
        public const int HeaderLength = 108;

        /// <summary>The whole fixed header, with the 20 bytes of table padding counts after the table offsets.</summary>
        public const int MinAssemblyLength = 128;

        private const int TotalSizeOffset = 36 + (17 * 4);
        private static readonly byte[] Marker = { (byte)'N', (byte)'F', (byte)'M', (byte)'R', (byte)'K', (byte)'2', 0, 0 };

        /// <summary>
        /// The total length of the assembly whose header is at buffer[offset..offset+count), or -1 when the bytes are
        /// not a format-2 assembly header, or name a length below the fixed header or beyond <paramref name="maxLength"/>.
        /// </summary>
        public static int Length(byte[] buffer, int offset, int count, int maxLength)
        {
            if (count < HeaderLength)
            {
                return -1;
            }

            for (int i = 0; i < Marker.Length; i++)
            {
                if (buffer[offset + i] != Marker[i])
                {
                    return -1;
                }
            }

            int at = offset + TotalSizeOffset;
            long length = (buffer[at] | (buffer[at + 1] << 8) | (buffer[at + 2] << 16)) + ((long)buffer[at + 3] << 24);
            return length < MinAssemblyLength || length > maxLength ? -1 : (int)length;
        }

        /// <summary>Where the assembly after one of <paramref name="length"/> bytes at <paramref name="position"/> starts.</summary>
        public static int Next(int position, int length)
        {
            return position + ((length + 3) & ~3);
        }
    }
}
