using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Host.Device;
using EnergyLogger.Host.Provisioning;
using EnergyLogger.Host.Storage;
using Xunit;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary>
/// The host's access point driven by the firmware's own loop on a fake clock: it records how the board's soft-AP
/// would be configured (WPA2 with the label's key, or open) and serves port 4242 on real loopback sockets while the
/// window is open.
/// </summary>
public sealed class HostAccessPointTests : IDisposable
{
    private const int Window = 30 * 60_000;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-ap-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        _owned.ForEach(o => o.Dispose());
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(true, "wpa2-psk", ProvisioningSession.CodeGreeting)]
    [InlineData(false, "open", ProvisioningSession.Greeting)]
    public void PowerUp_WithoutSettings_ConfiguredFromTheLabelAndServing(bool labelled, string configured, string greeting)
    {
        Rig rig = Boot(labelled ? LabelSamples.Label() : null);

        Assert.Equal(configured, rig.AccessPoint.Configured);
        Assert.Equal(labelled ? LabelSamples.ApKey : "", rig.AccessPoint.Key);
        using var client = new RawClient(rig.Port);
        Assert.Equal(greeting, client.ReadLine());
    }

    [Fact]
    public void Window_ClosesAfter30MinutesOfTheFakeClock_AndAShortPressOpensItAgain()
    {
        Rig rig = Boot(LabelSamples.Label());
        int firstPort = rig.Port;

        rig.Run(Window - 60_000);
        Assert.Equal("wpa2-psk", rig.AccessPoint.Configured);
        rig.Run(120_000);

        Assert.Equal("closed", rig.AccessPoint.Configured);
        Assert.Null(rig.AccessPoint.Listener);
        Assert.Throws<SocketException>(() => new TcpClient("127.0.0.1", firstPort).Dispose());
        Assert.Contains(rig.Lines, l => l.Contains("src=leds") && l.Contains("wifi=access-point-closed"));

        rig.ShortPress();

        Assert.Equal(["wpa2-psk", "closed", "wpa2-psk"], rig.AccessPoint.History);
        using var client = new RawClient(rig.Port);
        Assert.Equal(ProvisioningSession.CodeGreeting, client.ReadLine());
        Assert.Equal("ok auth: accepted; help lists the verbs", client.Command("auth " + LabelSamples.Pop));
        Assert.Contains(rig.Lines, l => l.Contains("src=leds") && l.EndsWith("wifi=access-point mqtt=off modbus=off ota=off reset=off"));
    }

    [Fact]
    public void WrongCodes_CountAcrossAClosedAndReopenedWindow()
    {
        Rig rig = Boot(LabelSamples.Label());
        using (var client = new RawClient(rig.Port))
        {
            client.ReadLine();
            for (int i = 0; i < 4; i++)
            {
                client.Command("auth wrong-code-" + i);
            }
        }

        rig.Run(Window + 1_000);
        rig.ShortPress();

        using var again = new RawClient(rig.Port);
        again.ReadLine();
        Assert.Equal("error auth: port 4242 is locked for up to 300 s after 5 wrong codes; closing", again.Command("auth wrong-code-4"));
    }

    [Fact]
    public void Apply_OverTheSocket_ClosesTheAccessPointAndRestarts()
    {
        Rig rig = Boot(LabelSamples.Label());
        using var client = new RawClient(rig.Port);
        client.ReadLine();
        client.Command("auth " + LabelSamples.Pop);
        client.Command("set wifi.ssid Home Net");
        client.Command("set kaa.token tok-1");
        client.Command("set kaa.app app-1");

        Assert.Equal("ok applied as record 1; rebooting into station mode", client.Command("apply"));

        Assert.True(SpinWait.SpinUntil(() => !rig.Loop.RunOnce(), TimeSpan.FromSeconds(10)));
        Assert.True(rig.Restart.Requested);
        Assert.Equal("closed", rig.AccessPoint.Configured);
        Assert.Null(rig.AccessPoint.Listener);
    }

    [Fact]
    public void LabelSecrets_NeverInTheLog()
    {
        Rig rig = Boot(LabelSamples.Label());
        using (var client = new RawClient(rig.Port))
        {
            client.ReadLine();
            client.Command("auth " + LabelSamples.Pop);
            client.Command("auth " + LabelSamples.ApKey);
        }

        rig.Run(Window + 1_000);

        Assert.Contains(rig.Lines, l => l.Contains("src=ap msg=\"access point open\" for_s=1800 security=wpa2-psk code=required reason=boot"));
        Assert.DoesNotContain(rig.Lines, l => l.Contains(LabelSamples.Pop, StringComparison.Ordinal) || l.Contains(LabelSamples.ApKey, StringComparison.Ordinal));
    }

    private Rig Boot(DeviceLabel? label)
    {
        var files = new DirectoryFileStore(_dir);
        if (label is not null)
        {
            byte[] record = LabelSamples.Record(label);
            files.Replace(DeviceLabel.FileName, record, 0, record.Length);
        }

        var rig = new Rig(files);
        _owned.Add(rig.AccessPoint);
        return rig;
    }

    private sealed class Rig : ILog
    {
        private readonly List<string> _lines = [];

        public Rig(IFileStore files)
        {
            var options = new RuntimeOptions { TickMs = 1_000 };
            var log = new Log(this, Clock);
            BootContext boot = BootContext.Read(files, options, log);
            AccessPoint = new HostAccessPoint(new IPEndPoint(IPAddress.Loopback, 0), boot, Clock, new ProvisioningListenerOptions(), log);
            var ports = new RuntimePorts
            {
                Clock = Clock,
                Files = files,
                Network = new HostNetwork([0x02, 0, 0, 0xAB, 0xCD, 0xEF], accessPoint: true, "", HostWifi.OwnNetwork("")),
                Reboot = Restart,
                Log = log,
                Button = Button,
                AccessPoint = AccessPoint,
            };
            Loop = new MainLoop(boot, null, ports, new FirmwareIdentity("1.0.0", "test"), options);
            AccessPoint.Serve(Loop.SettingsApplied);
        }

        public VirtualClock Clock { get; } = new(1_000_000);

        public FakeButton Button { get; } = new();

        public InProcessRestart Restart { get; } = new();

        public HostAccessPoint AccessPoint { get; }

        public MainLoop Loop { get; }

        public int Port => AccessPoint.Listener!.Endpoint.Port;

        public string[] Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void WriteLine(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }

        /// <summary>Held for two ticks, well under the factory reset's five seconds.</summary>
        public void ShortPress()
        {
            Button.IsPressed = true;
            Run(2_000);
            Button.IsPressed = false;
            Run(2_000);
        }

        public void Run(long ms)
        {
            long end = Clock.MonotonicMs + ms;
            while (Clock.MonotonicMs < end && Loop.RunOnce())
            {
            }
        }
    }

    private sealed class FakeButton : IButton
    {
        public bool IsPressed { get; set; }
    }
}
