using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The InfluxDB writer in the main loop: where its destination comes from and how much flash its outbox takes.</summary>
public class InfluxLoopTests
{
    private const int Volume = 2 * 1024 * 1024;

    /// <summary>Flash with the rig's settings plus the given ones, as after provisioning.</summary>
    internal static MemoryFileStore Provisioned(params string[] pairs)
    {
        var store = new MemoryFileStore();
        DeviceSettings settings = LoopRig.Settings();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            Assert.Null(settings.Set(SettingFields.Find(pairs[i])!, pairs[i + 1]));
        }

        Assert.True(new SettingsRepository(store).Save(settings));
        return store;
    }

    [Fact]
    public void DongleOptions_BothOutboxesTogether_WithinTheQuarterOfTheVolume()
    {
        var options = new RuntimeOptions();
        options.ShareOutboxes(RuntimeOptions.DongleOutboxBytes);

        Assert.Equal(Volume / 4, RuntimeOptions.DongleOutboxBytes);
        Assert.True(options.Outbox.CapBytes + options.InfluxOutbox.CapBytes <= RuntimeOptions.DongleOutboxBytes);
        Assert.Equal(384 * 1024, options.Outbox.CapBytes);
        Assert.Equal(128 * 1024, options.InfluxOutbox.CapBytes);
        Assert.Equal(InfluxUplink.Prefix, options.InfluxOutbox.FilePrefix);
        Assert.NotEqual(options.Outbox.FilePrefix, options.InfluxOutbox.FilePrefix);
    }

    [Fact]
    public void Boot_SettingsNameInflux_WriterOpensItsOwnSmallerOutboxAndPostsTheSamples()
    {
        var post = new ScriptedPost();
        var rig = new LoopRig(store: Provisioned("influx.url", "http://192.168.1.20:8086", "influx.db", "energy"), influx: post);

        Assert.NotNull(rig.Loop.Influx);
        Assert.Equal(new RuntimeOptions().InfluxOutbox.CapBytes, rig.Loop.Influx.Outbox.Options.CapBytes);
        Assert.True(rig.Loop.Influx.Outbox.Options.CapBytes < rig.Options.Outbox.CapBytes);

        rig.Run(30_000);

        Assert.NotEmpty(post.Bodies);
        Assert.All(post.Urls, u => Assert.Equal("http://192.168.1.20:8086/write?db=energy&precision=ms", u));
        Assert.True(rig.Loop.Influx.Written > 0);
        Assert.Contains(rig.Store.List(), f => f.StartsWith(InfluxUplink.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Boot_NoDestination_NoOutboxNoFilesNoPosts()
    {
        var post = new ScriptedPost();
        var rig = new LoopRig(influx: post);
        rig.Run(30_000);

        Assert.Null(rig.Loop.Influx!.Outbox);
        Assert.Empty(post.Bodies);
        Assert.DoesNotContain(rig.Store.List(), f => f.StartsWith(InfluxUplink.Prefix, StringComparison.Ordinal));
    }

    private const string V1 = "http://192.168.1.20:8086/write?db=energy&precision=ms";
    private const string V2 = "https://eu.influx.example/api/v2/write?org=home&bucket=solar&precision=ms";
    private const string V2Member = "{\"url\":\"https://eu.influx.example\",\"org\":\"home\",\"bucket\":\"solar\",\"token\":\"t0k3n-from-the-cloud\"}";

    private static void PushConfig(LoopRig rig, string id, string? influx)
    {
        rig.Run(100);
        rig.Session.Push(rig.Topic("cmx", "config/json/status"),
            "{\"configId\":\"" + id + "\",\"config\":{\"map\":" + LoopRig.DefaultMap + (influx == null ? "" : ",\"influx\":" + influx) + "}}");
        rig.Run(1_000);
        Assert.Equal(id, rig.Loop.Config.ConfigId);
    }

    private static LoopRig WithV1Settings(ScriptedPost post) =>
        new(store: Provisioned("influx.url", "http://192.168.1.20:8086", "influx.db", "energy"), influx: post);

    [Fact]
    public void Config_NamesInflux_TakesOverLiveWithTheBacklogThenBackToTheSettingsWithout()
    {
        var post = new ScriptedPost();
        LoopRig rig = WithV1Settings(post);
        rig.Run(20_000);
        Assert.Equal(V1, post.Urls.Last());

        PushConfig(rig, "c-influx", V2Member);
        int before = post.Urls.Count;
        rig.Run(20_000);

        Assert.All(post.Urls.Skip(before), u => Assert.Equal(V2, u));
        Assert.All(post.Authorizations.Skip(before), a => Assert.Equal("Token t0k3n-from-the-cloud", a));
        Assert.True(post.Urls.Count > before);
        Assert.Equal(0, rig.Loop.Influx!.Outbox.Pending);

        PushConfig(rig, "c-plain", null);
        before = post.Urls.Count;
        rig.Run(20_000);
        Assert.True(post.Urls.Count > before);
        Assert.All(post.Urls.Skip(before), u => Assert.Equal(V1, u));
    }

    [Fact]
    public void Boot_StoredConfigNamesInflux_WinsOverTheSettings()
    {
        LoopRig rig = WithV1Settings(new ScriptedPost());
        PushConfig(rig, "c-influx", V2Member);

        var post = new ScriptedPost();
        LoopRig next = rig.Reboot(influx: post);
        next.Run(20_000);

        Assert.NotEmpty(post.Urls);
        Assert.All(post.Urls, u => Assert.Equal(V2, u));
    }

    [Fact]
    public void Config_NamesInfluxWhereNoneWasAtStart_OutboxOpenedAndWrittenAtOnce()
    {
        var post = new ScriptedPost();
        var rig = new LoopRig(influx: post);
        rig.Run(20_000);
        Assert.Null(rig.Loop.Influx!.Outbox);

        PushConfig(rig, "c-influx", V2Member);
        rig.Run(20_000);

        Assert.NotNull(rig.Loop.Influx.Outbox);
        Assert.NotEmpty(post.Urls);
        Assert.All(post.Urls, u => Assert.Equal(V2, u));
        Assert.True(rig.Loop.Influx.Written > 0);
        Assert.Contains(rig.Sink.Lines, l => l.Contains("msg=\"destination named by the config\" id=c-influx", StringComparison.Ordinal));
        Assert.Contains(rig.Sink.Lines, l => l.Contains("msg=opened prefix=ix restored=0", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_InfluxToken_NeverInTheLog()
    {
        LoopRig rig = WithV1Settings(new ScriptedPost());
        PushConfig(rig, "c-influx", V2Member);

        // Whatever line would carry it, the log writes it masked, as it does the settings' secrets.
        rig.Ports.Log.Write(LogLevel.Warn, "test", "echo", "token", "t0k3n-from-the-cloud");
        Assert.DoesNotContain(rig.Sink.Lines, l => l.Contains("t0k3n-from-the-cloud", StringComparison.Ordinal));

        LoopRig next = rig.Reboot(influx: new ScriptedPost());
        next.Ports.Log.Write(LogLevel.Warn, "test", "echo", "token", "t0k3n-from-the-cloud");
        Assert.DoesNotContain(next.Sink.Lines, l => l.Contains("t0k3n-from-the-cloud", StringComparison.Ordinal));
    }
}
