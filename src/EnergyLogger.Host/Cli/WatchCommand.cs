using System.CommandLine;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Uplink;
using EnergyLogger.Host.Views;
using Spectre.Console;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger watch</c>: the homeowner's live view (<see cref="WatchScreen"/>) from a bus read through a map,
/// from the demo's simulated inverter, or from a logger's topics on a broker. Plain lines when not in a terminal.
/// </summary>
internal sealed class WatchCommand
{
    private readonly Option<bool> _demo = CliOption.Flag("--demo", "watch the demo's simulated inverter through a day");
    private readonly Option<string> _map = CliOption.Text("--map", "FILE", "with a bus: the register map to read it with");
    private readonly Option<int> _interval = CliOption.Int("--interval", "SECONDS", "with a bus: seconds between reads", 10, 1, 3600);
    private readonly BusOptions _bus = new();
    private readonly BrokerOptions _broker = new();
    private readonly Option<string> _prefix = CliOption.Text("--prefix", "PREFIX", "with --broker: the logger's topic prefix [default: ROOT/+, the first logger that publishes]");
    private readonly Option<bool> _plain = CliOption.Flag("--plain", "one line per sample even in a terminal");
    private readonly DemoOptions _demoOptions = new();

    public static Command Create()
    {
        var watch = new WatchCommand();
        var command = new NotedCommand(
            "watch",
            "a live view for the homeowner: power flows in words, today's energy, warnings and the day's chart",
            "SOURCE: --demo, a bus (--port, --tcp or --rtu-over-tcp) with --map, or --broker with --prefix.\n"
            + "In a terminal the view is redrawn in place; otherwise (or with --plain) each sample is one line.");
        Array.ForEach<Option>([watch._demo, .. watch._demoOptions.All, watch._map, watch._interval, .. watch._bus.All, .. watch._broker.All, watch._prefix, watch._plain], command.Add);
        command.SetAction(watch.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        using ISampleSource source = Source(result);
        return Show(source, result.GetValue(_plain));
    }

    /// <summary>Runs the view over <paramref name="source"/> until it ends or Ctrl+C: live in a terminal, else plain lines.</summary>
    public static int Show(ISampleSource source, bool plain)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var view = new WatchView(source, TimeZoneInfo.Local, () => DateTimeOffset.Now);
        if (plain || !ConsoleOutput.IsRich)
        {
            view.RunPlain(Console.Out, stop.Token);
        }
        else
        {
            view.RunLive(AnsiConsole.Console, stop.Token);
        }

        return 0;
    }

    private ISampleSource Source(ParseResult result)
    {
        bool demo = result.GetValue(_demo);
        bool bus = Array.Exists(_bus.All, o => result.IsGiven(o) && o.Name is "--port" or "--tcp" or "--rtu-over-tcp");
        bool broker = _broker.IsGiven(result);
        if ((demo ? 1 : 0) + (bus ? 1 : 0) + (broker ? 1 : 0) != 1)
        {
            throw new UsageException("give one source: --demo, a bus with --map, or --broker");
        }

        if (!demo && _demoOptions.IsGiven(result))
        {
            throw new UsageException($"{_demoOptions.All.First(result.IsGiven).Name} applies to --demo");
        }

        if (demo)
        {
            return _demoOptions.Source(result, intervalMs: null);
        }

        if (bus)
        {
            string mapPath = result.GetValue(_map) ?? throw new UsageException("a bus needs --map FILE: the register map to read it with");
            RegisterMap map = MapFile.Load(mapPath);
            BusSettings settings = _bus.Parse(result);
            Bus open;
            try
            {
                open = Bus.Open(settings);
            }
            catch (LinkOpenException e)
            {
                throw new UsageException(e.Message);
            }

            return new PolledSource(map, open.CreateMaster(new SystemClock()), new SystemClock(), result.GetValue(_interval) * 1000, open);
        }

        BrokerTarget target = _broker.Parse(result)!;
        string prefix = result.GetValue(_prefix) ?? $"{target.TopicRoot}/+";
        var follower = new BrokerFollower(() => new MqttNetSession(new SystemClock()), target, BrokerSource.Filters(prefix))
        {
            Notice = line => Console.Error.WriteLine($"energylogger watch: {line}"),
        };
        return new BrokerSource(follower, prefix);
    }
}
