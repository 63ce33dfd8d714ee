using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The answer to <c>get_diagnostics</c> (docs/cloud.md, "get_diagnostics"): the figures the metadata carries (<see cref="Diagnostics"/>),
    /// then what an installer needs on top and the metadata has no room for: the last three resets, the network in use,
    /// the heap's low-water mark and the free flash, the firmware and config ids, every cloud counter, the schedule's runs,
    /// and one entry per device of the map with its bus health.
    /// </summary>
    internal sealed class DiagnosticsReport
    {
        private readonly Diagnostics _diagnostics;
        private readonly BootJournal _journal;
        private readonly RuntimePorts _ports;
        private readonly MemoryWatch _memory;
        private readonly FirmwareIdentity _firmware;
        private readonly ConfigInUse _config;
        private readonly CloudCounters _cloud;
        private readonly ScheduleRunner _schedule;

        /// <param name="schedule">The schedule runner, or null where nothing is polled (safe mode).</param>
        public DiagnosticsReport(Diagnostics diagnostics, BootJournal journal, RuntimePorts ports, MemoryWatch memory, FirmwareIdentity firmware,
            ConfigInUse config, CloudCounters cloud, ScheduleRunner schedule)
        {
            _schedule = schedule;
            _diagnostics = diagnostics;
            _journal = journal;
            _ports = ports;
            _memory = memory;
            _firmware = firmware;
            _config = config;
            _cloud = cloud;
        }

        /// <summary>Writes the members into an object the caller opened.</summary>
        public void WriteMembers(JsonWriter w)
        {
            _diagnostics.WriteMembers(w);
            WriteResets(w);
            WriteNetwork(w);
            WriteStorage(w);
            w.Name("fw");
            w.String(_firmware.Version);
            w.Name("build");
            w.String(_firmware.Build);
            w.Name("config_id");
            w.String(_config.ConfigId);
            WriteCloud(w);
            if (_schedule != null)
            {
                Number(w, "schedule_entries", _schedule.Entries);
                Number(w, "schedule_runs", _schedule.Runs);
                Number(w, "schedule_failures", _schedule.Failures);
            }

            WriteDevices(w);
        }

        private void WriteResets(JsonWriter w)
        {
            ResetReason[] history = _journal.History;
            w.Name("reset_history");
            w.BeginArray();
            for (int i = 0; i < history.Length; i++)
            {
                w.String(ResetReasonText.Of(history[i]));
            }

            w.EndArray();
        }

        private void WriteNetwork(JsonWriter w)
        {
            INetwork network = _ports.Network;
            w.Name("mac");
            w.String(CloudSettings.MacText(network.Mac));
            w.Name("ip");
            w.String(network.Ip);
            w.Name("ssid");
            w.String(network.Ssid);
            w.Name("channel");
            w.Integer(network.Channel);
        }

        private void WriteStorage(JsonWriter w)
        {
            IMemoryInfo memory = _ports.Memory;
            if (memory == null)
            {
                return;
            }

            _memory.Sample(memory.FreeBytes);
            if (_memory.Lowest >= 0)
            {
                w.Name("free_mem_min");
                w.Integer(_memory.Lowest);
            }

            long flash = memory.FreeFlashBytes;
            if (flash >= 0)
            {
                w.Name("flash_free");
                w.Integer(flash);
            }
        }

        private void WriteCloud(JsonWriter w)
        {
            CloudCounters c = _cloud;
            Number(w, "cloud_attempts", c.ConnectAttempts);
            Number(w, "cloud_failures", c.ConnectFailures);
            Number(w, "cloud_batches_acknowledged", c.BatchesAcknowledged);
            Number(w, "cloud_batch_errors", c.BatchErrors);
            Number(w, "cloud_request_errors", c.RequestErrors);
            Number(w, "cloud_publish_failures", c.PublishFailures);
            Number(w, "cloud_ignored", c.MessagesIgnored);
            Number(w, "configs_applied", c.ConfigsApplied);
            Number(w, "configs_rejected", c.ConfigsRejected);
            Number(w, "commands_executed", c.CommandsExecuted);
            Number(w, "commands_refused", c.CommandsRefused);
            Number(w, "commands_duplicate", c.CommandsDuplicate);
            Number(w, "commands_overflow", c.CommandsOverflow);
        }

        /// <summary>Every device of the map in use with what its bus master knows of it; none in safe mode, which does not poll.</summary>
        private void WriteDevices(JsonWriter w)
        {
            RegisterMap map = _config.Map;
            w.Name("devices");
            w.BeginArray();
            long now = _ports.Clock.MonotonicMs;
            for (int d = 0; map != null && d < map.Devices.Length; d++)
            {
                DeviceDefinition device = map.Devices[d];
                ModbusMaster bus = _config.Bus(device.Slave);
                if (bus == null)
                {
                    continue;
                }

                SlaveHealth health = bus.Health(device.Slave);
                w.BeginObject();
                w.Name("id");
                w.String(device.Id);
                w.Name("unit");
                w.Integer(device.Slave);
                w.Name("state");
                w.String(StateText(health.State));
                Number(w, "transactions", health.Transactions);
                Number(w, "failures", health.Failures);
                Number(w, "failures_in_a_row", health.ConsecutiveFailures);
                if (health.LastReplyMs >= 0)
                {
                    Number(w, "last_reply_s", (now - health.LastReplyMs) / 1000);
                }

                w.EndObject();
            }

            w.EndArray();
        }

        private static void Number(JsonWriter w, string name, long value)
        {
            w.Name(name);
            w.Integer(value);
        }

        private static string StateText(SlaveState state)
        {
            return state == SlaveState.Online ? "online" : state == SlaveState.Offline ? "offline" : "unknown";
        }
    }
}
