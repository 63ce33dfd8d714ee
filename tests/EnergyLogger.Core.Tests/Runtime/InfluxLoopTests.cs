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
    public void Boot_NoDestination_NoWriterNoFiles()
    {
        var post = new ScriptedPost();
        var rig = new LoopRig(influx: post);
        rig.Run(30_000);

        Assert.Null(rig.Loop.Influx);
        Assert.Empty(post.Bodies);
        Assert.DoesNotContain(rig.Store.List(), f => f.StartsWith(InfluxUplink.Prefix, StringComparison.Ordinal));
    }
}
