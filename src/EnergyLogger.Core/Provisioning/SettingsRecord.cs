using System.Text;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The stored form of the settings, a pure codec:
    /// <code>
    /// "ELSR" | version u8 = 1 | sequence u32 | entries length u16 | entries | CRC-32 u32
    /// entry  = tag u8 | length u16 | canonical text in UTF-8
    /// </code>
    /// Integers are big-endian; the CRC covers everything before it. Fields at their default are still
    /// written, so a record says exactly what the device runs with. A reader skips tags it does not know,
    /// so firmware rolled back after an update still reads the settings the newer one wrote; a layout
    /// change that old readers must not try bumps the version instead.
    /// </summary>
    public static class SettingsRecord
    {
        public const byte Version = 1;

        /// <summary>Every field at its longest, with room to spare.</summary>
        public const int MaxLength = 10240;

        private const int HeaderLength = 11;
        private const int CrcLength = RecordFrame.CrcLength;
        private const int EntryHeader = 3;
        private static readonly byte[] Magic = { (byte)'E', (byte)'L', (byte)'S', (byte)'R' };

        /// <summary>Writes the record and returns its length, or -1 when the buffer is too short.</summary>
        public static int Encode(DeviceSettings settings, uint sequence, byte[] buffer, int offset)
        {
            int pos = offset + HeaderLength;
            int limit = buffer.Length - CrcLength;
            for (int i = 0; i < SettingFields.All.Length; i++)
            {
                SettingField field = SettingFields.All[i];
                string text = settings.Get(field);
                int length = TextRule.Utf8Length(text);
                if (pos + EntryHeader + length > limit)
                {
                    return -1;
                }

                buffer[pos] = field.Tag;
                RecordFrame.WriteUInt16(buffer, pos + 1, length);
                Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, pos + EntryHeader);
                pos += EntryHeader + length;
            }

            RecordFrame.WriteUInt32(buffer, offset + 5, sequence);
            return RecordFrame.Close(buffer, offset, Magic, Version, HeaderLength, pos);
        }

        /// <summary>Reads a record; on Ok <paramref name="settings"/> holds it, otherwise it is null.</summary>
        public static RecordStatus Decode(byte[] buffer, int offset, int length, out DeviceSettings settings, out uint sequence)
        {
            settings = null;
            sequence = 0;
            RecordStatus status = RecordFrame.Check(buffer, offset, length, Magic, Version, HeaderLength);
            if (status != RecordStatus.Ok)
            {
                return status;
            }

            var decoded = new DeviceSettings();
            var seen = new bool[SettingFields.All.Length];
            int pos = offset + HeaderLength;
            int end = offset + length - CrcLength;
            while (pos < end)
            {
                if (pos + EntryHeader > end)
                {
                    return RecordStatus.Malformed;
                }

                int valueLength = RecordFrame.ReadUInt16(buffer, pos + 1);
                int valueStart = pos + EntryHeader;
                if (valueStart + valueLength > end)
                {
                    return RecordStatus.Malformed;
                }

                status = DecodeEntry(buffer, pos, valueStart, valueLength, decoded, seen);
                if (status != RecordStatus.Ok)
                {
                    return status;
                }

                pos = valueStart + valueLength;
            }

            settings = decoded;
            sequence = RecordFrame.ReadUInt32(buffer, offset + 5);
            return RecordStatus.Ok;
        }

        private static RecordStatus DecodeEntry(byte[] buffer, int pos, int valueStart, int valueLength, DeviceSettings into, bool[] seen)
        {
            SettingField field = SettingFields.FindTag(buffer[pos]);
            if (field == null)
            {
                return RecordStatus.Ok;
            }

            if (seen[field.Index])
            {
                return RecordStatus.Malformed;
            }

            seen[field.Index] = true;
            if (!RecordFrame.IsUtf8(buffer, valueStart, valueLength))
            {
                return RecordStatus.InvalidValue;
            }

            string text = Encoding.UTF8.GetString(buffer, valueStart, valueLength);
            return into.Set(field, text) == null ? RecordStatus.Ok : RecordStatus.InvalidValue;
        }
    }
}
