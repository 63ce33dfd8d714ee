using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using Xunit.Abstractions;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// Exactly-once in effect: <c>energylogger run</c> polls a pymodbus slave on a pty ten times a second and sends its
/// backlog to mosquitto, where a Kaa-like responder acknowledges every batch; it is killed (SIGKILL, a power cut for
/// the firmware) at random moments twenty times, then left to drain. Keyed by <c>seq</c>, what the cloud received has
/// no gap inside any boot's numbers, and every copy of a sample is the same sample.
/// </summary>
public sealed class KillRestartTests(ITestOutputHelper output) : IDisposable
{
    private const string App = "kill-app-v1";
    private const string Token = "kill-token-7";
    private const int Kills = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const string Map = """
        {"format":"energylogger-map/1","name":"kill-restart","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"},
                   {"name":"soc","address":11,"poll":"fast","target":"battery.soc"}]}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-kill-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly MosquittoBroker _broker = new();


    public void Dispose()
    {
        _broker.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Run_KilledTwentyTimesWhileSendingABacklog_SequenceHasNoGapAndEveryCopyIsTheSameSample()
    {
        Directory.CreateDirectory(_dir);
        RegisterMap map = RegisterMapLoader.Load(Map, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        await using MapPeer peer = await MapPeer.StartAsync(new RegisterImage(map).Exists(FunctionCode.ReadHoldingRegisters, 0, 20).Set("grid_power", -700).Set("soc", 55), 19200);
        using var kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
        var random = new Random(20240611);

        // A backlog first: two seconds of samples with no broker to take them.
        using (LoggerProcess offline = LoggerProcess.Start("--config", WriteConfig(peer.SerialPath, MosquittoBroker.FreePort())))
        {
            offline.WaitFor(l => l.Contains("src=poll msg=\"map taken over\""), Patience);
            WaitUntilProven(offline);
            Thread.Sleep(2000);
            offline.Kill();
        }

        string config = WriteConfig(peer.SerialPath, _broker.PlainPort);
        for (int kill = 0; kill < Kills; kill++)
        {
            using LoggerProcess logger = LoggerProcess.Start("--config", config);
            WaitUntilProven(logger);
            Thread.Sleep(random.Next(200, 1500));
            logger.Kill();
        }

        // The last run drains what is left; the broker has then seen every sample kept.
        using (LoggerProcess last = LoggerProcess.Start("--config", config))
        {
            last.WaitFor(l => l.Contains("src=outbox msg=opened"), Patience);
            // At ten cycles a second the newest sample may still be on its way.
            Assert.True(WaitUntil(() => Backlog(kaa) is 0 or 1, Patience), "the backlog drained\n" + last.Log);
            // What is still held then is the newest; a second more sends any older record first.
            Thread.Sleep(1000);
            Assert.Equal(0, last.Terminate(TimeSpan.FromSeconds(10)));
        }

        JsonElement[] samples = [.. kaa.Samples];
        IGrouping<long, JsonElement>[] bySeq = samples.GroupBy(s => s.GetProperty("seq").GetInt64()).ToArray();
        foreach (IGrouping<long, JsonElement> copies in bySeq)
        {
            Assert.True(copies.Select(c => c.GetRawText()).Distinct().Count() == 1, $"seq {copies.Key} arrived as different samples");
        }

        IGrouping<long, long>[] epochs = bySeq.Select(g => g.Key).GroupBy(SampleSequence.EpochOf).OrderBy(e => e.Key).ToArray();
        foreach (IGrouping<long, long> epoch in epochs)
        {
            long[] numbers = [.. epoch.Select(seq => seq % SampleSequence.PerEpoch).Order()];
            Assert.True(numbers.SequenceEqual(Enumerable.Range(1, numbers.Length).Select(n => (long)n)),
                $"epoch {epoch.Key}: {string.Join(",", numbers)}");
        }

        output.WriteLine($"{samples.Length} samples received, {bySeq.Length} distinct, from {epochs.Length} boots");
        Assert.True(epochs.Length >= 10, $"samples of {epochs.Length} boots arrived");
        Assert.True(samples.Length > bySeq.Length, "some samples arrived twice: the kills landed between a send and its acknowledgement");
        Assert.Empty(kaa.Violations);
    }

    /// <summary>
    /// Until the boot has cleared its failed-boot count. A kill before that is a failed boot, and three in a row start
    /// safe mode, which does not poll: every later boot would then send nothing of its own. On a loaded machine the
    /// loop's first tick can come later than the shortest pause below, so the wait is for the record, not for a time.
    /// </summary>
    private static void WaitUntilProven(LoggerProcess logger) =>
        logger.WaitFor(l => l.Contains("src=boot msg=\"proven; failed-boot count cleared\""), Patience);

    /// <summary>Samples the logger still holds, from get_diagnostics; -1 without an answer.</summary>
    private static int Backlog(KaaLikeResponder kaa) =>
        kaa.Diagnostics(App, Token, TimeSpan.FromSeconds(3)) is JsonElement d ? d.GetProperty("outbox_depth").GetInt32() : -1;

    private string WriteConfig(string serialPath, int mqttPort)
    {
        File.WriteAllText(Path.Combine(_dir, "map.json"), Map);
        string config = Path.Combine(_dir, "logger.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            bus = new { port = serialPath, baud = 19200, timeoutMs = 300, retries = 1 },
            map = "map.json",
            data = "data",
            mac = "02:00:00:e2:e2:07",
            settings = new Dictionary<string, string>
            {
                ["mqtt.host"] = "localhost", ["mqtt.port"] = mqttPort.ToString(), ["mqtt.tls"] = "off", ["kaa.token"] = Token, ["kaa.app"] = App,
            },
            poll = new { fastMs = 100, normalMs = 100, slowMs = 100, budgetMs = 80 },
            cloud = new { backoffBaseMs = 100, backoffMaxMs = 200, keepAliveS = 10, replyTimeoutMs = 3000, connectTimeoutMs = 2000 },
            // Proven at once, so that a kill is not a failed boot: three in a row would start safe mode, which does not poll.
            loop = new { provenAfterMs = 50 },
        }));
        return config;
    }
}
