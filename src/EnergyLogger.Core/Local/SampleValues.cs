using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The sample's values as the local server serves them: a value the map does not feed, or whose quality is not good,
    /// is absent (NaN), so that it reads as not-implemented and never as a zero a client would trust.
    /// </summary>
    internal static class SampleValues
    {
        /// <summary>The field at <paramref name="index"/>, or NaN when absent; -1 is a field this schema lacks.</summary>
        public static double Number(Sample sample, int index)
        {
            if (!Good(sample, index))
            {
                return double.NaN;
            }

            return TelemetrySchema.Field(index).Kind == FieldKind.Code ? sample.Codes[index] : sample.Values[index];
        }

        /// <summary>A code's value when it is good and fits 32 bits unsigned, or -1.</summary>
        public static long Code32(Sample sample, int index)
        {
            if (!Good(sample, index))
            {
                return -1;
            }

            long code = sample.Codes[index];
            return code < 0 || code > 0xFFFFFFFFL ? -1 : code;
        }

        public static bool Fed(Sample sample, int index)
        {
            return index >= 0 && sample.Fed[index];
        }

        public static bool Good(Sample sample, int index)
        {
            return Fed(sample, index) && sample.Quality[index] == ValueQuality.Ok;
        }

        /// <summary>The field's index by path; the paths used here are all in schema v1.</summary>
        public static int Index(string path)
        {
            return TelemetrySchema.IndexOf(path);
        }
    }
}
