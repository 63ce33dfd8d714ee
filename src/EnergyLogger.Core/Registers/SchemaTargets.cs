using System.Collections;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// The schema fields the map's points and computed fields feed ("target"): a field gives its unit to the value,
    /// and is fed by one source per published sample.
    /// </summary>
    internal sealed class SchemaTargets
    {
        private readonly MapReader _r;
        private readonly JsonDocument _doc;

        // (endpoint group, schema field) -> owner path: a field is fed by one source per published sample.
        private readonly Hashtable _owners = new Hashtable();

        public SchemaTargets(MapReader r)
        {
            _r = r;
            _doc = r.Doc;
        }

        /// <summary>The schema field a point or computed field feeds, or -1; its unit must be the field's unit.</summary>
        public bool Read(int obj, int group, bool isString, bool plainInteger, ref string unit, out int field)
        {
            field = -1;
            string path;
            if (!_r.String(obj, "target", 64, out path) || path == null)
            {
                return !_r.Failed;
            }

            int token = _doc.Member(obj, "target");
            field = TelemetrySchema.IndexOf(path);
            if (field < 0)
            {
                return _r.Fail(MapErrorCode.UnknownTarget, token, "target", "unknown schema path \"" + path + "\"");
            }

            SchemaField f = TelemetrySchema.Field(field);
            if (isString)
            {
                return _r.Fail(MapErrorCode.NotAllowed, token, "target", "a string point cannot feed a schema field");
            }

            if (f.Kind == FieldKind.Code && !plainInteger)
            {
                return _r.Fail(MapErrorCode.NotAllowed, token, "target", f.Path + " needs an integer point without scale, offset or scaleFactor");
            }

            if (unit != null && unit != f.Unit)
            {
                string expected = f.Unit.Length == 0 ? "has no unit" : "is in " + f.Unit;
                return _r.Fail(MapErrorCode.UnitMismatch, _doc.Member(obj, "unit"), "unit", f.Path + " " + expected + ", not " + unit);
            }

            object key = (group * 1000) + field;
            string owner = (string)_owners[key];
            if (owner != null)
            {
                return _r.Fail(MapErrorCode.DuplicateTarget, token, "target", f.Path + " is already fed by " + owner);
            }

            _owners[key] = _r.PathOf(null);
            unit = f.Unit;
            return true;
        }

        /// <summary>A value that is not published cannot feed a schema field: the field would silently stay empty.</summary>
        public bool CheckPublished(int obj, bool publish, int field)
        {
            return publish || field < 0
                || _r.Fail(MapErrorCode.NotAllowed, _doc.Member(obj, "publish"), "publish", "a value with a target is published");
        }
    }
}
