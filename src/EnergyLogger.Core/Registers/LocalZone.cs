namespace EnergyLogger.Core.Registers
{
    /// <summary>Which daylight-saving rule a schedule's zone follows.</summary>
    public enum DaylightRule
    {
        None,
        /// <summary>EU: one hour ahead from the last Sunday of March to the last Sunday of October, changing at 01:00 UTC (Directive 2000/84/EC, Articles 2 and 3).</summary>
        Eu,
        /// <summary>US: one hour ahead from the second Sunday of March to the first Sunday of November, changing at 02:00 local time (15 U.S.C. 260a).</summary>
        Us,
    }

    /// <summary>
    /// A local time zone, kept small for the device, which has no time-zone database: a fixed offset from UTC and,
    /// optionally, the EU or US daylight-saving rule on top. Schedules (docs/cloud.md, "Schedules") and a map's daily
    /// counters (docs/register-map.md, "Daily energy from a lifetime counter") use it. Local time is counted in minutes since
    /// 1970-01-01 00:00 of the local clock, so a spring change skips an hour of local minutes and an autumn change repeats one.
    /// </summary>
    public sealed class LocalZone
    {
        /// <summary>Standard time offsets in use on Earth run from UTC-12:00 to UTC+14:00.</summary>
        public const int MinOffsetMinutes = -12 * 60;
        public const int MaxOffsetMinutes = 14 * 60;

        /// <summary>The words for <see cref="DaylightRule"/>, in its order.</summary>
        public static readonly string[] RuleNames = { "none", "eu", "us" };

        /// <summary>UTC, no daylight saving.</summary>
        public static readonly LocalZone Utc = new LocalZone(0, DaylightRule.None);

        public LocalZone(int offsetMinutes, DaylightRule rule)
        {
            OffsetMinutes = offsetMinutes;
            Rule = rule;
        }

        /// <summary>Standard time's offset from UTC (+60 for central Europe, -300 for the US east coast).</summary>
        public int OffsetMinutes { get; }

        public DaylightRule Rule { get; }

        /// <summary>The local minute (since 1970-01-01 00:00 local) at <paramref name="utcSeconds"/> (since 1970-01-01 00:00 UTC).</summary>
        public long LocalMinute(long utcSeconds)
        {
            return (utcSeconds + OffsetSeconds(utcSeconds)) / 60;
        }

        /// <summary>The local day (since 1970-01-01 of the local calendar) at <paramref name="utcSeconds"/>.</summary>
        public long LocalDay(long utcSeconds)
        {
            return LocalMinute(utcSeconds) / CivilTime.MinutesPerDay;
        }

        /// <summary>"+HH:MM" or "-HH:MM" within <see cref="MinOffsetMinutes"/>..<see cref="MaxOffsetMinutes"/>, as minutes.</summary>
        public static bool TryParseOffset(string text, out int minutes)
        {
            minutes = 0;
            if (text == null || text.Length != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':')
            {
                return false;
            }

            int hour = 0, minute = 0;
            for (int i = 1; i < 6; i++)
            {
                char c = text[i];
                if (i == 3)
                {
                    continue;
                }

                if (c < '0' || c > '9')
                {
                    return false;
                }

                if (i < 3)
                {
                    hour = (hour * 10) + (c - '0');
                }
                else
                {
                    minute = (minute * 10) + (c - '0');
                }
            }

            minutes = (text[0] == '-' ? -1 : 1) * ((hour * 60) + minute);
            return minute < 60 && minutes >= MinOffsetMinutes && minutes <= MaxOffsetMinutes;
        }

        /// <summary>The offset from UTC in force at <paramref name="utcSeconds"/>, daylight saving included.</summary>
        public int OffsetSeconds(long utcSeconds)
        {
            int standard = OffsetMinutes * 60;
            return InDaylightTime(utcSeconds, standard) ? standard + 3600 : standard;
        }

        private bool InDaylightTime(long utcSeconds, int standard)
        {
            if (Rule == DaylightRule.Eu)
            {
                int year = YearOf(utcSeconds);
                long start = (CivilTime.Days(year, 3, CivilTime.Sunday(year, 3, 0)) * CivilTime.SecondsPerDay) + 3600;
                long end = (CivilTime.Days(year, 10, CivilTime.Sunday(year, 10, 0)) * CivilTime.SecondsPerDay) + 3600;
                return start <= utcSeconds && utcSeconds < end;
            }

            if (Rule == DaylightRule.Us)
            {
                // Both changes at 02:00 of the local clock then in force: 02:00 standard in March, 02:00 daylight (01:00 standard) in November.
                long local = utcSeconds + standard;
                int year = YearOf(local);
                long start = (CivilTime.Days(year, 3, CivilTime.Sunday(year, 3, 2)) * CivilTime.SecondsPerDay) + 7200;
                long end = (CivilTime.Days(year, 11, CivilTime.Sunday(year, 11, 1)) * CivilTime.SecondsPerDay) + 3600;
                return start <= local && local < end;
            }

            return false;
        }

        private static int YearOf(long seconds)
        {
            int year, month, day;
            CivilTime.Date(seconds / CivilTime.SecondsPerDay, out year, out month, out day);
            return year;
        }
    }
}
