// Shared with the nanoFramework tests: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Vectors
{
    /// <summary>
    /// Schedules (docs/cloud.md, "Schedules"): the daylight-saving changes, cron fields, whole schedules and their last runs.
    /// The change instants come from the rules themselves (EU: last Sundays of March and October at 01:00 UTC, Directive
    /// 2000/84/EC; US: second Sunday of March and first of November at 02:00 local, 15 U.S.C. 260a), the Unix times and minute
    /// numbers were worked out with Python's calendar.timegm, the masks bit by bit from the fields.
    /// </summary>
    public static class ScheduleVectors
    {
        /// <summary>charge_mode (holding 108, 0..1) and export_limit (holding 142, 0..100 %) are writable; grid_power (10) is not.</summary>
        public const string Map = "{\"format\":\"energylogger-map/1\",\"name\":\"schedule\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],\"points\":["
            + "{\"name\":\"grid_power\",\"address\":10,\"type\":\"int16\",\"poll\":\"fast\",\"target\":\"grid.power\"},"
            + "{\"name\":\"charge_mode\",\"address\":108,\"writable\":true,\"writeMin\":0,\"writeMax\":1},"
            + "{\"name\":\"export_limit\",\"address\":142,\"writable\":true,\"writeMin\":0,\"writeMax\":100}]}";

        /// <summary>A zone's standard offset in minutes, its rule (0 none, 1 EU, 2 US), a UTC instant in Unix seconds, and the offset in force then in seconds.</summary>
        public static readonly int[] ZoneOffsetMinutes = { 60, 60, 60, 60, -300, -300, -300, -300, 60, 330 };

        public static readonly int[] ZoneRule = { 1, 1, 1, 1, 2, 2, 2, 2, 1, 0 };

        public static readonly long[] ZoneUtc =
        {
            1774745999, 1774746000, 1792889999, 1792890000, 1772953199, 1772953200, 1793512799, 1793512800, 1711846800, 1782907200,
        };

        public static readonly int[] ZoneOffsetSeconds = { 3600, 7200, 7200, 3600, -18000, -14400, -14400, -18000, 7200, 19800 };

        /// <summary>A cron field's kind (0 minute, 1 hour, 2 day of week), its text, and the mask of what it selects (0: refused).</summary>
        public static readonly int[] CronKind = { 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1, 2, 2 };

        public static readonly string[] CronText =
        {
            "*", "0", "*/15", "5-20/5", "0,30", "1-5", "*/6", "*", "mon-fri", "sat,sun", "7", "MON", "60", "", "30-10", "*/0", "24", "fri-mon", "8",
        };

        public static readonly long[] CronMask =
        {
            0x0FFFFFFFFFFFFFFF, 0x1, 0x0000200040008001, 0x0000000000108420, 0x0000000040000001, 0x3E, 0x41041, 0x7F, 0x3E, 0x41, 0x1, 0x2, 0, 0, 0, 0, 0, 0, 0,
        };

        /// <summary>A config's schedule against <see cref="Map"/>, and how the config parser answers: null when accepted, else the start of the reason.</summary>
        public static readonly string[] Schedule =
        {
            "{\"utcOffset\":\"+01:00\",\"dst\":\"eu\",\"entries\":["
                + "{\"name\":\"weekday-charge\",\"at\":\"05:00\",\"days\":\"mon-fri\",\"regs_write\":{\"unit\":1,\"addr\":108,\"values\":[1]}},"
                + "{\"name\":\"quarterly\",\"cron\":\"*/15 * *\",\"regs_write\":{\"unit\":1,\"addr\":142,\"values\":[50]}},"
                + "{\"name\":\"saturday-noon\",\"cron\":\"0 12 sat\",\"regs_write\":{\"unit\":1,\"addr\":142,\"values\":[100],\"fc\":16}}]}",
            "{\"entries\":[{\"name\":\"a\",\"at\":\"01:00\",\"regs_write\":{\"unit\":1,\"addr\":10,\"values\":[1]}}]}",
            "{\"entries\":[{\"name\":\"a\",\"at\":\"01:00\",\"regs_write\":{\"unit\":1,\"addr\":142,\"values\":[101]}}]}",
            "{\"utcOffset\":\"+14:30\",\"entries\":[{\"name\":\"a\",\"at\":\"01:00\",\"regs_write\":{\"unit\":1,\"addr\":108,\"values\":[1]}}]}",
            "{\"entries\":[{\"name\":\"a\",\"cron\":\"0 1 fri-mon\",\"regs_write\":{\"unit\":1,\"addr\":108,\"values\":[1]}}]}",
        };

        public static readonly string[] ScheduleReason =
        {
            null,
            "config.schedule.entries[0].regs_write: registers 10..10 of unit 1 are not a writable point of the map",
            "config.schedule.entries[0].regs_write: export_limit: value outside 0..100",
            "config.schedule.utcOffset:",
            "config.schedule.entries[0].cron: day-of-week 'fri-mon': a range must go upwards",
        };

        /// <summary>
        /// Entries of <c>Schedule[0]</c>, a local minute (since 1970-01-01 00:00 local), and the latest minute at or before it in
        /// which the entry runs. 29579220 is Sunday 2026-03-29 03:00.
        /// </summary>
        public static readonly int[] LastRunEntry = { 0, 1, 2, 0 };

        public static readonly long[] LastRunAt = { 29579220, 29579227, 29579220, 29576460 };

        /// <summary>Friday 2026-03-27 05:00; Sunday 03:00; Saturday 2026-03-28 12:00; the Friday itself.</summary>
        public static readonly long[] LastRunExpected = { 29576460, 29579220, 29578320, 29576460 };
    }
}
