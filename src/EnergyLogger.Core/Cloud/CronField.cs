namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// One field of a cron-like rule as a set of values in a bit mask: <c>*</c>, a value, a range <c>a-b</c>, a step
    /// <c>*/n</c> or <c>a-b/n</c>, and lists of these with commas, as cron's minute, hour and day-of-week fields have them
    /// (POSIX crontab, with Vixie cron's steps and names). Days of the week are 0 (Sunday) to 6, 7 being Sunday again, or
    /// their English three-letter names.
    /// </summary>
    public static class CronField
    {
        private static readonly string[] DayNames = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

        /// <summary>The mask of minutes (0..59), or 0 with the reason.</summary>
        public static long Minutes(string text, out string reason)
        {
            return Parse(text, 0, 59, false, out reason);
        }

        public static long Hours(string text, out string reason)
        {
            return Parse(text, 0, 23, false, out reason);
        }

        public static long Days(string text, out string reason)
        {
            long mask = Parse(text, 0, 7, true, out reason);

            // 7 is Sunday too.
            return (mask & 0x7F) | ((mask >> 7) & 1);
        }

        private static long Parse(string text, int min, int max, bool names, out string reason)
        {
            reason = null;
            long mask = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int comma = text.IndexOf(',', start);
                int end = comma < 0 ? text.Length : comma;
                long item = Item(text.Substring(start, end - start), min, max, names, out reason);
                if (item == 0)
                {
                    return 0;
                }

                mask |= item;
                start = end + 1;
            }

            return mask;
        }

        private static long Item(string item, int min, int max, bool names, out string reason)
        {
            reason = null;
            int step = 1;
            int slash = item.IndexOf('/');
            if (slash >= 0)
            {
                step = Value(item.Substring(slash + 1), 1, max - min + 1, false);
                if (step < 0)
                {
                    reason = "'" + item + "': the step must be from 1 to " + (max - min + 1).ToString();
                    return 0;
                }

                item = item.Substring(0, slash);
            }

            int low, high;
            if (item == "*")
            {
                low = min;
                high = max;
            }
            else
            {
                int dash = item.IndexOf('-');
                low = Value(dash < 0 ? item : item.Substring(0, dash), min, max, names);
                high = dash < 0 ? (slash >= 0 ? max : low) : Value(item.Substring(dash + 1), min, max, names);
                if (low < 0 || high < 0)
                {
                    reason = "'" + item + "': " + (names ? "a day 0 to 7 or sun to sat" : "a number from " + min.ToString() + " to " + max.ToString())
                        + ", a range a-b, * or a step /n";
                    return 0;
                }

                if (high < low)
                {
                    reason = "'" + item + "': a range must go upwards";
                    return 0;
                }
            }

            long mask = 0;
            for (int v = low; v <= high; v += step)
            {
                mask |= 1L << v;
            }

            return mask;
        }

        /// <summary>A whole number (or day name) within [min, max], or -1.</summary>
        private static int Value(string text, int min, int max, bool names)
        {
            if (names && text.Length == 3)
            {
                string lower = text.ToLower();
                for (int d = 0; d < DayNames.Length; d++)
                {
                    if (lower == DayNames[d])
                    {
                        return d;
                    }
                }
            }

            if (text.Length == 0 || text.Length > 2)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value < min || value > max ? -1 : value;
        }
    }
}
