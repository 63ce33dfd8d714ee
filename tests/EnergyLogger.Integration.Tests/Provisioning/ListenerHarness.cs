using System.Net;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Provisioning;
using EnergyLogger.Host.Storage;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary>
/// A real port-4242 listener on a loopback port of its own, storing into a fresh directory; with a label whose code it
/// asks for, and the clock its lockout counts on, when the test gives them.
/// </summary>
internal sealed class ListenerHarness : IDisposable
{
    private int _applied;

    public ListenerHarness(ProvisioningListenerOptions? options = null, DeviceLabel? label = null, IClock? clock = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "el-prov-" + Guid.NewGuid().ToString("N")[..12]);
        Store = new DirectoryFileStore(Directory);
        Repository = new SettingsRepository(Store);
        clock ??= new SystemClock();
        Gate = new AuthGate(label ?? new DeviceLabel(), clock);
        Listener = new ProvisioningListener(new IPEndPoint(IPAddress.Loopback, 0), Repository, clock, options ?? new ProvisioningListenerOptions(), Gate,
            () => Interlocked.Increment(ref _applied));
        Listener.Start();
    }

    public AuthGate Gate { get; }

    public string Directory { get; }

    public DirectoryFileStore Store { get; }

    public SettingsRepository Repository { get; }

    public ProvisioningListener Listener { get; }

    public int Port => Listener.Endpoint.Port;

    /// <summary>Times the listener asked for the reboot into station mode.</summary>
    public int RebootRequests => Volatile.Read(ref _applied);

    /// <summary>What a fresh boot would load from the directory.</summary>
    public DeviceSettings Stored(out SettingsSource source)
    {
        source = new SettingsRepository(new DirectoryFileStore(Directory)).Load(out DeviceSettings settings);
        return settings;
    }

    /// <summary>Every byte stored, for "no secret in plain sight" and "nothing changed" checks.</summary>
    public Dictionary<string, byte[]> Files() =>
        System.IO.Directory.GetFiles(Directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    public void Dispose()
    {
        Listener.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
