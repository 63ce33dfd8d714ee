namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// How far a decoded value can be trusted. Anything but <see cref="Ok"/> is never published as a
    /// number (RELIABILITY M1, M2, M10); the sample lists it with this flag instead.
    /// </summary>
    public enum ValueQuality : byte
    {
        Ok,
        /// <summary>The last read failed or the point was never read.</summary>
        Stale,
        /// <summary>The slave refused the address (exception 02).</summary>
        Unsupported,
        /// <summary>The registers of one value came from different reads.</summary>
        Torn,
        /// <summary>The raw value is one the map declares as "not available".</summary>
        Sentinel,
        /// <summary>NaN, infinity, or a scale factor outside its range.</summary>
        Invalid,
        /// <summary>Outside the range the map or the schema allows.</summary>
        OutOfRange,
        /// <summary>An energy counter that went backwards or jumped further than the device can produce.</summary>
        Implausible,
    }

    /// <summary>The names of <see cref="ValueQuality"/> in the sample document, the same on every runtime.</summary>
    public static class ValueQualityText
    {
        private static readonly string[] Texts =
        {
            "ok", "stale", "unsupported", "torn", "sentinel", "invalid", "out_of_range", "implausible",
        };

        public static string Of(ValueQuality quality)
        {
            return Texts[(int)quality];
        }
    }
}
