using EnergyLogger.Host.Samples;
using Spectre.Console;

namespace EnergyLogger.Host.Views;

/// <summary>
/// Runs the homeowner's view over a source until it ends or is stopped: in a terminal a live screen redrawn in
/// place (<see cref="WatchScreen.Render"/>), anywhere else one plain line per sample (<see cref="WatchScreen.PlainLine"/>).
/// </summary>
internal sealed class WatchView(ISampleSource source, TimeZoneInfo zone, Func<DateTimeOffset> now)
{
    public DaySoFar Day { get; } = new(zone);

    public void RunLive(IAnsiConsole console, CancellationToken stop)
    {
        console.Live(WatchScreen.Render(source.Title, Day, now())).AutoClear(false).Start(context =>
        {
            while (Take(stop))
            {
                context.UpdateTarget(WatchScreen.Render(source.Title, Day, now()));
                context.Refresh();
            }
        });
    }

    public void RunPlain(TextWriter output, CancellationToken stop)
    {
        while (Take(stop))
        {
            output.WriteLine(WatchScreen.PlainLine(Day, now()));
            output.Flush();
        }
    }

    /// <summary>Waits for a sample not seen before (a broker delivers each on two topics); false when the source ended.</summary>
    private bool Take(CancellationToken stop)
    {
        while (true)
        {
            IReadOnlyList<SampleRecord> samples = source.Next(stop);
            if (samples.Count == 0)
            {
                return false;
            }

            bool added = false;
            foreach (SampleRecord sample in samples)
            {
                added |= Day.Add(sample);
            }

            if (added)
            {
                return true;
            }
        }
    }
}
