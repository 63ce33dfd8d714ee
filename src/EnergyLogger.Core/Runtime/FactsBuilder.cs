using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The metadata of an endpoint, made fresh whenever the cloud session publishes it: for the logger (endpoint 0)
    /// its firmware, addresses, signal, config id and diagnostics; for every endpoint the metadata points of the
    /// map's devices in that group (serial number, model, rated power) that were read. Allocates; runs on a
    /// connect, on the metadata interval and for <c>get_version</c>, never per cycle.
    /// </summary>
    internal sealed class FactsBuilder : IFactsSource
    {
        private readonly FirmwareIdentity _firmware;
        private readonly INetwork _network;
        private readonly Diagnostics _diagnostics;
        private readonly ConfigInUse _config;

        public FactsBuilder(FirmwareIdentity firmware, INetwork network, Diagnostics diagnostics, ConfigInUse config)
        {
            _firmware = firmware;
            _network = network;
            _diagnostics = diagnostics;
            _config = config;
        }

        public DeviceFacts Facts(int endpoint)
        {
            PollEngine engine = _config.Engine;
            RegisterMap map = engine == null ? null : engine.Map;
            int endpoints = map == null ? 1 : map.Endpoints.Length;
            if (endpoint < 0 || endpoint >= endpoints)
            {
                return null;
            }

            var facts = new DeviceFacts { Mac = CloudSettings.MacText(_network.Mac), ConfigId = _config.ConfigId };
            if (endpoint == 0)
            {
                facts.FirmwareVersion = _firmware.Version;
                facts.Build = _firmware.Build;
                facts.Ip = _network.Ip;
                facts.Rssi = _network.Rssi;
                _diagnostics.AddTo(facts);
            }

            if (map != null)
            {
                AddMetadataPoints(facts, endpoint, engine);
            }

            return facts;
        }

        private static void AddMetadataPoints(DeviceFacts facts, int endpoint, PollEngine engine)
        {
            RegisterMap map = engine.Map;
            for (int i = map.TelemetryCount; i < map.Points.Length; i++)
            {
                PointDefinition p = map.Points[i];
                if (!p.Publish || map.Devices[p.Device].EndpointGroup != endpoint || engine.Values.Quality[i] != ValueQuality.Ok)
                {
                    continue;
                }

                if (p.Type == RegisterType.String)
                {
                    facts.Set(p.Name, engine.Frame.ReadText(p));
                }
                else
                {
                    facts.Set(p.Name, engine.Values.Values[i]);
                    string text = p.ValueMap >= 0 ? map.ValueMaps[p.ValueMap].Describe(engine.Values.Raw[i]) : null;
                    if (text != null)
                    {
                        facts.Set(ValueMap.TextName(p.Name), text);
                    }
                }
            }
        }
    }
}
