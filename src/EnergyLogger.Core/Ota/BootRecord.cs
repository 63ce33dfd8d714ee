using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Where an image lives: the factory package installed with the loader (I:\el\factory.elup, never written over the
    /// air), or one of the two file slots.
    /// </summary>
    public enum ImageSlot
    {
        Factory,
        A,
        B,
    }

    /// <summary>The state of an update, as the loader and the image on trial see it (MCUboot's none/test/ok).</summary>
    public enum BootMode
    {
        Confirmed,
        Pending,
        Trial,
    }

    /// <summary>
    /// The persistent boot state of the file slots: which image runs, which one a rollback returns to,
    /// whether a new one is pending or on trial, the last outcome to report, and the last version rolled
    /// back (never offered to the device again). Written alternately to two files with a rising sequence number and a check value, so that a write cut by a
    /// power loss leaves the previous record readable (the newest intact one wins). Fixed 160 bytes:
    /// <code>
    ///   0  4  magic "ELBT"          4  4  sequence, big-endian
    ///   8  1  active slot           9  1  previous slot       10  1  mode      11  1  trial boots
    ///  12  1  pending slot         13  1  outcome            14  1  reason    15  1  version length
    ///  16 64  version of the pending, on-trial or last finished package (ASCII)
    ///  80  1  rolled-back version length                     81 64  the last version rolled back
    /// 145 11  zero                156  4  first 4 bytes of SHA-256 over 0..156
    /// </code>
    /// </summary>
    public sealed class BootRecord
    {
        public const int Length = 160;

        // Each text is a length byte followed by up to 64 ASCII characters.
        private const int VersionAt = 15;
        private const int RolledBackAt = 80;
        private const int CheckOffset = 156;
        private static readonly byte[] Magic = { (byte)'E', (byte)'L', (byte)'B', (byte)'T' };

        public uint Sequence;
        public ImageSlot Active = ImageSlot.Factory;
        public ImageSlot Previous = ImageSlot.Factory;
        public BootMode Mode = BootMode.Confirmed;
        public int TrialBoots;
        public ImageSlot PendingSlot = ImageSlot.Factory;
        public SlotOutcome Outcome = SlotOutcome.None;
        public UpdateStatus Reason = UpdateStatus.Ok;
        public string Version = string.Empty;
        public string RolledBackVersion = string.Empty;

        public void CopyFrom(BootRecord other)
        {
            Sequence = other.Sequence;
            Active = other.Active;
            Previous = other.Previous;
            Mode = other.Mode;
            TrialBoots = other.TrialBoots;
            PendingSlot = other.PendingSlot;
            Outcome = other.Outcome;
            Reason = other.Reason;
            Version = other.Version;
            RolledBackVersion = other.RolledBackVersion;
        }

        /// <summary>Writes the record into buffer[0..160); <paramref name="scratch"/> holds 32 bytes.</summary>
        public void Encode(byte[] buffer, Sha256 sha, byte[] scratch)
        {
            System.Array.Clear(buffer, 0, Length);
            Magic.CopyTo(buffer, 0);
            buffer[4] = (byte)(Sequence >> 24);
            buffer[5] = (byte)(Sequence >> 16);
            buffer[6] = (byte)(Sequence >> 8);
            buffer[7] = (byte)Sequence;
            buffer[8] = (byte)Active;
            buffer[9] = (byte)Previous;
            buffer[10] = (byte)Mode;
            buffer[11] = (byte)TrialBoots;
            buffer[12] = (byte)PendingSlot;
            buffer[13] = (byte)Outcome;
            buffer[14] = (byte)Reason;
            WriteText(Version, buffer, VersionAt);
            WriteText(RolledBackVersion, buffer, RolledBackAt);

            sha.Hash(buffer, 0, CheckOffset, scratch, 0);
            System.Array.Copy(scratch, 0, buffer, CheckOffset, 4);
        }

        /// <summary>Reads a record from buffer[0..count); false when it is short, torn or not a record.</summary>
        public bool Decode(byte[] buffer, int count, Sha256 sha, byte[] scratch)
        {
            if (count != Length)
            {
                return false;
            }

            sha.Hash(buffer, 0, CheckOffset, scratch, 0);
            for (int i = 0; i < 4; i++)
            {
                if (buffer[i] != Magic[i] || buffer[CheckOffset + i] != scratch[i])
                {
                    return false;
                }
            }

            if (buffer[8] > 2 || buffer[9] > 2 || buffer[10] > 2 || buffer[12] > 2 || buffer[13] > 2
                || buffer[VersionAt] > SemanticVersion.MaxLength || buffer[RolledBackAt] > SemanticVersion.MaxLength)
            {
                return false;
            }

            Sequence = ((uint)buffer[4] << 24) | ((uint)buffer[5] << 16) | ((uint)buffer[6] << 8) | buffer[7];
            Active = (ImageSlot)buffer[8];
            Previous = (ImageSlot)buffer[9];
            Mode = (BootMode)buffer[10];
            TrialBoots = buffer[11];
            PendingSlot = (ImageSlot)buffer[12];
            Outcome = (SlotOutcome)buffer[13];
            Reason = (UpdateStatus)buffer[14];
            Version = ReadText(buffer, VersionAt);
            RolledBackVersion = ReadText(buffer, RolledBackAt);
            return true;
        }

        private static void WriteText(string text, byte[] buffer, int at)
        {
            buffer[at] = (byte)text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                buffer[at + 1 + i] = (byte)text[i];
            }
        }

        private static string ReadText(byte[] buffer, int at)
        {
            char[] chars = new char[buffer[at]];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)buffer[at + 1 + i];
            }

            return new string(chars);
        }
    }
}
