using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Scan;

/// <summary>One way a serial line can be set: baud rate and parity (8 data bits; 1 stop bit, 2 without parity is read alike).</summary>
internal sealed record LineSetting(int Baud, Parity Parity)
{
    public override string ToString() => Baud == 0 ? "TCP" : $"{Baud} 8{ParityLetter}1";

    public char ParityLetter => Parity switch { Parity.Even => 'E', Parity.Odd => 'O', _ => 'N' };
}

/// <summary>
/// What a scan tries, in order: each line setting (the common baud rates first, 8N1 before 8E1 and 8O1), and at each
/// every slave id. The estimate assumes the worst, a silent bus: every probe waits its full timeout.
/// </summary>
internal sealed record ScanPlan(IReadOnlyList<LineSetting> Settings, IReadOnlyList<byte> Ids, int TimeoutMs)
{
    /// <summary>The order installers meet them: 9600 is the default of most hybrid inverters, 115200 the rarest.</summary>
    public static readonly int[] DefaultBauds = [9600, 19200, 38400, 4800, 115200];

    public static readonly Parity[] DefaultParities = [Parity.None, Parity.Even, Parity.Odd];

    public int Probes => Settings.Count * Ids.Count;

    /// <summary>A probe's request and reply (8 + 7 characters) on the wire plus the wait for a silent slave.</summary>
    public TimeSpan ProbeTime(LineSetting setting) =>
        TimeSpan.FromMilliseconds(TimeoutMs + (setting.Baud == 0 ? 0 : 15 * 11 * 1000.0 / setting.Baud));

    public TimeSpan WorstCase => TimeSpan.FromTicks(Settings.Sum(s => ProbeTime(s).Ticks * Ids.Count));

    public static IReadOnlyList<LineSetting> Combine(IEnumerable<int> bauds, IEnumerable<Parity> parities) =>
        parities.SelectMany(p => bauds.Select(b => new LineSetting(b, p))).ToList();
}
