using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Fakes;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>Log lines as the console would get them.</summary>
public sealed class RecordingLog : ILog
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
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

    public IEnumerable<string> From(string source) => Lines.Where(l => l.Contains(" src=" + source + " ", StringComparison.Ordinal));
}

/// <summary>A joined station; a join ends as <see cref="JoinOutcome"/> says, and a scan finds <see cref="InRange"/> once <see cref="FinishScan"/> is called.</summary>
public sealed class FakeNetwork : INetwork
{
    private bool _scanning;

    public NetworkState State { get; set; } = NetworkState.Connected;

    public int Rssi { get; set; } = -63;

    public byte[] Mac { get; set; } = [0x24, 0x6F, 0x28, 0xAB, 0xCD, 0xEF];

    public string? Ip { get; set; } = "192.168.1.77";

    public string? Ssid { get; set; } = "Home Net";

    public int Channel { get; set; } = 6;

    /// <summary>The state a join of (ssid, key) leaves; Connected by default.</summary>
    public Func<string, string, NetworkState> JoinOutcome { get; set; } = (_, _) => NetworkState.Connected;

    public List<(string Ssid, string Key)> Joins { get; } = new();

    public ScannedNetwork[] InRange { get; set; } = [];

    public bool ScanRefused { get; set; }

    public int ScansStarted { get; private set; }

    public ScannedNetwork[]? ScanResults { get; private set; }

    public void Join(string ssid, string key)
    {
        Joins.Add((ssid, key));
        Ssid = ssid;
        State = JoinOutcome(ssid, key);
    }

    public bool StartScan()
    {
        if (ScanRefused)
        {
            return false;
        }

        ScansStarted++;
        _scanning = true;
        ScanResults = null;
        return true;
    }

    public void FinishScan()
    {
        if (_scanning)
        {
            _scanning = false;
            ScanResults = InRange;
        }
    }
}

/// <summary>Counts reboots; the loop must return after one.</summary>
public sealed class FakeReboot : IReboot
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reboot() => Interlocked.Increment(ref _count);
}

public sealed class FakeWatchdog : IWatchdog
{
    public int Feeds { get; private set; }

    public void Feed() => Feeds++;
}

public sealed class FakeMemory : IMemoryInfo
{
    public long FreeBytes { get; set; } = 123456;

    public long FreeFlashBytes { get; set; } = 1_500_000;
}

public sealed class FakeButton : IButton
{
    public bool IsPressed { get; set; }
}

public sealed class FakeLeds : ILeds
{
    public bool[] Lit { get; } = new bool[6];

    public void Set(Led led, bool on) => Lit[(int)led] = on;
}

/// <summary>The OTA updater as the loop sees it: counts steps, can ask for a reboot, throw, take time or hold reports.</summary>
public sealed class FakeUpdater : IUpdater
{
    public List<string> Offers { get; } = new();

    /// <summary>Reports waiting for delivery, oldest first.</summary>
    public Queue<EnergyLogger.Core.Ota.UpdateReport> Reports { get; } = new();

    public List<EnergyLogger.Core.Ota.UpdateReport> Delivered { get; } = new();

    public int LongestStepMs { get; set; } = 90_000;

    /// <summary>Virtual time one step takes (a signature check on the device).</summary>
    public int StepMs { get; set; }

    /// <summary>Runs at the end of a step, before it returns: what another thread sees while the step is still busy.</summary>
    public Action? DuringStep { get; set; }

    public int Steps { get; private set; }

    public List<long> StepTimes { get; } = new();

    public VirtualClock? Clock { get; set; }

    public bool InProgress { get; set; }

    public bool RebootRequested { get; set; }

    public Exception? ThrowOnStep { get; set; }

    public (bool Modbus, bool Broker) LastHealth { get; private set; }

    public void Offer(byte[] json, int offset, int count) => Offers.Add(System.Text.Encoding.UTF8.GetString(json, offset, count));

    public void Step()
    {
        if (ThrowOnStep != null)
        {
            throw ThrowOnStep;
        }

        Steps++;
        StepTimes.Add(Clock?.MonotonicMs ?? 0);
        Clock?.Advance(StepMs);
        DuringStep?.Invoke();
    }

    public void ReportHealth(bool modbusAnswered, bool brokerConnected) => LastHealth = (modbusAnswered, brokerConnected);

    public bool WriteReport(EnergyLogger.Core.Json.JsonWriter writer)
    {
        if (!Reports.TryPeek(out EnergyLogger.Core.Ota.UpdateReport? report))
        {
            return false;
        }

        report.WriteKaaApplied(writer);
        return true;
    }

    public void ReportDelivered() => Delivered.Add(Reports.Dequeue());
}

/// <summary>
/// A bus whose every read blocks until released: the stalled RS-485 driver of RELIABILITY W1. <see cref="Entered"/>
/// is set once a read is waiting, so a test knows the loop is stuck without timing anything.
/// </summary>
public sealed class BlockingLink : IByteLink
{
    private readonly ManualResetEventSlim _release = new(false);

    public ManualResetEventSlim Entered { get; } = new(false);

    public LinkStatus Write(byte[] buffer, int offset, int count) => LinkStatus.Ok;

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        Entered.Set();
        _release.Wait();
        received = 0;
        return LinkStatus.Error;
    }

    public void DiscardInput()
    {
    }

    public void Release() => _release.Set();
}

/// <summary>
/// The soft-AP as Core sees it, recording how it was configured: WPA2-PSK with the key, or open. With
/// <see cref="RestartToChange"/> it behaves as the ESP32 does, where a change takes effect only after a restart.
/// </summary>
public sealed class FakeAccessPoint : IAccessPoint
{
    public bool RestartToChange { get; init; }

    public bool IsOpen { get; private set; }

    /// <summary>"wpa2-psk KEY", "open" or "closed", one per call, in order.</summary>
    public List<string> Calls { get; } = [];

    public bool Open(string key)
    {
        Calls.Add(key.Length == 0 ? "open" : "wpa2-psk " + key);
        bool changed = !IsOpen;
        IsOpen = true;
        return RestartToChange && changed;
    }

    public bool Close()
    {
        Calls.Add("closed");
        bool changed = IsOpen;
        IsOpen = false;
        return RestartToChange && changed;
    }
}
