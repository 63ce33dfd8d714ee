using System.CommandLine;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Sub;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger sub</c>: follows loggers' topics on a broker and prints each message decoded in one line
/// (<see cref="TopicPrinter"/>), or as it came with <c>--raw</c> (topic, space, payload: a capture <c>report</c> reads).
/// </summary>
internal sealed class SubCommand
{
    private readonly BrokerOptions _broker = new();
    private readonly Option<string> _prefix = CliOption.Text("--prefix", "PREFIX", "one logger's topic prefix, e.g. energylogger/energy-logger-02454C000001 [default: ROOT/+, every logger]");
    private readonly Option<bool> _raw = CliOption.Flag("--raw", "print each message as 'TOPIC PAYLOAD', as mosquitto_sub -v does");
    private readonly Option<int?> _messages = CliOption.OptionalInt("--messages", "N", "stop after N messages [default: run until Ctrl+C]", 1, int.MaxValue);

    public static Command Create()
    {
        var sub = new SubCommand();
        var command = new NotedCommand(
            "sub",
            "follow a logger's topics on a broker and print samples, commands and results decoded",
            "Subscribes to PREFIX/# (docs/cloud.md, \"Custom MQTT\"); reconnects by itself when the broker goes away.");
        Array.ForEach<Option>([.. sub._broker.All, sub._prefix, sub._raw, sub._messages], command.Add);
        command.SetAction(sub.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        BrokerTarget broker = _broker.Parse(result) ?? throw new UsageException("--broker is required");
        string prefix = result.GetValue(_prefix) ?? $"{broker.TopicRoot}/+";
        if (prefix.Length == 0 || prefix.EndsWith('/') || prefix.Contains('#'))
        {
            throw new UsageException($"--prefix must be a topic without '#' or a trailing '/', not '{prefix}'");
        }

        int limit = result.GetValue(_messages) ?? int.MaxValue;
        bool raw = result.GetValue(_raw);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var follower = new BrokerFollower(() => new MqttNetSession(new SystemClock()), broker, [$"{prefix}/#"])
        {
            Notice = line => Console.Error.WriteLine($"energylogger sub: {line}"),
        };
        for (int n = 0; n < limit && !stop.IsCancellationRequested;)
        {
            BrokerMessage? message = follower.Next(1000, stop.Token);
            if (message is null)
            {
                continue;
            }

            n++;
            if (raw)
            {
                Console.WriteLine($"{message.Topic} {message.Text}");
            }
            else
            {
                string time = DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                TopicPrinter.Describe(message.Topic, message.Payload, TimeZoneInfo.Local).ForEach(line => Console.WriteLine($"{time}  {line}"));
            }

            Console.Out.Flush();
        }

        return 0;
    }
}
