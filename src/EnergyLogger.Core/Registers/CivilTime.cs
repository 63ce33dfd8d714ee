namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian, from 1970 on), for schedules: the device has no
    /// time-zone database, and <c>DateTime</c> differs between nanoFramework and .NET, so the few facts a schedule needs are
    /// counted here in integers.
    /// </summary>
    public static class CivilTime
    {
        public const long SecondsPerDay = 86400;
        public const int MinutesPerDay = 1440;

        public static bool IsLeap(int year)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        public static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                return IsLeap(year) ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        /// <summary>Days from 1970-01-01 to the date (month 1..12, day 1..31).</summary>
        public static long Days(int year, int month, int day)
        {
            long days = 0;
            for (int y = 1970; y < year; y++)
            {
                days += IsLeap(y) ? 366 : 365;
            }

            for (int m = 1; m < month; m++)
            {
                days += DaysInMonth(year, m);
            }

            return days + day - 1;
        }

        /// <summary>The date <paramref name="days"/> after 1970-01-01 (not before it).</summary>
        public static void Date(long days, out int year, out int month, out int day)
        {
            year = 1970;
            while (days >= (IsLeap(year) ? 366 : 365))
            {
                days -= IsLeap(year) ? 366 : 365;
                year++;
            }

            month = 1;
            while (days >= DaysInMonth(year, month))
            {
                days -= DaysInMonth(year, month);
                month++;
            }

            day = (int)days + 1;
        }

        /// <summary>0 for Sunday to 6 for Saturday, as cron counts; 1970-01-01 was a Thursday.</summary>
        public static int DayOfWeek(long days)
        {
            return (int)((days + 4) % 7);
        }

        /// <summary>The day of the month of the <paramref name="n"/>th Sunday (1 the first), or of the last when <paramref name="n"/> is 0.</summary>
        public static int Sunday(int year, int month, int n)
        {
            if (n == 0)
            {
                int last = DaysInMonth(year, month);
                return last - DayOfWeek(Days(year, month, last));
            }

            int first = DayOfWeek(Days(year, month, 1));
            return 1 + ((7 - first) % 7) + (7 * (n - 1));
        }

        /// <summary><c>2026-03-29T03:00</c> for a minute counted from 1970-01-01 00:00 of the same clock.</summary>
        public static string MinuteText(long minute)
        {
            int year, month, day;
            Date(minute / MinutesPerDay, out year, out month, out day);
            int inDay = (int)(minute % MinutesPerDay);
            return year.ToString() + "-" + Two(month) + "-" + Two(day) + "T" + Two(inDay / 60) + ":" + Two(inDay % 60);
        }

        private static string Two(int n)
        {
            return n < 10 ? "0" + n.ToString() : n.ToString();
        }
    }
}
