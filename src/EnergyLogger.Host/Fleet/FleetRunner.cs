using System.Diagnostics;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Fleet;

/// <summary>What a fleet run showed, and whether the machine kept up.</summary>
internal sealed record FleetResult(int Count, int Online, long Polled, long Acknowledged, long Backlog, long LateP99Ms, long LateMaxMs, int ConnectionsLost, double ConnectSeconds, double CpuPercent, long PeakRssMb, string? Shortfall)
{
    public bool Sustained => Shortfall is null;
}

/// <summary>
/// Runs a fleet of <see cref="VirtualDongle"/>s on a few worker threads: connects them all, polls each on
/// its own schedule (staggered over the interval, as real dongles start at random times), serves their
/// links, prints a status line every few seconds, and at the end drains the backlog and disconnects.
/// </summary>
internal sealed class FleetRunner
{
    private readonly VirtualDongle[] _dongles;
    private readonly FleetOptions _options;
    private readonly IClock _clock;
    private readonly TextWriter _output;
    private readonly LatencyHistogram _lateness;
    private volatile bool _polling;
    private volatile bool _stopping;
    private long _peakRss;

    public FleetRunner(VirtualDongle[] dongles, FleetOptions options, IClock clock, TextWriter output)
    {
        _dongles = dongles;
        _options = options;
        _clock = clock;
        _output = output;
        _lateness = new LatencyHistogram(options.IntervalMs);
    }

    public FleetResult Run(CancellationToken stop)
    {
        Thread[] workers = Enumerable.Range(0, _options.Threads).Select(w => new Thread(() => Work(w)) { IsBackground = true, Name = $"fleet {w}" }).ToArray();
        Array.ForEach(workers, t => t.Start());
        try
        {
            double connectSeconds = Connect(stop);
            int online = Online();
            _output.WriteLine($"fleet: {online} of {_dongles.Length} connected in {connectSeconds:F1} s"
                + (online == 0 ? "" : $"; polling every {_options.IntervalMs} ms for {_options.Seconds} s"));
            if (online < _dongles.Length)
            {
                _output.WriteLine($"fleet: {NotConnected()}");
            }

            if (online == 0)
            {
                // Nothing to measure: the run would only wait out its schedule.
                return Result(connectSeconds, 0);
            }

            double cpu = Measure(stop);
            _polling = false;
            Drain(stop);
            return Result(connectSeconds, cpu);
        }
        finally
        {
            _stopping = true;
            Array.ForEach(workers, t => t.Join());
            Array.ForEach(_dongles, d => d.Uplink.Close());
        }
    }

    /// <summary>The ramp-up: waits until every dongle is online (a progress bar on a terminal), the time is up, or the broker refuses them all.</summary>
    private double Connect(CancellationToken stop) => ConsoleOutput.WithProgress("connecting", _dongles.Length, Online, () =>
    {
        var watch = Stopwatch.StartNew();
        while (Online() < _dongles.Length && watch.Elapsed.TotalSeconds < _options.ConnectSeconds && !stop.IsCancellationRequested && !Refused())
        {
            Thread.Sleep(50);
        }

        return watch.Elapsed.TotalSeconds;
    });

