using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Home Assistant MQTT discovery for the schema metrics a map feeds: one retained config per metric on
    /// <c>homeassistant/sensor/{node}/{metric}/config</c>, reading its value from the state topic (the latest
    /// sample) with a template on the metric's path, with unit, device class and state class, so that the
    /// energy dashboard takes the counters as they are. Handed out a few per tick so a full map does not flood
    /// the in-flight window.
    /// </summary>
    public sealed class HomeAssistantDiscovery
    {
        public const string DefaultPrefix = "homeassistant";

        private readonly string _prefix;
        private readonly string _node;
        private readonly string _stateTopic;
        private readonly string _availabilityTopic;
        private readonly IRegisterAccess _registers;
        private int[] _fields = new int[0];
        private int _next;

        /// <param name="registers">Where the map in use is, whose metrics are announced.</param>
        public HomeAssistantDiscovery(string discoveryPrefix, string nodeId, string stateTopic, string availabilityTopic, IRegisterAccess registers)
        {
            _prefix = discoveryPrefix;
            _node = nodeId;
            _stateTopic = stateTopic;
            _availabilityTopic = availabilityTopic;
            _registers = registers;
        }

        /// <summary>Starts over with the schema fields the points and computed fields of the map in use feed.</summary>
        public void Start()
        {
            RegisterMap map = _registers.Map;
            _next = 0;
            if (map == null)
            {
                _fields = new int[0];
                return;
            }

            var fed = new bool[TelemetrySchema.FieldCount];
            int count = 0;
            for (int i = 0; i < map.Points.Length; i++)
            {
                count += Mark(fed, map.Points[i].Target);
            }

            for (int i = 0; i < map.Computed.Length; i++)
            {
                count += Mark(fed, map.Computed[i].Target);
            }

            _fields = new int[count];
            for (int f = 0, n = 0; f < fed.Length; f++)
            {
                if (fed[f])
                {
                    _fields[n++] = f;
                }
            }
        }

        /// <summary>True while configs of the last <see cref="Start"/> wait to go out.</summary>
        public bool Pending => _next < _fields.Length;

        /// <summary>Writes the next metric's config into <paramref name="w"/> and returns its topic; null when all are out.</summary>
        public string Next(JsonWriter w, DeviceFacts facts)
        {
            if (_next >= _fields.Length)
            {
                return null;
            }

            SchemaField field = TelemetrySchema.Field(_fields[_next++]);
            string objectId = ObjectId(field.Path);
            w.Reset();
            w.BeginObject();
            w.Name("name");
            w.String(field.Path);
            w.Name("unique_id");
            w.String(_node + "_" + objectId);
            w.Name("object_id");
            w.String(_node + "_" + objectId);
            w.Name("state_topic");
            w.String(_stateTopic);
            w.Name("value_template");
            w.String("{{ value_json." + field.Path + " }}");
            w.Name("availability_topic");
            w.String(_availabilityTopic);
            WriteClasses(w, field);
            WriteDevice(w, facts);
            w.EndObject();
            return _prefix + "/sensor/" + _node + "/" + objectId + "/config";
        }

        /// <summary>The path with '_' for '.', since discovery object ids allow only [a-zA-Z0-9_-].</summary>
        private static string ObjectId(string path)
        {
            char[] chars = path.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '.')
                {
                    chars[i] = '_';
                }
            }

            return new string(chars);
        }

        private static int Mark(bool[] fed, int target)
        {
            if (target < 0 || fed[target])
            {
                return 0;
            }

            fed[target] = true;
            return 1;
        }

        /// <summary>Home Assistant sensor device classes and state classes (developers.home-assistant.io, sensor entity).</summary>
        private static void WriteClasses(JsonWriter w, SchemaField field)
        {
            string unit = field.Unit == TelemetrySchema.Celsius ? "°C" : field.Unit;
            string deviceClass = DeviceClass(field);
            if (unit.Length > 0)
            {
                w.Name("unit_of_measurement");
                w.String(unit);
            }

            if (deviceClass != null)
            {
                w.Name("device_class");
                w.String(deviceClass);
            }

            if (field.Kind == FieldKind.Code || field.Kind == FieldKind.Bool)
            {
                return;
            }

            // A daily counter that returns to zero is "total_increasing" too: Home Assistant takes a drop as a new cycle.
            w.Name("state_class");
            w.String(field.IsEnergy ? "total_increasing" : "measurement");
        }

        private static readonly string[] Units =
        {
            TelemetrySchema.Watt, TelemetrySchema.Volt, TelemetrySchema.Ampere, TelemetrySchema.Hertz, TelemetrySchema.KilowattHour, TelemetrySchema.Celsius,
        };

        private static readonly string[] Classes = { "power", "voltage", "current", "frequency", "energy", "temperature" };

        private static string DeviceClass(SchemaField field)
        {
            for (int i = 0; i < Units.Length; i++)
            {
                if (field.Unit == Units[i])
                {
                    return Classes[i];
                }
            }

            if (field.Path == "battery.soc")
            {
                return "battery";
            }

            return field.Path == "grid.power_factor" ? "power_factor" : null;
        }

        private void WriteDevice(JsonWriter w, DeviceFacts facts)
        {
            w.Name("device");
            w.BeginObject();
            w.Name("identifiers");
            w.BeginArray();
            w.String(_node);
            w.EndArray();
            w.Name("name");
            w.String(_node);
            w.Name("manufacturer");
            w.String("EnergyLogger");
            if (facts != null && facts.FirmwareVersion != null)
            {
                w.Name("sw_version");
                w.String(facts.FirmwareVersion);
            }

            w.EndObject();
        }
    }
}
