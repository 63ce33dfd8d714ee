namespace EnergyLogger.Core.Registers
{
    /// <summary>How one value is laid out in 16-bit registers.</summary>
    public enum RegisterType
    {
        /// <summary>Bits 15-8 of one register (the first byte on the wire), 0 to 255.</summary>
        UInt8High,
        /// <summary>Bits 7-0 of one register, 0 to 255.</summary>
        UInt8Low,
        UInt16,
        Int16,
        UInt32,
        Int32,
        /// <summary>IEEE 754 binary32 in two registers.</summary>
        Float32,
        UInt64,
        Int64,
        /// <summary>ASCII, two characters per register; the register count comes from the map.</summary>
        String,
        /// <summary>One register, true when it is not zero.</summary>
        Bool,
    }
}
