using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// One sample document (docs/telemetry-schema.md) as one line of InfluxDB line protocol, a pure formatter:
    /// <code>energylogger,device=MAC pv.power=3100,grid.l1.voltage=230.4,device.state_text="normal",seq=42i 1767225600000</code>
    /// Every value of the document becomes a field named by its dotted path (numbers as floats, the sequence number as an
    /// integer, true/false as booleans, texts as strings); the envelope (<c>v</c>, <c>ts</c>, <c>mono</c>, <c>synced</c>)
    /// is left out, and so is the quality list <c>q</c>: a value whose quality is not good is not in the document, so it is
    /// not written, never as NaN or zero. The time stamp is the sample's wall time in ms (write with precision=ms); a sample
    /// taken before the clock was set has none and is skipped. A field, tag or measurement is escaped as the line protocol
    /// says (docs.influxdata.com, "Line protocol", special characters).
    /// </summary>
    public static class LineProtocol
    {
        public const string Measurement = "energylogger";

        /// <summary>
        /// Writes the line (with its newline) for the sample at <paramref name="sample"/> of <paramref name="doc"/>, parsed
        /// from <paramref name="text"/>; returns its length, 0 when the sample has no wall time, -1 when it does not fit.
        /// </summary>
        public static int Write(JsonDocument doc, int sample, byte[] text, string device, byte[] buffer, int offset)
        {
            int ts = doc.Member(sample, "ts");
            long unixMs;
            if (doc.Kind(sample) != JsonKind.Object || ts < 0 || !doc.TryGetInt64(ts, out unixMs))
            {
                return 0;
            }

            int pos = PutText(Measurement, Escape.Measurement, buffer, offset);
            pos = PutText(",device=", Escape.None, buffer, pos);
            pos = PutText(device, Escape.Key, buffer, pos);
            pos = Put((byte)' ', buffer, pos);
            int fieldsStart = pos;
            pos = PutFields(doc, sample, text, null, buffer, pos, fieldsStart);
            if (pos < 0)
            {
                return -1;
            }

            if (pos == fieldsStart)
            {
                return 0;
            }

            pos = Put((byte)' ', buffer, pos);
            pos = PutInteger(unixMs, buffer, pos);
            pos = Put((byte)'\n', buffer, pos);
            return pos < 0 ? -1 : pos - offset;
        }

        private enum Escape
        {
            None,
            Measurement,
            Key,
            Quoted,
        }

        private static bool Envelope(JsonDocument doc, int key, string prefix)
        {
            return prefix == null && (doc.StringEquals(key, "v") || doc.StringEquals(key, "ts") || doc.StringEquals(key, "mono")
                || doc.StringEquals(key, "synced") || doc.StringEquals(key, "q"));
        }

        /// <summary>The members of <paramref name="obj"/>, nested objects flattened into dotted names.</summary>
        private static int PutFields(JsonDocument doc, int obj, byte[] text, string prefix, byte[] buffer, int pos, int first)
        {
            for (int key = doc.FirstChild(obj); key != -1 && pos >= 0; key = doc.NextSibling(obj, key + 1))
            {
                if (Envelope(doc, key, prefix))
                {
                    continue;
                }

                int value = key + 1;
                string name = prefix == null ? doc.GetString(key) : prefix + "." + doc.GetString(key);
                JsonKind kind = doc.Kind(value);
                if (kind == JsonKind.Object)
                {
                    pos = PutFields(doc, value, text, name, buffer, pos, first);
                    continue;
                }

                if (kind == JsonKind.Array || kind == JsonKind.Null)
                {
                    continue;
                }

                pos = PutField(doc, value, kind, text, name, buffer, pos, first);
            }

            return pos;
        }

        private static int PutField(JsonDocument doc, int value, JsonKind kind, byte[] text, string name, byte[] buffer, int pos, int first)
        {
            if (pos < 0)
            {
                return pos;
            }

            if (pos != first)
            {
                pos = Put((byte)',', buffer, pos);
            }

            pos = PutText(name, Escape.Key, buffer, pos);
            pos = Put((byte)'=', buffer, pos);
            if (kind == JsonKind.String)
            {
                pos = Put((byte)'"', buffer, pos);
                pos = PutText(doc.GetString(value), Escape.Quoted, buffer, pos);
                return Put((byte)'"', buffer, pos);
            }

            if (kind != JsonKind.Number)
            {
                return PutText(kind == JsonKind.True ? "true" : "false", Escape.None, buffer, pos);
            }

            long integer;
            if (name == "seq" || name == "seq_last")
            {
                // The key a consumer drops duplicates by: an integer field, so it is compared exactly.
                return doc.TryGetInt64(value, out integer) ? Put((byte)'i', buffer, PutInteger(integer, buffer, pos)) : PutNumber(text, doc.Position(value), buffer, pos);
            }

            return PutNumber(text, doc.Position(value), buffer, pos);
        }

        /// <summary>A JSON number's own text: JSON has no NaN or infinity, and its syntax is the line protocol's float syntax.</summary>
        private static int PutNumber(byte[] text, int start, byte[] buffer, int pos)
        {
            for (int i = start; i < text.Length && pos >= 0; i++)
            {
                byte c = text[i];
                bool part = (c >= (byte)'0' && c <= (byte)'9') || c == (byte)'-' || c == (byte)'+' || c == (byte)'.' || c == (byte)'e' || c == (byte)'E';
                if (!part)
                {
                    break;
                }

                pos = Put(c, buffer, pos);
            }

            return pos;
        }

        private static int PutInteger(long value, byte[] buffer, int pos)
        {
            if (pos < 0 || buffer.Length - pos < 20)
            {
                return -1;
            }

            return pos + JsonNumberFormat.WriteInteger(value, buffer, pos);
        }

        private static int PutText(string value, Escape escape, byte[] buffer, int pos)
        {
            for (int i = 0; i < value.Length && pos >= 0; i++)
            {
                char c = value[i];
                if (NeedsBackslash(c, escape))
                {
                    pos = Put((byte)'\\', buffer, pos);
                }

                pos = PutChar(c, buffer, pos);
            }

            return pos;
        }

        private static bool NeedsBackslash(char c, Escape escape)
        {
            switch (escape)
            {
                case Escape.Measurement: return c == ',' || c == ' ';
                case Escape.Key: return c == ',' || c == '=' || c == ' ';
                case Escape.Quoted: return c == '"' || c == '\\';
                default: return false;
            }
        }

        /// <summary>UTF-8 of one character; a newline in a text would end the line, so it goes as a space.</summary>
        private static int PutChar(char c, byte[] buffer, int pos)
        {
            if (c == '\n' || c == '\r')
            {
                return Put((byte)' ', buffer, pos);
            }

            if (c < 0x80)
            {
                return Put((byte)c, buffer, pos);
            }

            if (c < 0x800)
            {
                pos = Put((byte)(0xC0 | (c >> 6)), buffer, pos);
                return Put((byte)(0x80 | (c & 0x3F)), buffer, pos);
            }

            pos = Put((byte)(0xE0 | (c >> 12)), buffer, pos);
            pos = Put((byte)(0x80 | ((c >> 6) & 0x3F)), buffer, pos);
            return Put((byte)(0x80 | (c & 0x3F)), buffer, pos);
        }

        private static int Put(byte value, byte[] buffer, int pos)
        {
            if (pos < 0 || pos >= buffer.Length)
            {
                return -1;
            }

            buffer[pos] = value;
            return pos + 1;
        }
    }
}
