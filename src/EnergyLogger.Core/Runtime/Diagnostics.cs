using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The logger's health in numbers (docs/runtime.md, "Diagnostics"): uptime, boots and the reset reason, free
    /// memory, Wi-Fi signal, MODBUS error counters, outbox depth and drops, the cloud link, the loop's timing and
    /// the clock anchor. Published as extra metadata keys (names match <c>^[a-zA-Z0-9_]+$</c>, RFC 10) and
    /// answered to <c>get_diagnostics</c>. One list feeds both, so they never disagree.
    /// </summary>
    public sealed class Diagnostics
    {
        private readonly RuntimePorts _ports;
        private readonly BootJournal _journal;
        private readonly LoopStats _stats;
        private readonly OutboxShelf _outboxes;
        private readonly CloudCounters _cloud;
        private readonly RunMode _mode;
        private readonly long _startMs;
        private DeviceFacts _facts;
        private JsonWriter _writer;

        public Diagnostics(RuntimePorts ports, BootJournal journal, LoopStats stats, OutboxShelf outboxes, CloudCounters cloud, RunMode mode)
        {
            _ports = ports;
            _journal = journal;
            _stats = stats;
            _outboxes = outboxes;
            _cloud = cloud;
            _mode = mode;
            _startMs = ports.Clock.MonotonicMs;
        }

        public void AddTo(DeviceFacts facts)
        {
            _facts = facts;
            Emit();
            _facts = null;
        }

        /// <summary>Writes the members into an object the caller opened.</summary>
        public void WriteMembers(JsonWriter w)
        {
            _writer = w;
            Emit();
            _writer = null;
        }

        private void Emit()
        {
            long now = _ports.Clock.MonotonicMs;
            Number("uptime_s", (now - _startMs) / 1000);
            Text("mode", RunModes.Text(_mode));
            Number("boots", _journal.Boots);
            Text("reset_reason", ResetReasonText.Of(_journal.PreviousReason));
            Text("reset_detail", _journal.PreviousDetail.Length == 0 ? null : _journal.PreviousDetail);
            Number("failed_boots", _journal.FailedBootsBefore);
            long free = _ports.Memory == null ? -1 : _ports.Memory.FreeBytes;
            if (free >= 0)
            {
                Number("free_mem", free);
            }

            Number("rssi_dbm", _ports.Network.Rssi);
            EmitModbus();
            EmitOutboxes();
            Number("cloud_connects", _cloud.Connects);
            Number("cloud_lost", _cloud.ConnectionsLost);
            Number("cloud_timeouts", _cloud.Timeouts);
            Text("cloud_last_error", _cloud.LastError);
            Number("loop_longest_ms", _stats.LongestIterationMs);
            Number("loop_over_budget", _stats.OverBudget);
            Number("cycles", _stats.Cycles);
            Number("samples_unsynced", _stats.SamplesUnsynced);
            Text("layout_mismatch", _stats.LayoutMismatch);
            if (_stats.SyncedAtMonoMs >= 0)
            {
                Number("clock_anchor_mono", _stats.SyncedAtMonoMs);
                Number("clock_anchor_unix", _stats.SyncedAtUnixMs);
            }
        }

        private void EmitModbus()
        {
            var total = new ModbusCounters();
            ModbusMaster[] buses = _ports.Buses;
            for (int b = 0; buses != null && b < buses.Length; b++)
            {
                ModbusCounters c = buses[b].Counters;
                total.Requests += c.Requests;
                total.Timeouts += c.Timeouts;
                total.CrcErrors += c.CrcErrors;
                total.Exceptions += c.Exceptions;
                total.WrongSlave += c.WrongSlave;
                total.BadResponses += c.BadResponses;
                total.Truncated += c.Truncated;
                total.LinkErrors += c.LinkErrors;
            }

            Number("modbus_requests", total.Requests);
            Number("modbus_timeouts", total.Timeouts);
            Number("modbus_crc_errors", total.CrcErrors);
            Number("modbus_exceptions", total.Exceptions);
            Number("modbus_other_errors", total.WrongSlave + total.BadResponses + total.Truncated + total.LinkErrors);
        }

        /// <summary>
        /// Every sample handed over is stored (appended) or refused; stored records are acknowledged, pending, dropped,
        /// or merged into an aggregate that stands for them.
        /// </summary>
        private void EmitOutboxes()
        {
            int appended = 0, restored = 0, acknowledged = 0, pending = 0, dropped = 0, merged = 0, refused = 0, bytes = 0;
            for (int i = 0; i < _outboxes.Count; i++)
            {
                Outbox o = _outboxes[i];
                appended += o.Counters.Appended;
                restored += o.Counters.Restored;
                acknowledged += o.Counters.Acknowledged;
                pending += o.Pending;
                dropped += o.Counters.Dropped;
                merged += o.Counters.Merged;
                refused += o.Counters.Refused;
                bytes += o.StoredBytes;
            }

            Number("samples", _stats.Samples);
            Number("samples_too_large", _stats.SamplesTooLarge);
            Number("outbox_appended", appended);
            Number("outbox_restored", restored);
            Number("outbox_acknowledged", acknowledged);
            Number("outbox_depth", pending);
            Number("outbox_dropped", dropped);
            Number("outbox_merged", merged);
            Number("outbox_refused", refused);
            Number("outbox_bytes", bytes);
        }

        private void Number(string name, double value)
        {
            if (_facts != null)
            {
                _facts.Set(name, value);
                return;
            }

            _writer.Name(name);
            _writer.Number(value);
        }

        private void Text(string name, string value)
        {
            if (value == null)
            {
                return;
            }

            if (_facts != null)
            {
                _facts.Set(name, value);
                return;
            }

            _writer.Name(name);
            _writer.String(value);
        }
    }
}
