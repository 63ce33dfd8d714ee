using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// The whole firmware on fakes: a virtual clock that moves when the loop sleeps or waits on the bus, memory
/// flash, a scripted RTU slave (id 1), a scripted MQTT session answered like Kaa, and the loop built the way
/// the device builds it (BootContext, then MainLoop).
/// </summary>
internal sealed class LoopRig
{
    public const long StartMs = 1_000_000;
    public const string App = "app-v1";
    public const string Token = "tok-0123456789";

    /// <summary>grid power (fast), battery SOC (normal), a serial number (metadata), all on slave 1.</summary>
    public static readonly string DefaultMap = MapText.With(
        points: MapText.List(
            """{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"}""",
            """{"name":"soc","address":11,"target":"battery.soc"}"""),
        metadata: MapText.List("""{"name":"serial_number","address":100,"type":"string","count":2}"""));

    public LoopRig(string? map = null, bool provisioned = true, MemoryFileStore? store = null, RuntimeOptions? options = null,
        IByteLink? link = null, bool synced = true, FakeUpdater? updater = null, bool button = false,
        Func<VirtualClock, MemoryFileStore, Log, IUpdater>? ota = null, FirmwareIdentity? firmware = null, IAccessPoint? accessPoint = null,
        IHttpPost? influx = null)
    {
        Clock = new VirtualClock(StartMs) { WallClockSynced = synced };
        Store = store ?? new MemoryFileStore();
        if (provisioned && store == null)
        {
            Assert.True(new SettingsRepository(Store).Save(Settings()));
        }

        Options = options ?? new RuntimeOptions();
        Scripted = new ScriptedSlaveLink(Clock);
        Slave = Scripted.AddSlave(1).SetHolding(10, unchecked((ushort)-1200), 64).SetHolding(100, 0x534E, 0x3432);
        Master = new ModbusMaster(link ?? Scripted, Clock, new RtuFramer(), new MasterOptions());
        Session = new FakeMqttSession(Clock) { Responder = Kaa.Answer };
        Updater = updater;
        if (updater != null)
        {
            updater.Clock = Clock;
        }

        var log = new Log(Sink, Clock) { MinLevel = LogLevel.Debug };
        Ota = ota?.Invoke(Clock, Store, log);
        Ports = new RuntimePorts
        {
            Clock = Clock,
            Files = Store,
            Mqtt = Session,
            Network = Network,
            Reboot = Reboots,
            Log = log,
            Buses = [Master],
            Leds = Leds,
            Button = button ? Button : null,
            Memory = Memory,
            Updater = (IUpdater?)updater ?? Ota,
            AccessPoint = accessPoint,
            Influx = influx,
        };
        Boot = BootContext.Read(Store, Options, log);
        Loop = new MainLoop(Boot, MapText.Load(map ?? DefaultMap), Ports, firmware ?? new FirmwareIdentity("1.2.3", "20260201.4"), Options);
    }

    public VirtualClock Clock { get; }

    public MemoryFileStore Store { get; }

    public RuntimeOptions Options { get; }

    public ScriptedSlaveLink Scripted { get; }

    public SlaveImage Slave { get; }

    public ModbusMaster Master { get; }

    public FakeMqttSession Session { get; }

    public KaaResponder Kaa { get; } = new();

    public FakeNetwork Network { get; } = new();

    public FakeReboot Reboots { get; } = new();

    public RecordingLog Sink { get; } = new();

    public FakeLeds Leds { get; } = new();

    public FakeButton Button { get; } = new();

    public FakeMemory Memory { get; } = new();

    public FakeUpdater? Updater { get; }

    /// <summary>The updater the <c>ota</c> factory built, when one was given.</summary>
    public IUpdater? Ota { get; }

    public RuntimePorts Ports { get; }

    public BootContext Boot { get; }

    public MainLoop Loop { get; }

    public static DeviceSettings Settings()
    {
        var s = new DeviceSettings();
        Assert.Null(s.Set(SettingFields.WifiSsid, "Home Net"));
        Assert.Null(s.Set(SettingFields.WifiKey, "correct horse battery"));
        Assert.Null(s.Set(SettingFields.MqttHost, "broker.example"));
        Assert.Null(s.Set(SettingFields.KaaToken, Token));
        Assert.Null(s.Set(SettingFields.KaaApp, App));
        return s;
    }

    /// <summary>Runs iterations for <paramref name="ms"/> of virtual time, or until the loop ends; returns how many.</summary>
    public int Run(long ms)
    {
        long end = Clock.MonotonicMs + ms;
        int n = 0;
        while (Clock.MonotonicMs < end && Loop.RunOnce())
        {
            n++;
        }

        return n;
    }

    public string Topic(string ext, string path) => "kp1/" + App + "/" + ext + "/" + Token + "/" + path;

    /// <summary>Every sample in every DCX batch published, in order.</summary>
    public List<JsonElement> Samples() =>
        Session.On("/dcx/").SelectMany(s => JsonDocument.Parse(s.Payload).RootElement.EnumerateArray().Select(e => e.Clone())).ToList();

    /// <summary>The payload of the last result of a command type.</summary>
    public JsonElement Result(string type)
    {
        Sent sent = Session.On("/cex/" + Token + "/result/" + type + "/").Last();
        return JsonDocument.Parse(sent.Payload).RootElement[0].Clone();
    }

    public void Command(string type, int id, string payload = "{}") =>
        Session.Push(Topic("cex", "command/" + type + "/status"), "[{\"id\":" + id + ",\"payload\":" + payload + "}]");

    /// <summary>The diagnostics the loop would publish now, as a JSON object.</summary>
    public JsonElement Diagnostics()
    {
        var w = new EnergyLogger.Core.Json.JsonWriter(4096, 4);
        w.BeginObject();
        Loop.Diagnostics.WriteMembers(w);
        w.EndObject();
        return JsonDocument.Parse(Encoding.UTF8.GetString(w.Buffer, 0, w.Length)).RootElement.Clone();
    }

    /// <summary>A second boot on the same flash, as after a reboot.</summary>
    public LoopRig Reboot(RuntimeOptions? options = null, IAccessPoint? accessPoint = null, bool button = false, IHttpPost? influx = null) =>
        new(provisioned: true, store: Store, options: options ?? Options, accessPoint: accessPoint, button: button, influx: influx);
}
