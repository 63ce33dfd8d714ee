using System.Collections;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// The map's names: how they are spelled, and the one space that points, metadata and computed fields share,
    /// because computed sources refer to all of them by name and every value is published by it.
    /// </summary>
    internal sealed class MapNames
    {
        private readonly MapReader _r;
        private readonly JsonDocument _doc;

        // Name -> owner path ("points[3]"), over points, metadata and computed fields together.
        private readonly Hashtable _owners = new Hashtable();

        public MapNames(MapReader r)
        {
            _r = r;
            _doc = r.Doc;
        }

        /// <summary>A name member: a letter, then letters, digits and '_', lower case.</summary>
        public bool Read(int obj, out string name)
        {
            if (!_r.RequiredString(obj, "name", MapLimits.MaxNameLength, out name))
            {
                return false;
            }

            if (!IsName(name))
            {
                return _r.Fail(MapErrorCode.BadName, _doc.Member(obj, "name"), "name", "must start with a-z and use only a-z, 0-9 and _");
            }

            return true;
        }

        /// <summary>Registers a point or computed name for the object at the reader's current path.</summary>
        public bool Claim(int obj, string name)
        {
            string owner = (string)_owners[name];
            if (owner != null)
            {
                return _r.Fail(MapErrorCode.DuplicateName, _doc.Member(obj, "name"), "name", "\"" + name + "\" is already used by " + owner);
            }

            _owners[name] = _r.PathOf(null);
            return true;
        }

        public static bool IsName(string name)
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
        /// A published point with a value map and no schema field publishes its text as name + "_text" (under "ext", or
        /// in the metadata), so that name must not be another value's.
        /// </summary>
        public bool CheckTextNames(RegisterMap map)
        {
            for (int i = 0; i < map.Points.Length; i++)
            {
                PointDefinition p = map.Points[i];
                string owner = p.ValueMap >= 0 && p.Target < 0 && p.Publish ? (string)_owners[ValueMap.TextName(p.Name)] : null;
                if (owner != null)
                {
                    string path = p.IsMetadata ? "metadata[" + (i - map.TelemetryCount).ToString() + "]" : "points[" + i.ToString() + "]";
                    _r.FailWith(new MapError(MapErrorCode.DuplicateName, path + ".valueMap", -1,
                        "its text is published as \"" + ValueMap.TextName(p.Name) + "\", which is already used by " + owner));
                    return false;
                }
            }

            return true;
        }
    }
}
