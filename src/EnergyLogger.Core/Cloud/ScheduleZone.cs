namespace EnergyLogger.Core.Cloud
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
    /// A schedule's time zone, kept small for the device: a fixed offset from UTC and, optionally, the EU or US
    /// daylight-saving rule on top (docs/cloud.md, "Schedules"). Local time is counted in minutes since 1970-01-01 00:00 of
    /// the local clock, so a spring change skips an hour of local minutes and an autumn change repeats one.
    /// </summary>
    public sealed class ScheduleZone
    {
        public ScheduleZone(int offsetMinutes, DaylightRule rule)
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
