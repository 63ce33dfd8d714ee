namespace EnergyLogger.Core.Schema
{
    /// <summary>How a device signs its grid power. The schema's own convention is export positive.</summary>
    public enum GridSign
    {
        ExportPositive,
        ImportPositive,
    }

    /// <summary>How a device signs its battery power and current. The schema's own convention is charge positive.</summary>
    public enum BatterySign
    {
        ChargePositive,
        DischargePositive,
    }

    /// <summary>The one rule for which fields a device signs the other way round from the schema.</summary>
    public static class SignConvention
    {
        /// <summary>
        /// True when values of a field of sign class <paramref name="sign"/> must be negated between the
        /// device and the schema (in either direction: negation is its own inverse).
        /// </summary>
        public static bool IsReversed(SignClass sign, GridSign grid, BatterySign battery)
        {
            return (sign == SignClass.GridPower && grid == GridSign.ImportPositive)
                || (sign == SignClass.BatteryFlow && battery == BatterySign.DischargePositive);
        }
    }
}
