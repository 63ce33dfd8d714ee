using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>Reading command payload members with their limits; each failure names the member, for the reason phrase.</summary>
    public static class CommandArgs
    {
        /// <summary>An integer member within [min, max]; <paramref name="fallback"/> when absent and not required.</summary>
        public static bool Integer(JsonDocument doc, int obj, string name, int min, int max, bool required, int fallback, out int value, out string reason)
        {
            value = fallback;
            reason = null;
            int token = obj < 0 ? -1 : doc.Member(obj, name);
            if (token < 0)
            {
                if (required)
                {
                    reason = name + ": required";
                }

                return !required;
            }

            long n;
            if (!doc.TryGetInt64(token, out n) || n < min || n > max)
            {
                reason = name + ": an integer from " + min.ToString() + " to " + max.ToString();
                return false;
            }

            value = (int)n;
            return true;
        }

        /// <summary>A non-empty array of register values 0..65535, at most <paramref name="max"/>.</summary>
        public static ushort[] Registers(JsonDocument doc, int obj, string name, int max, out string reason)
        {
            reason = null;
            int token = obj < 0 ? -1 : doc.Member(obj, name);
            if (token < 0 || doc.Kind(token) != JsonKind.Array)
            {
                reason = name + ": required, an array of register values";
                return null;
            }

            int count = doc.Length(token);
            if (count < 1 || count > max)
            {
                reason = name + ": 1 to " + max.ToString() + " values";
                return null;
            }

            var values = new ushort[count];
            int i = 0;
            for (int e = doc.FirstChild(token); e != -1; e = doc.NextSibling(token, e))
            {
                long v;
                if (!doc.TryGetInt64(e, out v) || v < 0 || v > 65535)
                {
                    reason = name + "[" + i.ToString() + "]: an integer from 0 to 65535";
                    return null;
                }

                values[i++] = (ushort)v;
            }

            return values;
        }

        public static bool Flag(JsonDocument doc, int obj, string name, bool fallback)
        {
            int token = obj < 0 ? -1 : doc.Member(obj, name);
            if (token < 0)
            {
                return fallback;
            }

            return doc.Kind(token) == JsonKind.True;
        }
    }
}
