using System.Collections;
using System.Text;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads and completely validates a register map (docs/register-map.md). The first problem found is
    /// returned as a <see cref="MapError"/> naming its path; nothing of a bad map is ever used. The loader
    /// may allocate freely: it runs when a map arrives, not in the poll cycle. It reads the root members itself
    /// and leaves each list to its reader, all over one <see cref="MapReader"/> that keeps the first error.
    /// </summary>
    public sealed class RegisterMapLoader
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
        private readonly JsonDocument _doc;
        private readonly RegisterMap _map = new RegisterMap();

        private RegisterMapLoader(JsonDocument doc)
        {
            _r = new MapReader(doc);
            _doc = doc;
        }

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
                _r.Fail(MapErrorCode.Format, _doc.Member(root, "format"), "format", "must be \"" + Format + "\"");
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
            var terms = new RegisterTerms(_r, (int)addressBase);
            var devices = new DeviceListReader(_r, _map, terms);
            if ((devices.Load() && _map.SunSpecSite == null && IsSunSpecSite()) || _r.Failed)
            {
                return;
            }

            // Points, metadata and computed fields share one name space, points and computed fields one set of targets.
            var names = new MapNames(_r);
            var targets = new SchemaTargets(_r);
            var valueMaps = new ValueMapListReader(_r, _map, names);
            var scaleFactors = new ScaleFactorLinks(_r);
            var points = new PointListReader(_r, _map, names, terms, devices, new PointUseReader(_r, _map, valueMaps, targets), scaleFactors);
            if (valueMaps.Load() && points.Load() && scaleFactors.Resolve(_map)
                && new ComputedListReader(_r, _map, names, devices, targets).Load() && names.CheckTextNames(_map))
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
            int token = _doc.Member(obj, "source");
            if (token < 0 || _doc.Kind(token) != JsonKind.Array)
            {
                string ignored;
                return _r.String(obj, "source", MapLimits.MaxSourceLength, out ignored);
            }

            if (_doc.Length(token) > MaxSources)
            {
                return _r.Fail(MapErrorCode.TooMany, token, "source", "at most " + MaxSources.ToString() + " sources");
            }

            for (int e = _doc.FirstChild(token), i = 0; e != -1; e = _doc.NextSibling(token, e), i++)
            {
                if (_doc.Kind(e) != JsonKind.String)
                {
                    return _r.Fail(MapErrorCode.WrongType, e, "source[" + i.ToString() + "]", "expected a string");
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
            int zone = _doc.Member(root, "timeZone");
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
                read = _r.Fail(MapErrorCode.OutOfRange, _doc.Member(zone, "utcOffset"), "utcOffset", "\"+HH:MM\" or \"-HH:MM\", from -12:00 to +14:00");
            }

            _r.Leave();
            if (read)
            {
                _map.Zone = new LocalZone(minutes, (DaylightRule)rule);
            }

            return read;
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
