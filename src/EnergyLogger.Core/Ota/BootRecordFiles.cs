using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// The boot state's two stored copies, "ota-boot.0" and "ota-boot.1": each write replaces the older copy, so a
    /// power cut during one leaves the other intact, and the newest intact copy is the state.
    /// </summary>
    internal sealed class BootRecordFiles
    {
        private static readonly string[] Names = { "ota-boot.0", "ota-boot.1" };

        private readonly IFileStore _store;
        private readonly byte[] _buffer = new byte[BootRecord.Length];
        private readonly byte[] _scratch = new byte[Sha256.HashLength];
        private readonly Sha256 _sha = new Sha256();

        public BootRecordFiles(IFileStore store)
        {
            _store = store;
        }

        /// <summary>
        /// Loads the newest intact copy into <paramref name="record"/> (<paramref name="spare"/> is overwritten while
        /// decoding); none at all means the factory image, confirmed.
        /// </summary>
        public void Load(BootRecord record, BootRecord spare)
        {
            bool found = false;
            for (int i = 0; i < Names.Length; i++)
            {
                int count = _store.Read(Names[i], 0, _buffer, 0, _buffer.Length);
                if (spare.Decode(_buffer, count, _sha, _scratch) && (!found || spare.Sequence > record.Sequence))
                {
                    record.CopyFrom(spare);
                    found = true;
                }
            }

            if (!found)
            {
                record.CopyFrom(new BootRecord());
            }
        }

        /// <summary>
        /// Writes <paramref name="next"/> as the record following <paramref name="current"/>, over the older copy; on
        /// success it becomes <paramref name="current"/>.
        /// </summary>
        public bool Write(BootRecord next, BootRecord current)
        {
            next.Sequence = current.Sequence + 1;
            next.Encode(_buffer, _sha, _scratch);
            if (!_store.Replace(Names[next.Sequence & 1], _buffer, 0, BootRecord.Length))
            {
                return false;
            }

            current.CopyFrom(next);
            return true;
        }
    }
}
