using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// Writes a <see cref="Sample"/> as compact JSON in schema order (docs/telemetry-schema.md):
    /// <c>{"v":1,"seq":..,"ts":..,"mono":..,"synced":true,"pv":{..},..,"ext":{..},"q":{"grid.power":"stale"}}</c>.
    /// A value that is not Ok is left out of its module and listed in "q" with its quality, so NaN, a
    /// sentinel or a torn value is never published as a number (RELIABILITY M10). No allocation.
    /// </summary>
    public static class SampleWriter
    {
        /// <summary>The quality text of a good value refreshed by a read made for another poll class.</summary>
        public const string FreshText = "fresh";

        /// <summary>Nesting the writer needs: document, module, group, text list.</summary>
        public const int Depth = 4;

        /// <summary>Writes the whole document from the start of the writer's buffer; false when it did not fit.</summary>
        public static bool Write(Sample sample, JsonWriter w)
        {
            w.Reset();
            w.BeginObject();
            w.Name("v");
            w.Integer(sample.SchemaVersion);
            if (sample.Sequence > 0)
            {
                w.Name("seq");
                w.Integer(sample.Sequence);
            }

            if (sample.ClockSynced)
            {
                w.Name("ts");
                w.Integer(sample.UnixMs);
            }

            w.Name("mono");
            w.Integer(sample.MonotonicMs);
            w.Name("synced");
            w.Bool(sample.ClockSynced);
            if (sample.AggregateCount > 0)
            {
                WriteAggregate(sample, w);
            }

            WriteModules(sample, w);
            WriteExtras(sample, w);
            WriteQuality(sample, w);
            w.EndObject();
            return !w.Overflowed;
        }

        /// <summary>
        /// "agg": what marks an aggregate: how many samples, over which interval, from which sample and time, and the
        /// least and greatest value of each power field.
        /// </summary>
        private static void WriteAggregate(Sample sample, JsonWriter w)
        {
            w.Name("agg");
            w.BeginObject();
            w.Name("n");
            w.Integer(sample.AggregateCount);
            w.Name("interval_s");
            w.Integer(sample.IntervalSeconds);
            w.Name("seq_last");
            w.Integer(sample.SequenceLast);
            if (sample.ClockSynced)
            {
                w.Name("ts_first");
                w.Integer(sample.FirstUnixMs);
            }

            w.Name("mono_first");
            w.Integer(sample.FirstMonotonicMs);
            WriteExtremes("min", sample.MinValues, sample, w);
            WriteExtremes("max", sample.MaxValues, sample, w);
            w.EndObject();
        }

        private static void WriteExtremes(string name, double[] values, Sample sample, JsonWriter w)
        {
            bool open = false;
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                if (!sample.HasMinMax[f])
                {
                    continue;
                }

                if (!open)
                {
                    w.Name(name);
                    w.BeginObject();
                    open = true;
                }

                w.Name(TelemetrySchema.Field(f).Path);
                w.Number(values[f], sample.Digits[f], JsonWriter.DefaultMaxDecimals);
            }

            if (open)
            {
                w.EndObject();
            }
        }

        private static void WriteModules(Sample sample, JsonWriter w)
        {
            int module = -1;
            string group = null;
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                if (!sample.Fed[f] || sample.Quality[f] != ValueQuality.Ok)
                {
                    continue;
                }

                SchemaField field = TelemetrySchema.Field(f);
                if (field.Module != module)
                {
                    CloseGroup(w, ref group);
                    if (module >= 0)
                    {
                        w.EndObject();
                    }

                    module = field.Module;
                    w.Name(TelemetrySchema.Modules[module]);
                    w.BeginObject();
                }

                if (field.Group != group)
                {
                    CloseGroup(w, ref group);
                    if (field.Group != null)
                    {
                        group = field.Group;
                        w.Name(group);
                        w.BeginObject();
                    }
                }

                WriteField(sample, field, w);
            }

            CloseGroup(w, ref group);
            if (module >= 0)
            {
                w.EndObject();
            }
        }

        private static void CloseGroup(JsonWriter w, ref string group)
        {
            if (group != null)
            {
                w.EndObject();
                group = null;
            }
        }

        private static void WriteField(Sample sample, SchemaField field, JsonWriter w)
        {
            int f = field.Index;
            w.Name(field.Leaf);
            if (field.Kind == FieldKind.Bool)
            {
                w.Bool(sample.Values[f] != 0);
                return;
            }

            if (field.Kind != FieldKind.Code)
            {
                w.Number(sample.Values[f], sample.Digits[f], JsonWriter.DefaultMaxDecimals);
                return;
            }

            long code = sample.Codes[f];
            if (sample.UnsignedCodes[f])
            {
                w.Unsigned((ulong)code);
            }
            else
            {
                w.Integer(code);
            }

            ValueMap map = sample.ValueMaps[f];
            if (map != null)
            {
                WriteText(map, code, field.TextName, w);
            }
        }

        /// <summary>A code's text, or for a bit map the texts of the set bits, lowest bit first as the map lists them.</summary>
        private static void WriteText(ValueMap map, long code, string name, JsonWriter w)
        {
            if (!map.IsBits)
            {
                string text = map.Lookup(code);
                if (text != null)
                {
                    w.Name(name);
                    w.String(text);
                }

                return;
            }

            w.Name(name);
            w.BeginArray();
            for (int i = 0; i < map.Count; i++)
            {
                if (map.BitSet(i, code))
                {
                    w.String(map.Text(i));
                }
            }

            w.EndArray();
        }

        private static void WriteExtras(Sample sample, JsonWriter w)
        {
            bool open = false;
            for (int x = 0; x < sample.ExtraNames.Length; x++)
            {
                if (sample.ExtraQuality[x] != ValueQuality.Ok)
                {
                    continue;
                }

                if (!open)
                {
                    w.Name("ext");
                    w.BeginObject();
                    open = true;
                }

                w.Name(sample.ExtraNames[x]);
                ValueMap map = sample.ExtraValueMaps[x];
                if (map == null)
                {
                    w.Number(sample.ExtraValues[x], sample.ExtraDigits[x], JsonWriter.DefaultMaxDecimals);
                    continue;
                }

                w.Integer(sample.ExtraCodes[x]);
                WriteText(map, sample.ExtraCodes[x], sample.ExtraTextNames[x], w);
            }

            if (open)
            {
                w.EndObject();
            }
        }

        /// <summary>
        /// "q": every value that is not good, with its quality, and every good value a read for another poll class
        /// refreshed, as "fresh" (the value is then in its module too).
        /// </summary>
        private static void WriteQuality(Sample sample, JsonWriter w)
        {
            bool open = false;
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                if (sample.Fed[f] && (sample.Quality[f] != ValueQuality.Ok || sample.Fresh[f]))
                {
                    OpenQuality(w, ref open);
                    w.Name(TelemetrySchema.Field(f).Path);
                    w.String(sample.Fresh[f] ? FreshText : ValueQualityText.Of(sample.Quality[f]));
                }
            }

            for (int x = 0; x < sample.ExtraNames.Length; x++)
            {
                if (sample.ExtraQuality[x] != ValueQuality.Ok || sample.ExtraFresh[x])
                {
                    OpenQuality(w, ref open);
                    w.Name(sample.ExtraPaths[x]);
                    w.String(sample.ExtraFresh[x] ? FreshText : ValueQualityText.Of(sample.ExtraQuality[x]));
                }
            }

            if (open)
            {
                w.EndObject();
            }
        }

        private static void OpenQuality(JsonWriter w, ref bool open)
        {
            if (!open)
            {
                w.Name("q");
                w.BeginObject();
                open = true;
            }
        }
    }
}
