using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Storage;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>The logger's cloud side as the host runs it: own MQTT client over TLS, outbox in a directory, Kaa protocol, real clock.</summary>
internal sealed class LoggerUnderTest : IDisposable
{
    public const string App = "energylogger-test-v1";
    public const string Token = "tok123";

    private readonly SystemClock _clock = new();

    public LoggerUnderTest(MosquittoBroker broker, int port, string dir)
    {
        Dir = dir;
        Store = new DirectoryFileStore(dir);
        Outbox = new Outbox(Store, new OutboxOptions());
        Outbox.Open();
        Settings.Connection = SessionDriver.Options(broker, port, CloudSettings.ClientIdFor([0x02, 0x00, 0x00, 0x12, 0x34, 0x56]));
        Settings.Connection.KeepAliveSeconds = 5;
        Settings.BackoffBaseMs = 200;
        Settings.BackoffMaxMs = 1000;
        Settings.ReplyTimeoutMs = 5000;
        Client = new MqttNetSession(_clock);
        var uplink = new TelemetryUplink([Outbox], Settings, Outbox.Options.MaxBatchBytes, 1);
        var commands = new CommandCenter([new RebootCommand(), new VersionCommand(Host)], 8, 2048, Counters);
        Protocol = new CloudSession(Client, new KaaDialect(new KaaTopics(App), [Token]), uplink, commands, new ConfigApplier(new ConfigStore(Store), Host, Counters),
            Host, Host, Host, Settings, Counters);
        Link = new CloudLink(Client, _clock, Settings, Protocol, Counters, 42);
    }

    public string Dir { get; }

    public DirectoryFileStore Store { get; }

    public Outbox Outbox { get; }

    public CloudSettings Settings { get; } = new();

    public CloudCounters Counters { get; } = new();

    public IntegrationHost Host { get; } = new();

    public MqttNetSession Client { get; }

    public CloudSession Protocol { get; }

    public CloudLink Link { get; }

    public int Produced { get; private set; }

    public void Produce()
    {
        byte[] sample = Encoding.ASCII.GetBytes($"{{\"v\":1,\"n\":{Produced},\"mono\":{_clock.MonotonicMs}}}");
        Outbox.Append(sample, 0, sample.Length);
        Produced++;
    }

    /// <summary>Ticks the link for a while, producing a sample every <paramref name="produceEveryMs"/> (0: none).</summary>
    public void Run(TimeSpan duration, int produceEveryMs = 0, Func<bool>? until = null)
    {
        DateTime end = DateTime.UtcNow + duration;
        DateTime nextSample = DateTime.UtcNow;
        while (DateTime.UtcNow < end && !(until?.Invoke() ?? false))
        {
            if (produceEveryMs > 0 && DateTime.UtcNow >= nextSample)
            {
                Produce();
                nextSample = DateTime.UtcNow.AddMilliseconds(produceEveryMs);
            }

            Link.Tick();
            Thread.Sleep(10);
        }
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>The runtime side for the integration tests: facts to report, records of configs and offers.</summary>
internal sealed class IntegrationHost : IFactsSource, IRegisterAccess, IConfigTarget, IUpdateOffers, EnergyLogger.Core.Ports.IReboot
{
    private readonly DeviceFacts _facts = new() { FirmwareVersion = "0.1.11", Build = "test", Mac = "020000123456", Ip = "127.0.0.1", Rssi = -55 };

    public List<CloudConfig> Applied { get; } = new();

    public int Reboots;

    public EnergyLogger.Core.Registers.RegisterMap? Map => Applied.LastOrDefault()?.Map;

    public string? ConfigId => Applied.LastOrDefault()?.Id;

    public DeviceFacts? Facts(int endpoint) => endpoint == 0 ? _facts : null;

    public EnergyLogger.Core.Modbus.ModbusMaster? Bus(int slave) => null;

    public void ApplyConfig(CloudConfig config) => Applied.Add(config);

    public void Offer(byte[] json, int offset, int count)
    {
    }

    public void Reboot() => Interlocked.Increment(ref Reboots);
}
