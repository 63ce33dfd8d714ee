using System.Text.Json;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.Provisioning;
using Xunit;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// A labelled dongle's first boot on the virtual device, every part the real executable: <c>energylogger label</c>
/// writes the label record into the data folder as nanoff would deploy it; <c>energylogger run --provisioning</c>
/// opens the access point with the label's key and asks for its code on port 4242; <c>provision</c> without the
/// code and with a wrong one changes nothing; with the code it applies, and the logger restarts into station mode.
/// </summary>
public sealed class LabelledFirstBootTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-e2e-label-" + Guid.NewGuid().ToString("N")[..12]);

    public LabelledFirstBootTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FirstBoot_LabelledDongle_OnlyTheCodeOnTheLabelProvisionsIt()
    {
        var label = EnergyLoggerProcess.Run("label", "--out", Path.Combine(_dir, "data", "label.rec"), "--mac", "02:00:00:e2:e2:01");
        Assert.True(label.ExitCode == 0, label.ToString());
        string key = label.Lines.Single(l => l.StartsWith("KEY ", StringComparison.Ordinal))[6..];
        string code = label.Lines.Single(l => l.StartsWith("CODE ", StringComparison.Ordinal))[6..];
        int port = MosquittoBroker.FreePort();
        using LoggerProcess logger = LoggerProcess.Start("--config", WriteConfig(), "--provisioning", "--provisioning-port", port.ToString());

        logger.WaitFor(l => l.Contains("src=ap msg=\"access point open\" for_s=1800 security=wpa2-psk code=required reason=boot"), Patience);
        logger.WaitFor(l => l.Contains("src=provisioning msg=listening"), Patience);
        string address = "127.0.0.1:" + port;

        var without = ProvisionProcess.Run("", address, "--ssid", "Neighbour", "--cloud", "mqtt", "--mqtt-host", "evil.example", "--topic-prefix", "x");
        var wrong = ProvisionProcess.Run("", address, "--pop", "WRONG-CODE-9", "--ssid", "Neighbour");
        Assert.Equal(1, without.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.False(File.Exists(Path.Combine(_dir, "data", "settings.rec")));

        var right = ProvisionProcess.Run("", address, "--pop", code, "--ssid", "Home Net", "--cloud", "mqtt", "--mqtt-host", "broker.example",
            "--topic-prefix", "energylogger/e2e");
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Equal("ok applied as record 1; rebooting into station mode", right.Lines[^1]);
        logger.WaitFor(l => l.Contains("src=loop msg=restarting reason=provisioned"), Patience);
        logger.WaitFor(l => l.Contains("msg=starting mode=normal boot=2 reset=provisioned"), Patience);

        Assert.DoesNotContain(logger.Lines, l => l.Contains(key, StringComparison.Ordinal) || l.Contains(code, StringComparison.Ordinal));
        logger.Terminate(TimeSpan.FromSeconds(10));
    }

    private string WriteConfig()
    {
        string config = Path.Combine(_dir, "logger.json");

        // The bus is opened only in normal mode, after provisioning; this one is not there, so that boot ends the run.
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            bus = new { port = Path.Combine(_dir, "no-such-tty"), baud = 9600 },
            data = "data",
            mac = "02:00:00:e2:e2:01",
        }));
        return config;
    }
}
