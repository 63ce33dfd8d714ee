using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Storage;

namespace EnergyLogger.Host.Uplink;

/// <summary>
/// The cloud side of one virtual dongle, composed as the device composes it: every sample goes into a
/// CRC-checked <see cref="Outbox"/> on disk first, <see cref="CloudLink"/> keeps the session to the broker
/// up (backoff and jitter included) and <see cref="CloudSession"/> in the <see cref="CustomMqttDialect"/> sends the
/// backlog in batches that leave the outbox on the broker's PUBACK. Driven by <see cref="Tick"/> from one thread.
/// </summary>
internal sealed class BrokerUplink : IDisposable
{
    private readonly IClock _clock;
    private readonly MqttNetSession _client;
    private readonly CustomMqttDialect _dialect;
    private readonly CloudSession _session;
    private readonly CloudLink _link;

    public BrokerUplink(BrokerTarget target, string clientId, UplinkHost host, IClock clock, string outboxDirectory, uint jitterSeed, int keepAliveSeconds = 60)
    {
        _clock = clock;
        Prefix = target.PrefixFor(clientId);
        var store = new DirectoryFileStore(outboxDirectory);
        Outbox = new Outbox(store, new OutboxOptions());
        Outbox.Open();
        var settings = new CloudSettings { Connection = target.ConnectOptions(clientId, keepAliveSeconds) };
        CustomMqttDialect.ConfigureWill(settings.Connection, Prefix);
        _client = new MqttNetSession(clock);
        var uplink = new TelemetryUplink([Outbox], settings, Outbox.Options.MaxBatchBytes, jitterSeed);
        var commands = new CommandCenter([new VersionCommand(host), new RegsReadCommand(host)], 8, 2048, Counters);
        _dialect = new CustomMqttDialect(Prefix, [""], null);
        _session = new CloudSession(_client, _dialect, uplink, commands, new ConfigApplier(new ConfigStore(store), host, Counters), host, host, host,
            settings, Counters);
        _link = new CloudLink(_client, clock, settings, _session, Counters, jitterSeed);
    }

    public string Prefix { get; }

    public Outbox Outbox { get; }

    public CloudCounters Counters { get; } = new();

    public bool Online => _link.State == LinkState.Online;

    /// <summary>The TLS version the broker agreed to on the last connection; None for plain MQTT or none yet.</summary>
    public System.Security.Authentication.SslProtocols TlsProtocol => _client.TlsProtocol;

    /// <summary>Stores the sample for delivery and, while online, shows it on the retained state topic.</summary>
    public AppendStatus Enqueue(byte[] sample, int offset, int count)
    {
        AppendStatus status = Outbox.Append(sample, offset, count);
        if (Online)
        {
            _session.PublishLatest(sample, offset, count);
        }

        return status;
    }

    public void Tick() => _link.Tick();

    /// <summary>Ticks for <paramref name="milliseconds"/> of real time, pausing <paramref name="stepMs"/> between ticks.</summary>
    public void TickFor(int milliseconds, int stepMs = 20)
    {
        long end = _clock.MonotonicMs + milliseconds;
        do
        {
            Tick();
            _clock.Sleep(stepMs);
        }
        while (_clock.MonotonicMs < end);
    }

    /// <summary>Ticks until every stored sample is acknowledged or <paramref name="limitMs"/> has passed; true when drained.</summary>
    public bool Drain(int limitMs)
    {
        long end = _clock.MonotonicMs + limitMs;
        while (Outbox.Pending > 0 && _clock.MonotonicMs < end)
        {
            TickFor(20);
        }

        return Outbox.Pending == 0;
    }

    /// <summary>
    /// Marks the dongle offline on its retained status topic, then ends the session cleanly. The broker
    /// handles the PUBLISH before the DISCONNECT behind it on the same connection, so no wait is needed.
    /// </summary>
    public void Close()
    {
        if (Online)
        {
            byte[] offline = Encoding.UTF8.GetBytes(CustomMqttDialect.Offline);
            _client.Publish(_dialect.StatusTopic, offline, 0, offline.Length, MqttQos.AtLeastOnce, true);
        }

        _link.Close();
    }

    public void Dispose() => _client.Dispose();
}
