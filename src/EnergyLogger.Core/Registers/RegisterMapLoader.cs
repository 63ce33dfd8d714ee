using System.Collections;
using System.Text;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads and completely validates a register map (docs/register-map.md). The first problem found is
    /// returned as a <see cref="MapError"/> naming its path; nothing of a bad map is ever used. The loader
    /// may allocate freely: it runs when a map arrives, not in the poll cycle.
    /// </summary>
    public sealed partial class RegisterMapLoader
    {
        public const string Format = "energylogger-map/1";

        private const int MaxMapNameLength = 64;
        private const int MaxSources = 32;

        private static readonly string[] RootMembers =
        {
            "format", "name", "source", "addressBase", "timeZone", "devices", "valueMaps", "points", "metadata", "computed",
        };

        private static readonly string[] TimeZoneMembers = { "utcOffset", "dst" };

        private readonly MapReader _r;
        private readonly RegisterMap _map = new RegisterMap();

        // What the map's register numbers count from: 0 for PDU addresses, 1 for the vendor tables that start at 1.
        private int _base;

        // Name -> owner path ("points[3]"), over points, metadata and computed fields together.
        private readonly Hashtable _owners = new Hashtable();

        private RegisterMapLoader(JsonDocument doc)
        {
            _r = new MapReader(doc);
        }

        private JsonDocument Doc => _r.Doc;

        /// <summary>The map, or null with <paramref name="error"/> saying why not.</summary>
        public static RegisterMap Load(string text, out MapError error)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Load(bytes, 0, bytes.Length, out error);
        }

        /// <summary>
        /// The map from UTF-8 JSON, or null with <paramref name="error"/> saying why not. A map with devices of kind "sunspec"
        /// is a site whose points come from the devices' chains: it is returned with its devices and no points, awaiting
        /// the walk (<see cref="RegisterMap.AwaitsWalk"/>), and its own entries are checked with the drafted ones.
        /// </summary>
        public static RegisterMap Load(byte[] text, int offset, int count, out MapError error)
        {
            return Load(text, offset, count, null, out error);
        }

        /// <summary>A map drafted from the SunSpec site <paramref name="site"/> (its text), which it keeps for drafting again.</summary>
        public static RegisterMap Load(byte[] text, int offset, int count, byte[] site, out MapError error)
        {
            var doc = new JsonDocument();
            JsonStatus status = doc.Parse(text, offset, count, TextLimits());
            if (status != JsonStatus.Ok)
            {
                error = new MapError(MapErrorCode.Json, doc.ErrorPath, doc.ErrorPosition, doc.ErrorText);
                return null;
            }

            var loader = new RegisterMapLoader(doc);
            loader._map.SunSpecSite = site;
            loader.LoadRoot();
            error = loader._r.Error;
            if (error == null && site == null && loader.IsSunSpecSite())
            {
                loader.AwaitWalk(text, offset, count);
            }

            return error == null ? loader._map : null;
        }

        /// <summary>The limits a map's JSON text is parsed with (<see cref="MapLimits"/>).</summary>
        public static JsonLimits TextLimits()
        {
            return new JsonLimits
            {
                MaxBytes = MapLimits.MaxMapBytes,
                MaxValues = MapLimits.MaxMapValues,
                MaxDepth = MapLimits.MaxMapDepth,
                MaxStringBytes = MapLimits.MaxSourceLength,
            };
        }

        private void LoadRoot()
        {
            int root = JsonDocument.Root;
            string format;
            string name;
            if (!_r.Object(root, null, RootMembers) || !_r.RequiredString(root, "format", MaxMapNameLength, out format))
            {
                return;
            }

            if (format != Format)
            {
                _r.Fail(MapErrorCode.Format, Doc.Member(root, "format"), "format", "must be \"" + Format + "\"");
                return;
            }

            if (!_r.RequiredString(root, "name", MaxMapNameLength, out name) || !CheckSource(root))
            {
                return;
            }

            long addressBase;
            if (!_r.Integer(root, "addressBase", 0, 1, 0, out addressBase) || !ReadTimeZone(root))
            {
                return;
            }

            _map.Name = name;
            _base = (int)addressBase;
            if (LoadDevices() && _map.SunSpecSite == null && IsSunSpecSite())
            {
                return;
            }

            if (!_r.Failed && LoadValueMaps() && LoadPoints() && ResolveScaleFactors() && LoadComputed() && CheckTextNames())
            {
                AssignWords();
            }
        }

        private bool IsSunSpecSite()
        {
            for (int d = 0; d < _map.Devices.Length; d++)
            {
                if (_map.Devices[d].SunSpec)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The site as it stands before its walk: its devices, no points, and its text kept for the draft.</summary>
        private void AwaitWalk(byte[] text, int offset, int count)
        {
            var site = new byte[count];
            System.Array.Copy(text, offset, site, 0, count);
            _map.SunSpecSite = site;
            _map.Points = new PointDefinition[0];
            _map.Computed = new ComputedField[0];
            _map.ValueMaps = new ValueMap[0];
        }

        /// <summary>"source" cites where the map comes from: one string or a list of them. Kept in the text only.</summary>
        private bool CheckSource(int obj)
        {
            int token = Doc.Member(obj, "source");
            if (token < 0 || Doc.Kind(token) != JsonKind.Array)
            {
                string ignored;
                return _r.String(obj, "source", MapLimits.MaxSourceLength, out ignored);
            }

            if (Doc.Length(token) > MaxSources)
            {
                return _r.Fail(MapErrorCode.TooMany, token, "source", "at most " + MaxSources.ToString() + " sources");
            }

            for (int e = Doc.FirstChild(token), i = 0; e != -1; e = Doc.NextSibling(token, e), i++)
            {
                if (Doc.Kind(e) != JsonKind.String)
                {
                    return _r.Fail(MapErrorCode.WrongType, e, "source[" + i.ToString() + "]", "expected a string");
                }
            }

            return true;
        }

        /// <summary>A name member: a letter, then letters, digits and '_', lower case.</summary>
        private bool ReadName(int obj, out string name)
        {
            if (!_r.RequiredString(obj, "name", MapLimits.MaxNameLength, out name))
            {
                return false;
            }

            if (!IsName(name))
            {
                return _r.Fail(MapErrorCode.BadName, Doc.Member(obj, "name"), "name", "must start with a-z and use only a-z, 0-9 and _");
            }

            return true;
        }

        /// <summary>Registers a point or computed name; names share one space because computed sources refer to both.</summary>
        private bool Claim(int obj, string name)
        {
            string owner = (string)_owners[name];
            if (owner != null)
            {
                return _r.Fail(MapErrorCode.DuplicateName, Doc.Member(obj, "name"), "name", "\"" + name + "\" is already used by " + owner);
            }

            _owners[name] = _r.PathOf(null);
            return true;
        }

        private static bool IsName(string name)
        {
            if (name[0] < 'a' || name[0] > 'z')
            {
                return false;
            }

            for (int i = 1; i < name.Length; i++)
            {
                char c = name[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// "timeZone": where local midnight is for the daily counters, in the words of a schedule's zone: a standard
        /// offset "+HH:MM" and a daylight-saving rule "none", "eu" or "us". UTC when absent.
        /// </summary>
        private bool ReadTimeZone(int root)
        {
            int zone = Doc.Member(root, "timeZone");
            _map.Zone = LocalZone.Utc;
            if (zone < 0)
            {
                return true;
            }

            string offsetText = null;
            int rule = 0;
            _r.Enter("timeZone");
            bool read = _r.Object(zone, null, TimeZoneMembers) && _r.String(zone, "utcOffset", 16, out offsetText)
                && _r.Choice(zone, "dst", LocalZone.RuleNames, 0, out rule);
            int minutes = 0;
            if (read && offsetText != null && !LocalZone.TryParseOffset(offsetText, out minutes))
            {
                read = _r.Fail(MapErrorCode.OutOfRange, Doc.Member(zone, "utcOffset"), "utcOffset", "\"+HH:MM\" or \"-HH:MM\", from -12:00 to +14:00");
            }

            _r.Leave();
            if (read)
            {
                _map.Zone = new LocalZone(minutes, (DaylightRule)rule);
            }

            return read;
        }

        /// <summary>
        /// A register number as the map writes it, counted from "addressBase", turned into the 0-based PDU address
        /// (MODBUS Application Protocol v1.1b3, 4.4): with base 1, Sungrow's documented 13001 is PDU address 13000.
        /// </summary>
        private bool ReadAddress(int obj, string member, out int address)
        {
            long number;
            address = 0;
            if (!_r.RequiredInteger(obj, member, _base, 65535 + _base, out number))
            {
                return false;
            }

            address = (int)number - _base;
            return true;
        }

        /// <summary>
        /// A published point with a value map and no schema field publishes its text as name + "_text" (under "ext", or
        /// in the metadata), so that name must not be another value's.
        /// </summary>
        private bool CheckTextNames()
        {
            for (int i = 0; i < _map.Points.Length; i++)
            {
                PointDefinition p = _map.Points[i];
                string owner = p.ValueMap >= 0 && p.Target < 0 && p.Publish ? (string)_owners[ValueMap.TextName(p.Name)] : null;
                if (owner != null)
                {
                    string path = p.IsMetadata ? "metadata[" + (i - _map.TelemetryCount).ToString() + "]" : "points[" + i.ToString() + "]";
                    _r.FailWith(new MapError(MapErrorCode.DuplicateName, path + ".valueMap", -1,
                        "its text is published as \"" + ValueMap.TextName(p.Name) + "\", which is already used by " + owner));
                    return false;
                }
            }

            return true;
        }

        private void AssignWords()
        {
            int words = 0;
            for (int i = 0; i < _map.Points.Length; i++)
            {
                _map.Points[i].WordOffset = words;
                words += _map.Points[i].Count;
            }

            _map.WordCount = words;
        }
    }
}
