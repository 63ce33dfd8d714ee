namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The SunSpec models the server publishes and their lengths (SunSpec Information Model Reference, the
    /// integer and scale-factor variants), with the chain's marks. docs/local-access.md lists which schema field
    /// feeds which point.
    /// </summary>
    public static class SunSpecModels
    {
        /// <summary>The chain starts at the well-known base address 40000 (register 40001 in one-based numbering).</summary>
        public const int BaseAddress = 40000;

        /// <summary>"SunS" in two registers.</summary>
        public const int MarkHigh = 0x5375;
        public const int MarkLow = 0x6E53;
        public const int EndId = 0xFFFF;

        public const int Common = 1;
        public const int CommonLength = 66;

        /// <summary>101 single phase, 102 split phase, 103 three phase: the same 50 registers.</summary>
        public const int InverterSinglePhase = 101;
        public const int InverterSplitPhase = 102;
        public const int InverterThreePhase = 103;
        public const int InverterLength = 50;

        /// <summary>Multiple MPPT inverter extension: 8 fixed registers and 20 per module.</summary>
        public const int Mppt = 160;
        public const int MpptFixedLength = 8;
        public const int MpptModuleLength = 20;

        /// <summary>Basic storage controls.</summary>
        public const int Storage = 124;
        public const int StorageLength = 24;

        /// <summary>Wye-connect three-phase meter.</summary>
        public const int Meter = 203;
        public const int MeterLength = 105;

        /// <summary>The longest chain: every model, twelve MPPT modules.</summary>
        public const int MaxChainLength = 2 + (2 + CommonLength) + (2 + InverterLength) + (2 + MpptFixedLength + (12 * MpptModuleLength))
            + (2 + StorageLength) + (2 + MeterLength) + 2;
    }
}
