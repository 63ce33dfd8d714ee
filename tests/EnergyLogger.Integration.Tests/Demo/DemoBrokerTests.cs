using System.Text.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Integration.Tests.Cloud;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.Demo;

/// <summary><c>energylogger demo --broker</c> as the real process against a real mosquitto, over TLS and in plain TCP.</summary>
public sealed class DemoBrokerTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private const string Prefix = "energylogger/energy-logger-02454C000001";

    [Fact]
    public void Demo_MqttsWithCa_EverySampleArrivesOnTelemetryAndTheOutboxDrains()
    {
        EnergyLoggerProcess.Outcome? demo = null;
        List<MqttEvent> seen = Watch(broker.TlsPort, () => demo = RunDemo("--broker", $"mqtts://localhost:{broker.TlsPort}", "--ca-file", broker.CaPath));

        Assert.True(demo!.ExitCode == 0, demo.ToString());
        Assert.Contains("broker: 3 samples stored, 3 acknowledged in ", demo.Stdout);
        // mosquitto offers TLS 1.3 and the host takes it.
        Assert.Contains(" left, over TLS 1.3", demo.Stdout);

        // The samples the demo printed are exactly the ones the broker delivered, in order.
        string[] printed = demo.Lines.Where(l => l.StartsWith('{')).ToArray();
        string[] delivered = seen.Where(e => e.Topic == Prefix + "/telemetry")
            .SelectMany(e => JsonDocument.Parse(Text(e)).RootElement.EnumerateArray().Select(s => s.GetRawText()))
            .ToArray();
        Assert.Equal(3, printed.Length);
        Assert.Equal(printed, delivered);
        Assert.Equal(3, seen.Count(e => e.Topic == Prefix + "/state"));
        Assert.Equal(["online", "offline"], seen.Where(e => e.Topic == Prefix + "/status").Select(Text));
        JsonElement metadata = JsonDocument.Parse(Text(seen.Single(e => e.Topic == Prefix + "/metadata"))).RootElement;
        Assert.Equal("02454C000001", metadata.GetProperty("mac").GetString());
    }

    [Fact]
    public void Demo_PasswordOverTlsAndPlainMqtt_BothPublish()
    {
        EnergyLoggerProcess.Outcome outcome = RunDemo("--broker", $"mqtts://localhost:{broker.AuthPort}", "--ca-file", broker.CaPath,
            "--username", MosquittoBroker.User, "--password", MosquittoBroker.Password);
        EnergyLoggerProcess.Outcome plain = RunDemo("--broker", $"mqtt://127.0.0.1:{broker.PlainPort}", "--topic-root", "site7");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("broker: 3 samples stored, 3 acknowledged", outcome.Stdout);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains("topics under site7/energy-logger-02454C000001/", plain.Stdout);
        Assert.DoesNotContain("over TLS", plain.Stdout);
    }

    [Theory]
    [InlineData("unknown-ca", "unknown CA")]
    [InlineData("wrong-password", "refused by the server")]
    public void Demo_BrokerRefuses_ExitsOneWithTheReasonAndKeepsTheSamples(string refusal, string reason)
    {
        string[] target = refusal == "unknown-ca"
            ? ["--broker", $"mqtts://localhost:{broker.UnknownCaPort}", "--ca-file", broker.CaPath]
            : ["--broker", $"mqtts://localhost:{broker.AuthPort}", "--ca-file", broker.CaPath, "--username", MosquittoBroker.User, "--password", "wrong"];

        EnergyLoggerProcess.Outcome outcome = RunDemo([.. target, "--drain-seconds", "1"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("broker: 3 samples stored, 0 acknowledged in 0 batches, 3 left", outcome.Stdout);
        Assert.StartsWith("energylogger demo: 3 samples did not reach mqtts://localhost:", outcome.Stderr);
        Assert.Contains(reason, outcome.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new[] { "--broker", "mqtts://localhost:8883" }, "energylogger demo: mqtts needs --ca-file: the logger trusts only the CA it is given")]
    [InlineData(new[] { "--broker", "http://localhost" }, "energylogger demo: --broker must be mqtts://HOST[:PORT] or mqtt://HOST[:PORT], not 'http://localhost'")]
    [InlineData(new[] { "--username", "u" }, "energylogger demo: --ca-file, --username, --password and --topic-root need --broker")]
    [InlineData(new[] { "--broker", "mqtt://localhost", "--ca-file", "ca.pem" }, "energylogger demo: --ca-file applies to mqtts:// only")]
    public void Demo_WrongBrokerOptions_ExitsTwoWithOneLine(string[] args, string message)
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["demo", "--cycles", "1", .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(message, outcome.Stderr.Trim());
    }

    private static EnergyLoggerProcess.Outcome RunDemo(params string[] extra) =>
        EnergyLoggerProcess.Run(["demo", "--cycles", "3", "--interval-ms", "0", "--start-hour", "12", .. extra]);

    /// <summary>Runs <paramref name="action"/> while a subscriber on the prefix collects what the broker delivers.</summary>
    private List<MqttEvent> Watch(int port, Action action)
    {
        using MqttNetSession watcher = NewClient();
        Assert.True(watcher.Connect(Options(broker, port, "demo-watcher-" + Guid.NewGuid().ToString("N")[..8])).IsAccepted);
        Assert.True(watcher.Subscribe(Prefix + "/#", MqttQos.AtLeastOnce));

        // A retained offline from an earlier run would come first; the probe shows the subscription is live.
        Assert.True(watcher.Publish(Prefix + "/probe", [1], 0, 1, MqttQos.AtLeastOnce, false) > 0);
        var seen = new List<MqttEvent>();
        Assert.NotNull(WaitFor(watcher, MqttEventKind.Message, Prefix + "/probe"));
        action();

        // The demo has exited; whatever the broker still forwards arrives within moments on loopback.
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        while (quiet.ElapsedMilliseconds < 500)
        {
            var e = new MqttEvent();
            if (watcher.Poll(e))
            {
                seen.Add(e);
                quiet.Restart();
            }
            else
            {
                Thread.Sleep(5);
            }
        }

        return seen.Where(e => e.Kind == MqttEventKind.Message).ToList();
    }
}
