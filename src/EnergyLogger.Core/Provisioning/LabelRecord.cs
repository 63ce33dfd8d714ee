using System.Text;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The stored form of the label, a pure codec in the settings record's style:
    /// <code>
    /// "ELLB" | version u8 = 1 | entries length u16 | entries | CRC-32 u32
    /// entry  = tag u8 (1 ap.key, 2 ap.pop) | length u16 | text in ASCII
    /// </code>
    /// Integers are big-endian; the CRC covers everything before it. A reader skips tags it does not know and checks
    /// every value with its field's rule. Its own magic keeps a label file deployed under the settings' name (or the
    /// other way round) from being taken for the other.
    /// </summary>
    public static class LabelRecord
    {
        public const byte Version = 1;

        /// <summary>Both values at their longest, with room for fields a later version adds.</summary>
        public const int MaxLength = 512;

        private const int HeaderLength = 7;
        private const int CrcLength = RecordFrame.CrcLength;
        private const int EntryHeader = 3;
        private static readonly byte[] Magic = { (byte)'E', (byte)'L', (byte)'L', (byte)'B' };

        /// <summary>Writes the record and returns its length, or -1 when the buffer is too short. Fields not set are left out.</summary>
        public static int Encode(DeviceLabel label, byte[] buffer, int offset)
        {
            int pos = offset + HeaderLength;
            for (int i = 0; i < SettingFields.Label.Length; i++)
            {
                SettingField field = SettingFields.Label[i];
                string text = label.Get(field);
                if (text.Length == 0)
                {
                    continue;
                }

                if (pos + EntryHeader + text.Length + CrcLength > buffer.Length)
                {
                    return -1;
                }

                buffer[pos] = field.Tag;
                RecordFrame.WriteUInt16(buffer, pos + 1, text.Length);
                Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, pos + EntryHeader);
                pos += EntryHeader + text.Length;
            }

            if (pos + CrcLength > buffer.Length)
            {
                return -1;
            }

            return RecordFrame.Close(buffer, offset, Magic, Version, HeaderLength, pos);
        }

        /// <summary>Reads a record; on Ok <paramref name="label"/> holds it, otherwise it is null.</summary>
        public static RecordStatus Decode(byte[] buffer, int offset, int length, out DeviceLabel label)
        {
            label = null;
            RecordStatus status = RecordFrame.Check(buffer, offset, length, Magic, Version, HeaderLength);
            if (status != RecordStatus.Ok)
            {
                return status;
            }

            var decoded = new DeviceLabel();
            var seen = new bool[SettingFields.Label.Length];
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

                SettingField field = SettingFields.FindLabelTag(buffer[pos]);
                if (field != null)
                {
                    if (seen[field.Index])
                    {
                        return RecordStatus.Malformed;
                    }

                    seen[field.Index] = true;
                    if (!RecordFrame.IsUtf8(buffer, valueStart, valueLength)
                        || decoded.Set(field, Encoding.UTF8.GetString(buffer, valueStart, valueLength)) != null)
                    {
                        return RecordStatus.InvalidValue;
                    }
                }

                pos = valueStart + valueLength;
            }

            label = decoded;
            return RecordStatus.Ok;
        }
    }
}
