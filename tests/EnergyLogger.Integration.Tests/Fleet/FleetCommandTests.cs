using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Fleet;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Integration.Tests.Cloud;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.Fleet;

/// <summary><c>energylogger fleet</c> as the real process against a real mosquitto: distinct identities, every sample delivered, a verdict.</summary>
public sealed class FleetCommandTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    [Fact]
    public void Fleet_ThreeDongles_EachPublishesUnderItsOwnIdentityAndTheRunIsSustained()
    {
        using MqttNetSession watcher = NewClient();
        Assert.True(watcher.Connect(Options(broker, broker.TlsPort, "fleet-watcher")).IsAccepted);
        Assert.True(watcher.Subscribe("fleettest/+/telemetry", MqttQos.AtLeastOnce));

        // A long interval keeps the lateness limit (a tenth of it) far above what a busy test machine adds.
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("fleet", "--count", "3", "--interval-ms", "4000", "--seconds", "5",
            "--broker", $"mqtts://localhost:{broker.TlsPort}", "--ca-file", broker.CaPath, "--topic-root", "fleettest");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("fleet: sustained 3 dongles at a 4000 ms interval", outcome.Stdout);
        Assert.Matches(@"fleet: (\d+) samples in 5 s \(\S+/s\), \1 acknowledged, 0 left", outcome.Stdout);
        var senders = new HashSet<string>();
        var e = new MqttEvent();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (senders.Count < 3 && watch.Elapsed < Patience)
        {
            if (watcher.Poll(e) && e.Kind == MqttEventKind.Message)
            {
                senders.Add(e.Topic.Split('/')[1]);
            }
        }

        Assert.Equal(["energy-logger-02454C000000", "energy-logger-02454C000001", "energy-logger-02454C000002"], senders.Order());
    }

    [Fact]
    public void MacOf_FleetIndices_LocallyAdministeredAndDistinct()
    {
        string[] ids = Enumerable.Range(0, 70_000).Select(i => CloudSettings.ClientIdFor(VirtualDongle.MacOf(i))).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal("energy-logger-02454C000000", ids[0]);
        Assert.Equal("energy-logger-02454C01116F", ids[69_999]);
        Assert.All(Enumerable.Range(0, 70_000), i => Assert.Equal(0x02, VirtualDongle.MacOf(i)[0] & 0x03));
    }

    [Fact]
    public void Fleet_WithoutBroker_ExitsTwo()
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("fleet", "--count", "2");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("energylogger fleet: --broker is required", outcome.Stderr.Trim());
    }

    [Fact]
    public void Fleet_DeadBroker_SaysWhyAndStopsWithoutRunningTheSchedule()
    {
        int dead = MosquittoBroker.FreePort();

        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("fleet", "--count", "5", "--seconds", "60", "--connect-seconds", "60",
            "--broker", $"mqtt://127.0.0.1:{dead}");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("fleet: 0 of 5 connected", outcome.Stdout);
        Assert.Matches(@"fleet: 5 not connected: connect: .*refused", outcome.Stdout);
        Assert.Contains("fleet: not sustained: no dongle connected", outcome.Stdout);
        Assert.DoesNotContain("samples in", outcome.Stdout);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(20), $"took {outcome.Elapsed}");
    }
}
