namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Where the bytes A (most significant) to D of a value land, read in register order. MODBUS sends each
    /// register big-endian (Application Protocol v1.1b3, 4.2) but leaves the order of the registers of a
    /// wider value to the vendor, and some vendors also swap the bytes inside each register. 64-bit
    /// values follow the same rule: Cdab puts the least significant register first.
    /// </summary>
    public enum WordOrder
    {
        /// <summary>Most significant register first, bytes as sent: the common default.</summary>
        Abcd,
        /// <summary>Least significant register first.</summary>
        Cdab,
        /// <summary>Most significant register first, the two bytes of each register swapped.</summary>
        Badc,
        /// <summary>Least significant register first, bytes swapped: fully little-endian.</summary>
        Dcba,
    }
}
