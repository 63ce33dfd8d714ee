using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Validates the <c>schedule</c> of a cloud config in full before any of it is used (RELIABILITY C6; docs/cloud.md,
    /// "Schedules"): <c>{"utcOffset":"+01:00","dst":"eu","entries":[{"name":..,"at":"01:00","days":"mon-fri","regs_write":{..}}]}</c>,
    /// an entry timed by <c>at</c> (with optional <c>days</c>) or by a three-field <c>cron</c> rule (minute, hour, day of week).
    /// Each action is a <c>regs_write</c> payload read as the command reads it and checked against the config's own map
    /// with the command's allowlist and limits (<see cref="WriteGuard"/>), so a schedule that could not write is refused with
    /// the config. The first problem is the reason, with its path.
    /// </summary>
    public static class ScheduleParser
    {
        public const int MaxNameLength = 32;

        private static readonly string[] Members = { "utcOffset", "dst", "entries" };
        private static readonly string[] EntryMembers = { "name", "at", "days", "cron", "regs_write" };

        /// <summary>
        /// The schedule at <paramref name="token"/> of <paramref name="doc"/> (parsed from <paramref name="text"/>, ending at <paramref name="end"/>),
        /// checked against <paramref name="map"/>; null with <paramref name="reason"/> when it does not pass.
        /// </summary>
        public static Schedule Parse(JsonDocument doc, int token, byte[] text, int end, RegisterMap map, out string reason)
        {
            const string path = "config.schedule";
            if (doc.Kind(token) != JsonKind.Object)
            {
                reason = path + ": expected an object";
                return null;
            }

            string unknown = JsonMembers.Unknown(doc, token, Members);
            if (unknown != null)
            {
                reason = path + "." + unknown + ": unknown member";
                return null;
            }

            int offset;
            DaylightRule rule;
            if (!ReadOffset(doc, doc.Member(token, "utcOffset"), out offset, out reason) || !ReadRule(doc, doc.Member(token, "dst"), out rule, out reason))
            {
                reason = path + "." + reason;
                return null;
            }

            int list = doc.Member(token, "entries");
            int count = list < 0 || doc.Kind(list) != JsonKind.Array ? -1 : doc.Length(list);
            if (count < 1 || count > Schedule.MaxEntries)
            {
                reason = path + ".entries: required, an array of 1 to " + Schedule.MaxEntries.ToString() + " entries";
                return null;
            }

            var entries = new ScheduleEntry[count];
            int i = 0;
            for (int e = doc.FirstChild(list); e != -1; e = doc.NextSibling(list, e))
            {
                entries[i] = Entry(doc, e, i, text, end, map, entries, out reason);
                if (entries[i] == null)
                {
                    reason = path + ".entries[" + i.ToString() + "]" + reason;
                    return null;
                }

                i++;
            }

            int start = doc.Position(token);
            uint fingerprint = Crc32.Compute(text, start, JsonExtent.End(text, start, end) - start);
            return new Schedule(new LocalZone(offset, rule), entries, fingerprint);
        }

        /// <summary>One entry; the reason starts with the member at fault (".at: ...").</summary>
        private static ScheduleEntry Entry(JsonDocument doc, int entry, int index, byte[] text, int end, RegisterMap map, ScheduleEntry[] before, out string reason)
        {
            reason = null;
            if (doc.Kind(entry) != JsonKind.Object)
            {
                reason = ": expected an object";
                return null;
            }

            string unknown = JsonMembers.Unknown(doc, entry, EntryMembers);
            if (unknown != null)
            {
                reason = "." + unknown + ": unknown member";
                return null;
            }

            string name = Name(doc, doc.Member(entry, "name"), before, index, out reason);
            if (name == null)
            {
                return null;
            }

            long minutes, hours, days;
            if (!Timing(doc, entry, out minutes, out hours, out days, out reason))
            {
                return null;
            }

            int action = doc.Member(entry, "regs_write");
            if (action < 0 || doc.Kind(action) != JsonKind.Object)
            {
                reason = ".regs_write: required, a regs_write payload ({\"unit\":..,\"addr\":..,\"values\":[..]})";
                return null;
            }

            RegsWriteRequest request = RegsWriteRequest.Read(doc, action, out reason);
            if (request == null)
            {
                reason = ".regs_write." + reason;
                return null;
            }

            if (WriteGuard.Check(map, request, out reason) != 0)
            {
                reason = ".regs_write: " + reason;
                return null;
            }

            int start = doc.Position(action);
            var bytes = new byte[JsonExtent.End(text, start, end) - start];
            System.Array.Copy(text, start, bytes, 0, bytes.Length);
            return new ScheduleEntry(index, name, minutes, (int)hours, (int)days, bytes, request.Unit, request.Address);
        }

        private static string Name(JsonDocument doc, int token, ScheduleEntry[] before, int count, out string reason)
        {
            reason = null;
            string name = token >= 0 && doc.Kind(token) == JsonKind.String ? doc.GetString(token) : null;
            if (name == null || name.Length == 0 || name.Length > MaxNameLength || !Printable(name))
            {
                reason = ".name: required, 1 to " + MaxNameLength.ToString() + " printable ASCII characters";
                return null;
            }

            for (int i = 0; i < count; i++)
            {
                if (before[i].Name == name)
                {
                    reason = ".name: '" + name + "' names entry " + i.ToString() + " already";
                    return null;
                }
            }

            return name;
        }

        /// <summary><c>at</c> "HH:MM" with optional <c>days</c>, or <c>cron</c> "minute hour day-of-week"; exactly one of the two.</summary>
        private static bool Timing(JsonDocument doc, int entry, out long minutes, out long hours, out long days, out string reason)
        {
            minutes = hours = days = 0;
            reason = null;
            int at = doc.Member(entry, "at");
            int cron = doc.Member(entry, "cron");
            int dayList = doc.Member(entry, "days");
            if ((at < 0) == (cron < 0) || (cron >= 0 && dayList >= 0))
            {
                reason = ": either \"at\" (with \"days\" if not every day) or \"cron\"";
                return false;
            }

            if (at >= 0)
            {
                int hour, minute;
                if (doc.Kind(at) != JsonKind.String || !Clock(doc.GetString(at), out hour, out minute))
                {
                    reason = ".at: a time of day as HH:MM, 00:00 to 23:59";
                    return false;
                }

                minutes = 1L << minute;
                hours = 1L << hour;
                days = dayList < 0 ? 0x7F : DayField(doc, dayList, out reason);
                if (days == 0)
                {
                    reason = ".days: " + reason;
                    return false;
                }

                reason = null;
                return true;
            }

            string[] fields = doc.Kind(cron) == JsonKind.String ? Split(doc.GetString(cron)) : null;
            if (fields == null || fields.Length != 3)
            {
                reason = ".cron: three fields, \"minute hour day-of-week\" (\"0 1 *\", \"30 22 mon-fri\")";
                return false;
            }

            string[] names = { "minute", "hour", "day-of-week" };
            long[] masks = new long[3];
            for (int f = 0; f < 3; f++)
            {
                masks[f] = f == 0 ? CronField.Minutes(fields[f], out reason) : f == 1 ? CronField.Hours(fields[f], out reason) : CronField.Days(fields[f], out reason);
                if (masks[f] == 0)
                {
                    reason = ".cron: " + names[f] + " " + reason;
                    return false;
                }
            }

            minutes = masks[0];
            hours = masks[1];
            days = masks[2];
            reason = null;
            return true;
        }

        private static long DayField(JsonDocument doc, int token, out string reason)
        {
            if (doc.Kind(token) != JsonKind.String)
            {
                reason = "a day-of-week field as cron writes it (\"mon-fri\", \"0,6\", \"*\")";
                return 0;
            }

            return CronField.Days(doc.GetString(token), out reason);
        }

        /// <summary>"HH:MM" within a day.</summary>
        private static bool Clock(string t, out int hour, out int minute)
        {
            hour = minute = -1;
            if (t.Length != 5 || t[2] != ':' || !Digit(t[0]) || !Digit(t[1]) || !Digit(t[3]) || !Digit(t[4]))
            {
                return false;
            }

            hour = ((t[0] - '0') * 10) + (t[1] - '0');
            minute = ((t[3] - '0') * 10) + (t[4] - '0');
            return hour < 24 && minute < 60;
        }

        private static bool ReadOffset(JsonDocument doc, int token, out int minutes, out string reason)
        {
            minutes = 0;
            reason = null;
            if (token < 0)
            {
                return true;
            }

            string t = doc.Kind(token) == JsonKind.String ? doc.GetString(token) : "";
            if (!LocalZone.TryParseOffset(t, out minutes))
            {
                reason = "utcOffset: \"+HH:MM\" or \"-HH:MM\", from -12:00 to +14:00";
                return false;
            }

            return true;
        }

        private static bool ReadRule(JsonDocument doc, int token, out DaylightRule rule, out string reason)
        {
            rule = DaylightRule.None;
            reason = null;
            if (token < 0)
            {
                return true;
            }

            for (int i = 0; doc.Kind(token) == JsonKind.String && i < LocalZone.RuleNames.Length; i++)
            {
                if (doc.StringEquals(token, LocalZone.RuleNames[i]))
                {
                    rule = (DaylightRule)i;
                    return true;
                }
            }

            reason = "dst: \"none\", \"eu\" or \"us\"";
            return false;
        }

        private static string[] Split(string text)
        {
            var parts = new System.Collections.ArrayList();
            int start = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                bool space = i == text.Length || text[i] == ' ';
                if (!space && start < 0)
                {
                    start = i;
                }
                else if (space && start >= 0)
                {
                    parts.Add(text.Substring(start, i - start));
                    start = -1;
                }
            }

            var fields = new string[parts.Count];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = (string)parts[i];
            }

            return fields;
        }

        private static bool Digit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static bool Printable(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < 0x20 || text[i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
