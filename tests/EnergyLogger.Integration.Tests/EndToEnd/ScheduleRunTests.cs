using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// A schedule from the cloud config over a simulated day on <c>energylogger run</c> (its wall clock 2400 times real time), against
/// mosquitto and pymodbus: the spring change of 2026-03-29, the broker down in the middle (entries run, their reports arrive
/// after), and a power cut after which the state the schedule calls for is restored once at start.
/// </summary>
public sealed class ScheduleRunTests : IDisposable
{
    private const int Rate = 2400;

    private const string Map = """
        {"format":"energylogger-map/1","name":"scheduled","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"},
                   {"name":"charge_mode","address":108,"writable":true,"writeMin":0,"writeMax":1},
                   {"name":"export_limit","address":142,"writable":true,"writeMin":0,"writeMax":100}]}
        """;

    private const string Schedule = """
        {"utcOffset":"+01:00","dst":"eu","entries":[
          {"name":"charge-on","at":"01:00","regs_write":{"unit":1,"addr":108,"values":[1]}},
          {"name":"limit","at":"02:30","regs_write":{"unit":1,"addr":142,"values":[40]}},
          {"name":"charge-off","at":"05:00","regs_write":{"unit":1,"addr":108,"values":[0]}},
          {"name":"unlimit","cron":"0 12 *","regs_write":{"unit":1,"addr":142,"values":[100]}},
          {"name":"evening-limit","at":"18:00","regs_write":{"unit":1,"addr":142,"values":[60]}}]}
        """;

    /// <summary>The spring change of 2026: 01:00 UTC, when local time jumps from 02:00 to 03:00.</summary>
    private const long SpringChangeUnix = 1774746000;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-sched-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly MosquittoBroker _broker = new();

    public ScheduleRunTests()
    {
        Directory.CreateDirectory(_dir);
    }

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

    private static string Entry(JsonElement run) => run.GetProperty("payload").GetProperty("entry").GetString()!;

    private static bool Restore(JsonElement run) => run.GetProperty("payload").GetProperty("restore").GetBoolean();

    private static string Due(JsonElement run) => run.GetProperty("payload").GetProperty("due").GetString()!;

    [Fact]
    public async Task Run_ScheduleOverASimulatedDay_DaylightSavingOutageAndPowerCut()
    {
        RegisterMap map = RegisterMapLoader.Load(Map, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        RegisterImage image = new RegisterImage(map).Exists(FunctionCode.ReadHoldingRegisters, 0, 200).Set("grid_power", -900).Set("export_limit", 100);
        await using MapPeer peer = await MapPeer.StartAsync(image, 9600);
        File.WriteAllText(Path.Combine(_dir, "map.json"), Map);
        using var cloud = new ManagedLogger(_broker, _dir);
        cloud.Provision();
        LoggerProcess logger = cloud.Start(peer.SerialPath, new() { ["map"] = "map.json", ["clock"] = new { start = "2026-03-28T12:00:00Z", rate = Rate } });
        cloud.WaitOnline();

        // The schedule arrives with a config; what it calls for now is set at once.
        cloud.Kaa.Publish("kp1/" + ManagedLogger.App + "/cmx/" + ManagedLogger.Token + "/config/json/status",
            "{\"configId\":\"day-1\",\"config\":{\"map\":" + Map + ",\"schedule\":" + Schedule + "}}");
        Assert.True(WaitUntil(() => cloud.Results("schedule").Count >= 2, ManagedLogger.Patience), logger.Log);
        List<JsonElement> runs = cloud.Results("schedule");
        Assert.All(runs, r => Assert.True(Restore(r)));
        Assert.Equal("charge-off", Entry(runs.Single(r => r.GetProperty("payload").GetProperty("addr").GetInt32() == 108)));

        // Night of the spring change: 01:00 runs, 02:30 does not exist and runs at the change, then the broker dies.
        Assert.True(WaitUntil(() => cloud.Results("schedule").Any(r => Entry(r) == "limit" && !Restore(r)), TimeSpan.FromSeconds(60)), logger.Log);
        _broker.Stop();
        JsonElement limit = cloud.Results("schedule").Single(r => Entry(r) == "limit" && !Restore(r));
        Assert.Equal("2026-03-29T02:30", Due(limit));
        Assert.InRange(limit.GetProperty("id").GetInt64() - 1, SpringChangeUnix, SpringChangeUnix + 300);
        Assert.Contains(cloud.Results("schedule"), r => Entry(r) == "charge-on" && Due(r) == "2026-03-29T01:00");

        // 05:00 and 12:00 run while the broker is down; their reports come once it is back.
        logger.WaitFor(l => l.Contains("src=schedule msg=ran entry=unlimit"), TimeSpan.FromSeconds(60));
        Assert.Contains(logger.Lines, l => l.Contains("src=schedule msg=ran entry=charge-off") && l.Contains("status=200"));
        int reportsBeforeRestart = cloud.Results("schedule").Count;
        _broker.Start();
        Assert.True(WaitUntil(() => cloud.Results("schedule").Any(r => Entry(r) == "unlimit" && !Restore(r)), ManagedLogger.Patience), logger.Log);
        List<JsonElement> late = [.. cloud.Results("schedule").Skip(reportsBeforeRestart)];
        Assert.Equal(["charge-off@2026-03-29T05:00", "unlimit@2026-03-29T12:00"], late.Where(r => !Restore(r)).Select(r => Entry(r) + "@" + Due(r)).Take(2));
        Assert.All(late, r => Assert.Equal(200, r.GetProperty("statusCode").GetInt32()));

        // A power cut at noon; the power is back at 20:30, after the 18:00 entry: the state is restored once, nothing replayed.
        int before = cloud.Results("schedule").Count;
        logger = cloud.Start(peer.SerialPath, new() { ["map"] = "map.json", ["clock"] = new { start = "2026-03-29T18:30:00Z", rate = Rate } });
        cloud.WaitOnline();
        Assert.True(WaitUntil(() => cloud.Results("schedule").Count >= before + 2, ManagedLogger.Patience), logger.Log);
        Thread.Sleep(1500);
        List<JsonElement> restored = [.. cloud.Results("schedule").Skip(before)];
        Assert.Equal(["charge-off@2026-03-29T05:00", "evening-limit@2026-03-29T18:00"], restored.Select(r => Entry(r) + "@" + Due(r)));
        Assert.All(restored, r => Assert.True(Restore(r)));
        Assert.Equal([0], cloud.Read(108, 1));
        Assert.Equal([60], cloud.Read(142, 1));
        Assert.Contains(logger.Lines, l => l.Contains("msg=\"stored config in use\" id=day-1"));
        Assert.Empty(cloud.Kaa.Violations);
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
    }
}
