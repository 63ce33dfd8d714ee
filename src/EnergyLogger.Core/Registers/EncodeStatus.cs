namespace EnergyLogger.Core.Registers
{
    /// <summary>Why a value could not be put into registers. Nothing is written unless Ok.</summary>
    public enum EncodeStatus
    {
        Ok,
        /// <summary>The value does not fit the type (also NaN or infinity for any type).</summary>
        OutOfRange,
        /// <summary>A fraction given for an integer type.</summary>
        NotInteger,
        /// <summary>Text with a character outside printable ASCII (0x20 to 0x7E).</summary>
        NotAscii,
        /// <summary>A number given for a String register.</summary>
        WrongType,
        /// <summary>
        /// The point's scale is read from another register (SunSpec scale factor), so its registers
        /// cannot be worked out from the value alone.
        /// </summary>
        NeedsScaleFactor,
    }
}
