using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Simulator;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Cli;

/// <summary>The demo's broker side: one <see cref="BrokerUplink"/> with the demo's identity, and a line whenever the link changes.</summary>
internal sealed class DemoPublisher : IDisposable
{
    /// <summary>A locally administered MAC (bit 1 of the first octet), so the demo never poses as a real dongle.</summary>
    private static readonly byte[] DemoMac = [0x02, 0x45, 0x4C, 0x00, 0x00, 0x01];

    private readonly BrokerTarget _broker;
    private readonly BrokerUplink _uplink;
    private readonly string _outboxDirectory;
    private bool _wasOnline;
    private string? _lastError;

    private DemoPublisher(BrokerTarget broker, BrokerUplink uplink, string outboxDirectory)
    {
        _broker = broker;
        _uplink = uplink;
        _outboxDirectory = outboxDirectory;
    }

    public static DemoPublisher Start(BrokerTarget broker, RegisterMap map, SimulatedDongle dongle)
    {
        string clientId = CloudSettings.ClientIdFor(DemoMac);
        string directory = Path.Combine(Path.GetTempPath(), $"energylogger-demo-{Environment.ProcessId}");
        var facts = new DeviceFacts { FirmwareVersion = typeof(DemoCommand).Assembly.GetName().Version?.ToString(3), Build = "demo", Mac = clientId[^12..], Ip = "127.0.0.1" };
        facts.Set("model", map.Name);
        var uplink = new BrokerUplink(broker, clientId, new UplinkHost(facts, map, dongle.Master), new SystemClock(), directory, jitterSeed: 1);
        Console.WriteLine($"broker: {broker.Describe()} as {clientId}, topics under {uplink.Prefix}/");
        var publisher = new DemoPublisher(broker, uplink, directory);
        publisher.Serve(0, CancellationToken.None);
        return publisher;
    }

    public void Publish(SimulatedDongle dongle)
    {
        _uplink.Enqueue(dongle.Json.Buffer, 0, dongle.Json.Length);
        Serve(0, CancellationToken.None);
    }

    public void Serve(int milliseconds, CancellationToken stop)
    {
        long end = Environment.TickCount64 + milliseconds;
        do
        {
            _uplink.TickFor(20);
            Report();
        }
        while (Environment.TickCount64 < end && !stop.IsCancellationRequested);
    }

    /// <summary>Gives the backlog a bounded time to reach the broker; exit 1 when some of it did not.</summary>
    public int Finish(int drainLimitMs)
    {
        bool drained = _uplink.Drain(drainLimitMs);
        Report();
        _uplink.Close();
        OutboxCounters counters = _uplink.Outbox.Counters;
        string tls = _uplink.TlsProtocol switch
        {
            System.Security.Authentication.SslProtocols.Tls13 => ", over TLS 1.3",
            System.Security.Authentication.SslProtocols.Tls12 => ", over TLS 1.2",
            _ => "",
        };
        Console.WriteLine($"broker: {counters.Appended} samples stored, {counters.Acknowledged} acknowledged in {counters.BatchesAcknowledged} batches, {_uplink.Outbox.Pending} left{tls}");
        if (drained)
        {
            return 0;
        }

        ConsoleOutput.Failed("energylogger demo", $"{_uplink.Outbox.Pending} samples did not reach {_broker.Describe()}: {_uplink.Counters.LastError ?? "no acknowledgement"}");
        return 1;
    }

    public void Dispose()
    {
        _uplink.Dispose();
        Directory.Delete(_outboxDirectory, recursive: true);
    }

    private void Report()
    {
        if (_uplink.Online != _wasOnline)
        {
            _wasOnline = _uplink.Online;
            if (_wasOnline)
            {
                Console.WriteLine($"broker: connected to {_broker.Describe()}");
            }
        }

        string? error = _uplink.Counters.LastError;
        if (!_wasOnline && error is not null && error != _lastError)
        {
            Console.WriteLine($"broker: {error}; retrying");
        }

        _lastError = error;
    }
}