    /// <summary>The measured window: polls staggered over the first interval, a status line every few seconds; returns the process's CPU share.</summary>
    private double Measure(CancellationToken stop)
    {
        long start = _clock.MonotonicMs;
        for (int i = 0; i < _dongles.Length; i++)
        {
            _dongles[i].DueMs = start + ((long)i * _options.IntervalMs / _dongles.Length);
        }

        using Process self = Process.GetCurrentProcess();
        TimeSpan cpuStart = self.TotalProcessorTime;
        _polling = true;
        long end = start + (_options.Seconds * 1000L);
        long nextReport = start + (_options.ReportEverySeconds * 1000L);
        while (_clock.MonotonicMs < end && !stop.IsCancellationRequested)
        {
            stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(end, nextReport) - _clock.MonotonicMs)));
            if (_clock.MonotonicMs >= nextReport)
            {
                Report(self, (_clock.MonotonicMs - start) / 1000);
                nextReport += _options.ReportEverySeconds * 1000L;
            }
        }

        self.Refresh();
        _peakRss = Math.Max(_peakRss, self.WorkingSet64);
        double wallSeconds = (_clock.MonotonicMs - start) / 1000.0;
        return (self.TotalProcessorTime - cpuStart).TotalSeconds / Math.Max(wallSeconds, 0.001) / Environment.ProcessorCount * 100;
    }

    private void Drain(CancellationToken stop)
    {
        var watch = Stopwatch.StartNew();
        while (Backlog() > 0 && watch.Elapsed.TotalSeconds < _options.DrainSeconds && !stop.IsCancellationRequested)
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>One worker serves every <c>Threads</c>-th dongle: due polls first, then each link's tick.</summary>
    private void Work(int worker)
    {
        VirtualDongle[] mine = _dongles.Where((_, i) => i % _options.Threads == worker).ToArray();
        while (!_stopping)
        {
            long wake = _clock.MonotonicMs + FleetOptions.TickMs;
            foreach (VirtualDongle dongle in mine)
            {
                long now = _clock.MonotonicMs;
                if (_polling && now >= dongle.DueMs)
                {
                    _lateness.Add(now - dongle.DueMs);
                    dongle.Poll();
                    dongle.DueMs += _options.IntervalMs;
                }

                dongle.Uplink.Tick();
                wake = _polling ? Math.Min(wake, dongle.DueMs) : wake;
            }

            long pause = wake - _clock.MonotonicMs;
            if (pause > 0)
            {
                Thread.Sleep((int)pause);
            }
        }
    }

    private void Report(Process self, long seconds)
    {
        self.Refresh();
        _peakRss = Math.Max(_peakRss, self.WorkingSet64);
        long polled = _dongles.Sum(d => (long)d.Polled);
        _output.WriteLine($"t={seconds,5} s | online {Online()}/{_dongles.Length} | polled {polled} | acknowledged {Acknowledged()} | backlog {Backlog()}"
            + $" | poll late p99 {_lateness.Percentile(0.99)} ms, max {_lateness.Max} ms | rss {self.WorkingSet64 / (1024 * 1024)} MB");
    }

    private FleetResult Result(double connectSeconds, double cpu)
    {
        long polled = _dongles.Sum(d => (long)d.Polled);
        int online = Online();
        int lost = _dongles.Sum(d => d.Uplink.Counters.ConnectionsLost);
        long backlog = Backlog();
        long p99 = _lateness.Percentile(0.99);
        string? shortfall = online == 0 ? $"no dongle connected ({NotConnected()})"
            : online < _dongles.Length ? $"{_dongles.Length - online} dongles not connected"
            : lost > 0 ? $"{lost} connections lost"
            : p99 > _options.LatenessLimitMs ? $"99 % of polls started up to {p99} ms late (limit {_options.LatenessLimitMs} ms)"
            : backlog > 0 ? $"{backlog} samples not acknowledged {_options.DrainSeconds} s after the last poll"
            : null;
        return new FleetResult(_dongles.Length, online, polled, Acknowledged(), backlog, p99, _lateness.Max, lost, connectSeconds, cpu, _peakRss / (1024 * 1024), shortfall);
    }

    private int Online() => _dongles.Count(d => d.Uplink.Online);

    /// <summary>Every dongle has tried and none got in: the broker refuses or is not there, and waiting changes nothing.</summary>
    private bool Refused() => Online() == 0 && _dongles.All(d => d.Uplink.Counters.ConnectFailures > 0);

    /// <summary>How many dongles are not connected, by the last reason each was given ("5 not connected: connect: ...").</summary>
    private string NotConnected() => string.Join("; ", _dongles.Where(d => !d.Uplink.Online)
        .GroupBy(d => d.Uplink.Counters.LastError ?? "no connect attempt finished")
        .OrderByDescending(g => g.Count())
        .Select(g => $"{g.Count()} not connected: {g.Key}"));

    private long Acknowledged() => _dongles.Sum(d => (long)d.Uplink.Outbox.Counters.Acknowledged);

    private long Backlog() => _dongles.Sum(d => (long)d.Uplink.Outbox.Pending);
}
