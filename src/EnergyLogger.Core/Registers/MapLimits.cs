namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// The limits a register map must keep. Points, metadata and computed fields are the datasheet's
    /// ("MODBUS RTU": 255 telemetry registers, 30 metadata registers, 20 computed fields of up to 2
    /// sources); the rest bound memory on the device.
    /// </summary>
    public static class MapLimits
    {
        public const int MaxPoints = 255;
        public const int MaxMetadata = 30;
        public const int MaxComputed = 20;
        public const int MaxDevices = 8;
        public const int MaxValueMaps = 16;
        public const int MaxValueMapEntries = 64;
        public const int MaxValueTextLength = 48;
        public const int MaxNameLength = 32;
        public const int MaxUnitLength = 16;
        public const int MaxSentinels = 4;
        public const int MaxNeverRead = 16;
        public const int MaxStringRegisters = 32;
        public const int MaxEndpointLength = 128;
        public const int MaxSourceLength = 1024;

        /// <summary>SunSpec scale factors are int16 powers of ten; real devices use -10 to 10.</summary>
        public const int MaxScaleFactor = 10;

        /// <summary>Largest map text accepted; a full 255-point map with notes fits.</summary>
        public const int MaxMapBytes = 131072;
        public const int MaxMapValues = 16384;
        public const int MaxMapDepth = 8;
    }
}
