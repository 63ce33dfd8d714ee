using System.Net;
using System.Net.Sockets;
using Xunit;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// <c>energylogger run</c> refusing to start, each way with its own exit status and one clear line, and the boot
/// journal after a start that failed or a stop: neither is a failed boot, so neither leads to safe mode.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-run-" + Guid.NewGuid().ToString("N")[..12]);

    public RunCommandTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string json)
    {
        string path = Path.Combine(_dir, "logger.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Run_NoSettingsStoredWithoutProvisioning_Exit1WithTheReason()
    {
        var outcome = EnergyLoggerProcess.Run("run", "--config", Config("""{"bus":{"tcp":"127.0.0.1:1"},"data":"data"}"""));

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("lvl=error src=boot msg=\"no settings stored; run with --provisioning", outcome.Stdout);
        Assert.Contains("mode=provisioning boot=1 reset=first-start", outcome.Stdout);
    }

    [Fact]
    public void Run_SettingsInTheConfig_StoredLikeAnApplyAndTheBusIsOpened()
    {
        string config = Config("""
            {"bus":{"tcp":"127.0.0.1:1"},"data":"data","mac":"02:00:00:00:00:09",
             "settings":{"mqtt.host":"localhost","mqtt.tls":"off","kaa.token":"run-token-1","kaa.app":"run-app"}}
            """);

        var outcome = EnergyLoggerProcess.Run("run", "--config", config);

        // Settings complete, so normal mode, which needs the bus: nobody listens on port 1.
        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("mode=normal boot=1", outcome.Stdout);
        Assert.Contains("lvl=error src=bus msg=\"cannot open\" bus=127.0.0.1:1", outcome.Stdout);
        Assert.True(File.Exists(Path.Combine(_dir, "data", "settings.rec")));
        Assert.DoesNotContain("run-token-1", outcome.Stdout);
    }

    [Fact]
    public void Run_SerialAdapterMissingAgainAndAgain_NeitherCountedAsABootNorLeadingToSafeMode()
    {
        string config = Config("""
            {"bus":{"port":"/dev/ttyUSB-absent"},"data":"data",
             "settings":{"mqtt.host":"localhost","mqtt.tls":"off","kaa.token":"run-token-2","kaa.app":"run-app"}}
            """);

        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("run", "--config", config);
        for (int start = 2; start <= 4; start++)
        {
            outcome = EnergyLoggerProcess.Run("run", "--config", config);
        }

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("lvl=error src=bus msg=\"cannot open\" bus=/dev/ttyUSB-absent", outcome.Stdout);
        Assert.Contains("msg=starting mode=normal boot=1 reset=first-start detail=\"\" failed_boots=0", outcome.Stdout);
    }

    [Fact]
    public void Run_StoppedBySigtermRightAfterTheStart_RecordedAsACleanStopNeverAsAFailedBoot()
    {
        var bus = new TcpListener(IPAddress.Loopback, 0);
        bus.Start();
        try
        {
            string config = Config($$$"""
                {"bus":{"tcp":"127.0.0.1:{{{((IPEndPoint)bus.LocalEndpoint).Port}}}"},"data":"data",
                 "settings":{"mqtt.host":"127.0.0.1","mqtt.port":"1","mqtt.tls":"off","kaa.token":"run-token-3","kaa.app":"run-app"}}
                """);
            for (int start = 1; start <= 3; start++)
            {
                using LoggerProcess stopped = LoggerProcess.Start("--config", config);
                stopped.WaitFor(l => l.Contains("src=outbox msg=opened", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
                Assert.Equal(0, stopped.Terminate(TimeSpan.FromSeconds(10)));
                Assert.Contains(stopped.Lines, l => l.Contains("src=loop msg=stopped", StringComparison.Ordinal));
            }

            using LoggerProcess fourth = LoggerProcess.Start("--config", config);
            string boot = fourth.WaitFor(l => l.Contains("msg=starting", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            Assert.Contains("mode=normal boot=4 reset=stopped detail=\"\" failed_boots=0", boot);
            Assert.Equal(0, fourth.Terminate(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            bus.Stop();
        }
    }

    /// <summary>
    /// RS-485 mode from the config file and from the command line: /dev/ptmx opens a new pty, which has no UART
    /// driver, so the kernel refuses the mode and the start fails on its bus with the driver's answer.
    /// </summary>
    [Theory]
    [InlineData("""{"port":"/dev/ptmx","rs485":"3,2,rts-low"}""", "", "3,2,rts-low")]
    [InlineData("""{"port":"/dev/ptmx"}""", "2,1", "2,1")]
    public void Run_Rs485ModeOnAPty_Exit1WithTheDriversRefusal(string bus, string option, string mode)
    {
        string config = Config($$$"""
            {"bus":{{{bus}}},"data":"data",
             "settings":{"mqtt.host":"localhost","mqtt.tls":"off","kaa.token":"run-token-3","kaa.app":"run-app"}}
            """);

        var outcome = option.Length == 0
            ? EnergyLoggerProcess.Run("run", "--config", config)
            : EnergyLoggerProcess.Run("run", "--config", config, "--rs485", option);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"/dev/ptmx: the driver refuses RS-485 mode (TIOCSRS485 {mode}): Inappropriate ioctl for device (errno 25)", outcome.Stdout);
    }

    [Fact]
    public void Run_Rs485OptionWithATcpBus_Exit2()
    {
        var outcome = EnergyLoggerProcess.Run("run", "--config", Config("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d"}"""), "--rs485", "2,1");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("--rs485 applies to a bus on a serial port ($.bus.port) only", outcome.Stderr);
    }

    [Theory]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","colour":1}""", "$.colour: unknown member")]
    [InlineData("""{"data":"d"}""", "$.bus: required")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1","port":"/dev/ttyS0"},"data":"d"}""", "$.bus: --port, --tcp and --rtu-over-tcp exclude each other")]
    [InlineData("""{"bus":{"port":"/dev/ttyS0","connectDelayMs":1000},"data":"d"}""", "$.bus: --connect-delay applies to --tcp and --rtu-over-tcp only")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","settings":{"wifi.key":"short"}}""", "$.settings.wifi.key:")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","settings":{"mqtt.host":"h"}}""", "$.settings: kaa.token: required")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","poll":{"fastMs":-1}}""", "$.poll.fastMs: a whole number from 0 to 86400000")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","map":"missing.json"}""", "$.map: no register map at")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","clock":{"start":"yesterday"}}""", "$.clock.start: a UTC time as 2026-03-29T00:30:00Z")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","clock":{"start":"2026-03-29T00:30:00Z","rate":0}}""", "$.clock.rate: a whole number from 1 to 100000")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","wifi":{"networks":[]}}""", "$.wifi.networks: required, a non-empty array")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","wifi":{"networks":[{"ssid":"Shed","key":"short"}]}}""", "$.wifi.networks[0].key: must be 8 to 63")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","wifi":{"networks":[{"ssid":"Shed","cloud":"no"}]}}""", "$.wifi.networks[0].cloud: true or false")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1"},"data":"d","loop":{"wifiTrialMs":10}}""", "$.loop.wifiTrialMs: a whole number from 1000 to 600000")]
    [InlineData("""{"bus":{"port":"/dev/ttyS0","rs485":"2"},"data":"d"}""", "$.bus: --rs485: '2' is not BEFORE_MS,AFTER_MS[,rts-low]")]
    [InlineData("""{"bus":{"tcp":"127.0.0.1:1","rs485":"2,1"},"data":"d"}""", "$.bus: --rs485 applies to --port only")]
    public void Run_BadConfig_Exit2NamingThePath(string json, string expected)
    {
        var outcome = EnergyLoggerProcess.Run("run", "--config", Config(json));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(expected, outcome.Stderr);
    }
}
