using EnergyLogger.Core.Json;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Writes the logger's state for the local status page every two seconds when the iteration has time (docs/local-access.md):
    /// the link (state, network, signal, address), the cloud (online), the local MODBUS TCP server and the diagnostics the
    /// cloud gets. No secret is in any of them. The sample itself comes from <see cref="Polling"/> each cycle.
    /// </summary>
    internal sealed class StatusRefresh : ILoopTask
    {
        private const int PeriodMs = 2000;
        private static readonly string[] States = { "down", "connecting", "connected", "failed", "access-point" };

        private readonly StatusBoard _board;
        private readonly PageSwitch _page;
        private readonly INetwork _network;
        private readonly CloudStack _cloud;
        private readonly LocalSwitch _local;
        private readonly Diagnostics _diagnostics;
        private readonly IClock _clock;
        private readonly RuntimeOptions _options;
        private readonly JsonWriter _json = new JsonWriter(2048, 4);
        private long _nextMs;

        public StatusRefresh(StatusBoard board, PageSwitch page, INetwork network, CloudStack cloud, LocalSwitch local, Diagnostics diagnostics, IClock clock,
            RuntimeOptions options)
        {
            _board = board;
            _page = page;
            _network = network;
            _cloud = cloud;
            _local = local;
            _diagnostics = diagnostics;
            _clock = clock;
            _options = options;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            // Nobody can read the state while the page is off: the loop's time is not spent on it.
            if (startMs < _nextMs || _options.IterationBudgetMs < _clock.MonotonicMs - startMs || !_page.On)
            {
                return;
            }

            _nextMs = startMs + PeriodMs;
            heartbeat.Beat("status", startMs);
            _json.Reset();
            _json.BeginObject();
            _json.Name("link");
            _json.BeginObject();
            _json.Name("state");
            _json.String(States[(int)_network.State]);
            _json.Name("ssid");
            _json.String(_network.Ssid);
            _json.Name("rssi_dbm");
            _json.Integer(_network.Rssi);
            _json.Name("ip");
            _json.String(_network.Ip);
            _json.EndObject();
            _json.Name("cloud");
            _json.BeginObject();
            _json.Name("online");
            _json.Bool(_cloud != null && _cloud.Online);
            _json.EndObject();
            _json.Name("local");
            _json.BeginObject();
            _json.Name("modbus");
            _json.Bool(_local != null && _local.On);
            _json.Name("modbus_port");
            _json.Integer(_local == null ? 0 : _local.Port);
            _json.EndObject();
            _json.Name("diagnostics");
            _json.BeginObject();
            _diagnostics.WriteMembers(_json);
            _json.EndObject();
            _json.EndObject();
            if (!_json.Overflowed)
            {
                _board.PublishState(_json.Buffer, _json.Length);
            }
        }
    }
}
