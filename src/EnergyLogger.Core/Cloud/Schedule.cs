using EnergyLogger.Core.Registers;
namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The <c>schedule</c> of a cloud config (docs/cloud.md, "Schedules"), validated against that config's map: entries that
    /// write a writable point at set local times, run on the logger from its own clock, with or without the cloud.
    /// </summary>
    public sealed class Schedule
    {
        public const int MaxEntries = 32;

        public Schedule(LocalZone zone, ScheduleEntry[] entries, uint fingerprint)
        {
            Zone = zone;
            Entries = entries;
            Fingerprint = fingerprint;
        }

        public LocalZone Zone { get; }

        public ScheduleEntry[] Entries { get; }

        /// <summary>The CRC-32 of the schedule's text: a config that brings the same schedule again does not start it over.</summary>
        public uint Fingerprint { get; }
    }

    /// <summary>One entry: when it runs (minute, hour and day-of-week sets, as cron has them) and the <c>regs_write</c> it makes.</summary>
    public sealed class ScheduleEntry
    {
        public ScheduleEntry(int index, string name, long minutes, int hours, int days, byte[] action, int unit, int address)
        {
            Index = index;
            Name = name;
            Minutes = minutes;
            Hours = hours;
            Days = days;
            Action = action;
            Unit = unit;
            Address = address;
        }

        /// <summary>The entry's place in the list (0..31).</summary>
        public int Index { get; }

        public string Name { get; }

        /// <summary>Bit m set: runs in minute m (0..59).</summary>
        public long Minutes { get; }

        /// <summary>Bit h set: runs in hour h (0..23).</summary>
        public int Hours { get; }

        /// <summary>Bit d set: runs on day d of the week, 0 Sunday to 6 Saturday.</summary>
        public int Days { get; }

        /// <summary>The <c>regs_write</c> payload as the config gave it (JSON text).</summary>
        public byte[] Action { get; }

        /// <summary>The unit and first register the action writes: entries that write the same registers set the same state.</summary>
        public int Unit { get; }

        public int Address { get; }

        /// <summary>Whether the entry runs in local minute <paramref name="minute"/> (counted from 1970-01-01 00:00 local).</summary>
        public bool RunsAt(long minute)
        {
            long day = minute / CivilTime.MinutesPerDay;
            int inDay = (int)(minute % CivilTime.MinutesPerDay);
            return ((Days >> CivilTime.DayOfWeek(day)) & 1) != 0 && ((Hours >> (inDay / 60)) & 1) != 0 && ((Minutes >> (inDay % 60)) & 1L) != 0;
        }

        /// <summary>
        /// The latest local minute at or before <paramref name="minute"/>, within a week, in which the entry runs; -1 when none
        /// (a week holds every day-of-week rule, so an entry that runs at all has run within one).
        /// </summary>
        public long LastRunAtOrBefore(long minute)
        {
            long today = minute / CivilTime.MinutesPerDay;
            for (int back = 0; back <= 7; back++)
            {
                long day = today - back;
                if (day < 0 || ((Days >> CivilTime.DayOfWeek(day)) & 1) == 0)
                {
                    continue;
                }

                int limit = back == 0 ? (int)(minute % CivilTime.MinutesPerDay) : CivilTime.MinutesPerDay - 1;
                for (int hour = limit / 60; hour >= 0; hour--)
                {
                    if (((Hours >> hour) & 1) == 0)
                    {
                        continue;
                    }

                    for (int m = hour == limit / 60 ? limit % 60 : 59; m >= 0; m--)
                    {
                        if (((Minutes >> m) & 1L) != 0)
                        {
                            return (day * CivilTime.MinutesPerDay) + (hour * 60) + m;
                        }
                    }
                }
            }

            return -1;
        }
    }
}
