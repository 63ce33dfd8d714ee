using System.Text.Json;
using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// The provisioning access point's window (docs/provisioning.md, "The window") on the whole loop, with a soft-AP fake
/// that records how it was configured: as the host's listener (changes at once) and as the ESP32 (each change takes a
/// restart, the window carried across it).
/// </summary>
public class AccessPointWindowTests
{
    private const int Minute = 60_000;
    private const int Window = 30 * Minute;

    [Theory]
    [InlineData(true, "wpa2-psk " + LabelSamples.ApKey)]
    [InlineData(false, "open")]
    public void PowerUp_WithoutSettings_OpensWithTheLabelKeyOrOpen(bool labelled, string expected)
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Unprovisioned(ap, labelled ? LabelSamples.Label() : null);

        rig.Run(1_000);

        Assert.Equal([expected], ap.Calls);
        Assert.Equal(WifiState.AccessPoint, rig.Loop.Indicators.Wifi);
        Assert.Equal(Window, rig.Boot.AccessPointMs);
        string security = labelled ? "wpa2-psk" : "open";
        string code = labelled ? "required" : "none";
        Assert.EndsWith($"msg=\"access point open\" for_s=1800 security={security} code={code} reason=boot", Assert.Single(rig.Sink.From("ap")));
    }

    [Fact]
    public void Window_After30Minutes_ClosesAndTheLedsSaySo()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Unprovisioned(ap, LabelSamples.Label());

        rig.Run(Window - 1_000);
        Assert.True(ap.IsOpen);
        rig.Run(2_000);

        Assert.False(ap.IsOpen);
        Assert.False(rig.Loop.AccessPoint!.IsOpen);
        Assert.Equal(WifiState.AccessPointClosed, rig.Loop.Indicators.Wifi);
        Assert.False(rig.Leds.Lit[(int)Ports.Led.WifiOk]);
        Assert.EndsWith("wifi=access-point-closed mqtt=off modbus=off ota=off reset=off", rig.Sink.From("leds").Last());
        Assert.EndsWith("msg=\"access point closed\" reason=\"its window ended\"", rig.Sink.From("ap").Last());
        Assert.Equal(0, rig.Reboots.Count);
    }

    [Fact]
    public void ShortPress_AfterTheWindowClosed_OpensItFor30MinutesMore()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Unprovisioned(ap, LabelSamples.Label());
        rig.Run(Window + 1_000);

        Press(rig, 300);

        Assert.True(ap.IsOpen);
        Assert.Equal(WifiState.AccessPoint, rig.Loop.Indicators.Wifi);
        Assert.Contains("reason=\"short press\"", rig.Sink.From("ap").Last());
        rig.Run(Window - 2_000);
        Assert.True(ap.IsOpen);
        rig.Run(2_000);
        Assert.False(ap.IsOpen);
        Assert.Equal(["wpa2-psk " + LabelSamples.ApKey, "closed", "wpa2-psk " + LabelSamples.ApKey, "closed"], ap.Calls);
    }

    [Fact]
    public void LongPress_StillAFactoryReset_NotAnOpening()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Unprovisioned(ap, null);
        rig.Run(Window + 1_000);

        Press(rig, 6_000);

        Assert.False(ap.IsOpen);
        Assert.Equal(1, rig.Reboots.Count);
        Assert.Equal(Window, rig.Reboot(accessPoint: new FakeAccessPoint()).Boot.AccessPointMs);
    }

    [Fact]
    public void OnTheBoard_EachChangeRestarts_AndTheWindowIsCarriedAcrossTheRestart()
    {
        var ap = new FakeAccessPoint { RestartToChange = true };
        LoopRig rig = Unprovisioned(ap, LabelSamples.Label());

        // Power-up: Program.cs brought it up before the loop; the window ends with a restart that keeps it down.
        rig.Run(Window + 1_000);
        Assert.Equal(1, rig.Reboots.Count);

        rig = rig.Reboot(accessPoint: new FakeAccessPoint { RestartToChange = true }, button: true);
        Assert.Equal((ResetReason.AccessPoint, 0), (rig.Boot.Journal.PreviousReason, rig.Boot.AccessPointMs));
        rig.Run(1_000);
        Assert.Equal(WifiState.AccessPointClosed, rig.Loop.Indicators.Wifi);

        // A short press stores the window and restarts; the next boot opens it for the whole window.
        Press(rig, 300);
        Assert.Equal(1, rig.Reboots.Count);
        Assert.True(rig.Store.Files.ContainsKey(AccessPointRecord));
        var after = new FakeAccessPoint { RestartToChange = true };
        rig = rig.Reboot(accessPoint: after);
        Assert.Equal(Window, rig.Boot.AccessPointMs);
        Assert.False(rig.Store.Files.ContainsKey(AccessPointRecord));
        Assert.Equal(["wpa2-psk " + LabelSamples.ApKey], after.Calls);
    }

    [Theory]
    [InlineData(false, Window)]
    [InlineData(true, 0)]
    public void CarryAcrossRestart_TheBoardsWiFiSetUp_TheNextBootDecidesTheSame(bool windowOver, int expected)
    {
        var store = new MemoryFileStore();
        var first = new LoopRig(provisioned: false, store: store, accessPoint: new FakeAccessPoint { RestartToChange = true });
        if (windowOver)
        {
            first.Run(Window + 1_000);
        }

        LoopRig rig = windowOver ? first.Reboot() : first;
        Assert.Equal(expected, rig.Boot.AccessPointMs);

        // Program.cs found the soft-AP configured otherwise and restarts before building the loop.
        AccessPointWindow.CarryAcrossRestart(rig.Boot, store);
        LoopRig next = rig.Reboot();

        Assert.Equal((ResetReason.AccessPoint, expected), (next.Boot.Journal.PreviousReason, next.Boot.AccessPointMs));
        Assert.Equal(0, next.Boot.Journal.FailedBootsBefore);
    }

    [Fact]
    public void Provisioned_PowerUp_NeverOpensByItself()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Provisioned(ap);

        rig.Run(Window * 2);

        Assert.Empty(ap.Calls);
        Assert.Equal(WifiState.Connected, rig.Loop.Indicators.Wifi);
        Assert.Empty(rig.Sink.From("ap"));
    }

    [Fact]
    public void StartAp_Provisioned_OpensForItsTimeoutThenClosesByItself()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Provisioned(ap);
        rig.Run(1_000);

        rig.Command("start_ap", 7, """{"timeoutS":600}""");
        rig.Run(1_000);

        JsonElement result = rig.Result("start_ap");
        Assert.Equal((7, 200), (result.GetProperty("id").GetInt32(), result.GetProperty("statusCode").GetInt32()));
        Assert.Equal("""{"open":true,"timeoutS":600,"security":"wpa2-psk","code":true,"restart":false}""", result.GetProperty("payload").GetRawText());
        Assert.Equal(["wpa2-psk " + LabelSamples.ApKey], ap.Calls);
        rig.Run(10 * Minute - 4_000);
        Assert.True(ap.IsOpen);
        rig.Run(4_000);
        Assert.False(ap.IsOpen);
        Assert.Equal(0, rig.Reboots.Count);
    }

    [Fact]
    public void StopAp_ClosesAtOnce_AndAgainChangesNothing()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Provisioned(ap);
        rig.Run(1_000);
        rig.Command("start_ap", 1);
        rig.Run(1_000);
        Assert.Equal(1800, StartApTimeout(rig));

        rig.Command("stop_ap", 2);
        rig.Run(1_000);
        Assert.Equal("""{"open":false,"wasOpen":true,"restart":false}""", rig.Result("stop_ap").GetProperty("payload").GetRawText());
        Assert.False(ap.IsOpen);

        rig.Command("stop_ap", 3);
        rig.Run(1_000);
        Assert.Equal("""{"open":false,"wasOpen":false,"restart":false}""", rig.Result("stop_ap").GetProperty("payload").GetRawText());
    }

    [Theory]
    [InlineData("""{"timeoutS":59}""", 400, "timeoutS: an integer from 60 to 14400")]
    [InlineData("""{"timeoutS":14401}""", 400, "timeoutS: an integer from 60 to 14400")]
    [InlineData("""{"timeoutS":"600"}""", 400, "timeoutS: an integer from 60 to 14400")]
    public void StartAp_BadTimeout_400AndNothingOpens(string payload, int status, string reason)
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Provisioned(ap);
        rig.Run(1_000);

        rig.Command("start_ap", 1, payload);
        rig.Run(1_000);

        JsonElement result = rig.Result("start_ap");
        Assert.Equal((status, reason), (result.GetProperty("statusCode").GetInt32(), result.GetProperty("reasonPhrase").GetString()));
        Assert.Empty(ap.Calls);
    }

    [Fact]
    public void StartAp_UnreadableLabel_503AndNothingOpens()
    {
        var ap = new FakeAccessPoint();
        var store = new MemoryFileStore();
        Assert.True(new SettingsRepository(store).Save(LoopRig.Settings()));
        store.Files[DeviceLabel.FileName] = [0x45, 0x4C, 0x4C, 0x42];
        var rig = new LoopRig(store: store, accessPoint: ap);
        rig.Run(1_000);

        rig.Command("start_ap", 1);
        rig.Run(1_000);

        JsonElement result = rig.Result("start_ap");
        Assert.Equal((503, "the label record is unreadable"), (result.GetProperty("statusCode").GetInt32(), result.GetProperty("reasonPhrase").GetString()));
        Assert.Empty(ap.Calls);
        Assert.Contains(rig.Sink.From("boot"), l => l.Contains("label record unreadable") && l.EndsWith("problem=truncated"));
    }

    [Fact]
    public void StartAp_OnTheBoard_RestartsAfterTheResultIsDelivered_AndTheNextBootOpensIt()
    {
        LoopRig rig = Provisioned(new FakeAccessPoint { RestartToChange = true });
        rig.Run(1_000);

        rig.Command("start_ap", 9, """{"timeoutS":900}""");
        rig.Run(2_000);

        Assert.True(rig.Result("start_ap").GetProperty("payload").GetProperty("restart").GetBoolean());
        Assert.Equal(1, rig.Reboots.Count);
        var ap = new FakeAccessPoint { RestartToChange = true };
        LoopRig next = rig.Reboot(accessPoint: ap);
        Assert.Equal((ResetReason.Command, 900_000), (next.Boot.Journal.PreviousReason, next.Boot.AccessPointMs));
        next.Run(15 * Minute + 1_000);
        Assert.Equal(["wpa2-psk " + LabelSamples.ApKey, "closed"], ap.Calls);
        Assert.Equal(1, next.Reboots.Count);
        Assert.Equal(0, next.Reboot(accessPoint: new FakeAccessPoint()).Boot.AccessPointMs);
    }

    [Fact]
    public void SettingsApplied_ClosesTheAccessPointAndRestartsIntoStationMode()
    {
        var ap = new FakeAccessPoint { RestartToChange = true };
        LoopRig rig = Unprovisioned(ap, LabelSamples.Label());
        rig.Run(1_000);

        rig.Loop.SettingsApplied();
        rig.Run(1_000);

        Assert.False(ap.IsOpen);
        Assert.Equal(1, rig.Reboots.Count);
        Assert.Equal(ResetReason.Provisioned, rig.Reboot(accessPoint: new FakeAccessPoint()).Boot.Journal.PreviousReason);
    }

    [Fact]
    public void UnreadableLabel_WithoutSettings_TheAccessPointStaysDownWhateverIsPressed()
    {
        var ap = new FakeAccessPoint();
        var store = new MemoryFileStore();
        store.Files[DeviceLabel.FileName] = [1, 2, 3];
        var rig = new LoopRig(provisioned: false, store: store, accessPoint: ap, button: true);
        rig.Run(1_000);

        Press(rig, 300);

        Assert.Empty(ap.Calls);
        Assert.Equal(WifiState.AccessPointClosed, rig.Loop.Indicators.Wifi);
        Assert.Contains(rig.Sink.From("ap"), l => l.EndsWith("reason=\"the label record is unreadable\""));
    }

    public static TheoryData<RunMode, ResetReason, LabelStatus, int, int> Boots => new()
    {
        { RunMode.Provisioning, ResetReason.FirstStart, LabelStatus.Ok, 0, Window },
        { RunMode.Provisioning, ResetReason.Unknown, LabelStatus.None, 0, Window },
        { RunMode.Provisioning, ResetReason.FactoryReset, LabelStatus.Ok, 0, Window },
        { RunMode.Provisioning, ResetReason.Stall, LabelStatus.Ok, 0, Window },
        { RunMode.Provisioning, ResetReason.AccessPoint, LabelStatus.Ok, 0, 0 },
        { RunMode.Provisioning, ResetReason.AccessPoint, LabelStatus.Ok, Window, Window },
        { RunMode.Provisioning, ResetReason.FirstStart, LabelStatus.Unreadable, 0, 0 },
        { RunMode.Normal, ResetReason.FirstStart, LabelStatus.Ok, 0, 0 },
        { RunMode.Normal, ResetReason.Unknown, LabelStatus.Ok, 600_000, 0 },
        { RunMode.Normal, ResetReason.Command, LabelStatus.Ok, 600_000, 600_000 },
        { RunMode.Normal, ResetReason.Provisioned, LabelStatus.Ok, 0, 0 },
        { RunMode.Safe, ResetReason.Stall, LabelStatus.None, 0, 0 },
        { RunMode.Normal, ResetReason.Command, LabelStatus.Unreadable, 600_000, 0 },
    };

    [Theory]
    [MemberData(nameof(Boots))]
    public void AtBoot_DecidesFromTheModeTheLastEndTheLabelAndTheCarriedWindow(RunMode mode, ResetReason previous, LabelStatus label, int carried, int expected)
    {
        DeviceLabel given = label switch
        {
            LabelStatus.Ok => LabelSamples.Loaded(),
            LabelStatus.None => new DeviceLabel(),
            _ => Unreadable(),
        };

        Assert.Equal(expected, AccessPointWindow.AtBoot(mode, previous, given, carried, Window));
    }

    [Fact]
    public void LabelSecrets_NeverInTheLogTheMetadataOrTheDiagnostics()
    {
        var ap = new FakeAccessPoint();
        LoopRig rig = Provisioned(ap);
        rig.Run(6_000);
        rig.Command("start_ap", 1);
        rig.Command("get_diagnostics", 2);
        rig.Run(2_000);

        string diagnostics = rig.Diagnostics().GetRawText();
        string published = string.Join("\n", rig.Session.Sent.Select(p => p.Payload));
        foreach (string secret in new[] { LabelSamples.ApKey, LabelSamples.Pop })
        {
            Assert.DoesNotContain(rig.Sink.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, diagnostics, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, published, StringComparison.Ordinal);
        }
    }

    private const string AccessPointRecord = "ap.rec";

    private static int StartApTimeout(LoopRig rig) => rig.Result("start_ap").GetProperty("payload").GetProperty("timeoutS").GetInt32();

    private static LoopRig Unprovisioned(FakeAccessPoint ap, DeviceLabel? label)
    {
        var store = new MemoryFileStore();
        if (label is not null)
        {
            store.Files[DeviceLabel.FileName] = LabelSamples.Record(label);
        }

        return new LoopRig(provisioned: false, store: store, accessPoint: ap, button: true, options: new RuntimeOptions { TickMs = 200 });
    }

    private static LoopRig Provisioned(FakeAccessPoint ap)
    {
        var store = new MemoryFileStore();
        Assert.True(new SettingsRepository(store).Save(LoopRig.Settings()));
        store.Files[DeviceLabel.FileName] = LabelSamples.Record(LabelSamples.Label());
        return new LoopRig(store: store, accessPoint: ap, options: new RuntimeOptions { TickMs = 200 });
    }

    private static void Press(LoopRig rig, int ms)
    {
        rig.Button.IsPressed = true;
        rig.Run(ms);
        rig.Button.IsPressed = false;
        rig.Run(500);
    }

    private static DeviceLabel Unreadable()
    {
        var store = new MemoryFileStore();
        store.Files[DeviceLabel.FileName] = [0];
        return DeviceLabel.Load(store);
    }
}
