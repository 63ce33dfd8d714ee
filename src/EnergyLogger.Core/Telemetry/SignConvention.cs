namespace EnergyLogger.Core.Telemetry
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
}
