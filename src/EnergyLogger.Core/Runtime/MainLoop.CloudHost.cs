using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>What the cloud session asks of the runtime. Every call comes from the link's tick, on the loop's thread.</summary>
    public sealed partial class MainLoop : IFactsSource, IRegisterAccess, IConfigTarget, IUpdateOffers, IReboot
    {
        public string ConfigId => _configId;

        public DeviceFacts Facts(int endpoint)
        {
            return _facts.Build(endpoint, _engine, _configId);
        }

        public RegisterMap Map => _engine == null ? null : _engine.Map;

        /// <summary>Remote reads and writes use the masters between cycles, so they never meet a poll on the bus.</summary>
        public ModbusMaster Bus(int slave)
        {
            return _engine == null || slave < 1 || slave > 247 ? null : _engine.BusFor((byte)slave);
        }

        /// <summary>
        /// A validated, stored config: its map and intervals take over at the next cycle boundary, which the loop
        /// brings forward to its next iteration, so no reboot is needed. The map was checked in full before it got
        /// here, and a rejected one never reaches this (RELIABILITY C6). In safe mode nothing is polled: the
        /// config is stored and used from the next normal boot.
        /// </summary>
        public void ApplyConfig(CloudConfig config)
        {
            _configId = config.Id;
            if (_engine == null)
            {
                _log.Write(LogLevel.Info, "config", "stored; used after the next restart", "id", config.Id, "mode", RunModes.Text(Mode));
                return;
            }

            _maps.Offer(config.Map);
            TakeIntervals(config);
            _nextCycleMs = _clock.MonotonicMs;
            _log.Write(LogLevel.Info, "config", "applied; takes over at the next cycle", new[]
            {
                "id", config.Id, "map", config.Map.Name, "fast_ms", _options.Poll.FastIntervalMs.ToString(),
                "normal_ms", _options.Poll.NormalIntervalMs.ToString(), "slow_ms", _options.Poll.SlowIntervalMs.ToString(),
            });
        }

        public void Offer(byte[] json, int offset, int count)
        {
            if (_ports.Updater == null)
            {
                _log.Write(LogLevel.Warn, "ota", "update offered but this build has no updater");
                return;
            }

            _ports.Updater.Offer(json, offset, count);
        }

        /// <summary>The result of the reboot command was acknowledged; the restart happens at the end of this iteration.</summary>
        public void Reboot()
        {
            RequestRestart(ResetReason.Command, "reboot command");
        }
    }
}
