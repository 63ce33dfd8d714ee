using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Everything outside Core that the main loop drives, as the device's Program.cs or the host's run command
    /// wires it. Leds, Button, Memory, Updater, AccessPoint and Samples may be null where there is no such thing.
    /// </summary>
    public sealed class RuntimePorts
    {
        public IClock Clock;
        public IFileStore Files;
        public IMqttSession Mqtt;
        public INetwork Network;
        public IReboot Reboot;
        public Log Log;

        /// <summary>One master per bus; every device of the map is on bus 0 (the RS-485 port). Null when not polling.</summary>
        public ModbusMaster[] Buses;

        public ILeds Leds;
        public IButton Button;
        public IMemoryInfo Memory;
        public IUpdater Updater;

        /// <summary>The provisioning access point; null where there is none (the host without a port-4242 endpoint).</summary>
        public IAccessPoint AccessPoint;

        /// <summary>Sees every stored sample (the host's CSV log); null where nothing does.</summary>
        public ISampleTap Samples;

        /// <summary>Posts to the InfluxDB write API (docs/local-access.md); null where samples are never written to InfluxDB.</summary>
        public IHttpPost Influx;

        /// <summary>
        /// The InfluxDB destination the platform names over the settings' <c>influx.*</c> (the host's config file); null
        /// leaves it to the settings. Samples are written only when one of them names a destination.
        /// </summary>
        public InfluxEndpoint InfluxEndpoint;
    }
}
