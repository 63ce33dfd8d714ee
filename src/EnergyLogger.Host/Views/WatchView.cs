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

    private bool Take(CancellationToken stop)
    {
        IReadOnlyList<SampleRecord> samples = source.Next(stop);
        foreach (SampleRecord sample in samples)
        {
            Day.Add(sample);
        }

        return samples.Count > 0;
    }
}
