using System.Collections;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// SunSpec scale factors between points: noted per point while the point lists are read, and resolved once every
    /// point is known, since a factor may be listed after the points it scales.
    /// </summary>
    internal sealed class ScaleFactorLinks
    {
        private readonly MapReader _r;
        private readonly JsonDocument _doc;

        // Per point, in point order: the scale-factor point it names, and where.
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _tokens = new ArrayList();

        // Per point: true when the map says "publish" itself, so a scale factor's default (not published) gives way.
        private readonly ArrayList _publishGiven = new ArrayList();

        public ScaleFactorLinks(MapReader r)
        {
            _r = r;
            _doc = r.Doc;
        }

        /// <summary>The next point's entry: no factor yet.</summary>
        public void Add(bool publishGiven)
        {
            _names.Add(null);
            _tokens.Add(-1);
            _publishGiven.Add(publishGiven);
        }

        /// <summary>Point <paramref name="point"/> names its factor <paramref name="name"/> (null for none) at <paramref name="token"/>.</summary>
        public void Link(int point, string name, int token)
        {
            _names[point] = name;
            _tokens[point] = token;
        }

        public void PublishGiven(int point, bool given)
        {
            _publishGiven[point] = given;
        }

        public bool Resolve(RegisterMap map)
        {
            for (int i = 0; i < map.Points.Length; i++)
            {
                string name = (string)_names[i];
                if (name != null && !Resolve(map, map.Points[i], name, (int)_tokens[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>SunSpec scale factors: an int16 point of the same device, itself unscaled.</summary>
        private bool Resolve(RegisterMap map, PointDefinition p, string name, int token)
        {
            string path = (p.IsMetadata ? "metadata[" + (p.Index - map.TelemetryCount).ToString() : "points[" + p.Index.ToString()) + "].scaleFactor";
            int sf = map.IndexOfPoint(name);
            string reason = null;
            MapErrorCode code = MapErrorCode.NotAllowed;
            if (sf < 0)
            {
                code = MapErrorCode.UnknownReference;
                reason = "unknown point \"" + name + "\"";
            }
            else if (sf == p.Index)
            {
                reason = "a point cannot scale itself";
            }
            else if (map.Points[sf].Device != p.Device)
            {
                reason = "\"" + name + "\" is on another device";
            }
            else if (!IsPlainInt16(map.Points[sf]) || _names[sf] != null)
            {
                reason = "\"" + name + "\" must be a plain int16 point";
            }

            if (reason != null)
            {
                _r.FailWith(new MapError(code, path, _doc.Position(token), reason));
                return false;
            }

            p.ScaleFactorPoint = sf;
            PointDefinition factor = map.Points[sf];
            // A scale factor is an input, not a reading: unpublished unless the map says otherwise, and its "not
            // implemented" marker 0x8000 is never a number even where it is published.
            if (!(bool)_publishGiven[sf])
            {
                factor.Publish = false;
            }

            if (!factor.IsSentinel(short.MinValue))
            {
                var sentinels = new long[factor.Sentinels.Length + 1];
                System.Array.Copy(factor.Sentinels, sentinels, factor.Sentinels.Length);
                sentinels[factor.Sentinels.Length] = short.MinValue;
                factor.Sentinels = sentinels;
            }

            return true;
        }

        private static bool IsPlainInt16(PointDefinition p)
        {
            return p.Type == RegisterType.Int16 && p.Scale == 1 && p.Offset == 0 && p.Mask == 0;
        }
    }
}
