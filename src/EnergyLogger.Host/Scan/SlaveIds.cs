using System.Globalization;

namespace EnergyLogger.Host.Scan;

/// <summary>
/// A list of slave ids as installers write them: <c>1-247</c>, <c>2,4-7</c> (as the Kaco logger of seed 001
/// takes them), in the order given, each once. Results, not exceptions: a wrong list is an error text.
/// </summary>
internal static class SlaveIds
{
    public const int Max = 247;

    public static byte[]? Parse(string text, out string? error, int max = Max)
    {
        var ids = new List<byte>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] range = part.Split('-', 2, StringSplitOptions.TrimEntries);
            if (!TryId(range[0], max, out int first) || (range.Length == 2 && !TryId(range[1], max, out _)))
            {
                error = $"'{part}' is not a slave id from 1 to {max} or a range like 4-7";
                return null;
            }

            int last = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
            if (last < first)
            {
                error = $"the range '{part}' runs backwards";
                return null;
            }

            for (int id = first; id <= last; id++)
            {
                if (!ids.Contains((byte)id))
                {
                    ids.Add((byte)id);
                }
            }
        }

        error = null;
        return ids.ToArray();
    }

    private static bool TryId(string text, int max, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id >= 1 && id <= max;
}
