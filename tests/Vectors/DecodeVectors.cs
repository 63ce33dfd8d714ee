// The vectors are nanoFramework code too, where reference types carry no nullable annotations.
#nullable disable
namespace EnergyLogger.Vectors
{
    /// <summary>
    /// Register decoding (RELIABILITY M10): one point of a register map, the words its registers hold
    /// in wire order, and the result: the quality's name and, when Ok, the value as the sample writer
    /// prints it (so the number text is checked on both runtimes too). Each point is read from address
    /// 100 of slave 1 with FC03. Float32 bit patterns: 229.7f is 0x4365B333 (IEEE 754 binary32).
    /// </summary>
    public static class DecodeVectors
    {
        public const int Address = 100;

        public static readonly string[] Names =
        {
            "uint16", "int16 negative", "int16 0x8000 declared not available", "uint16 0xFFFF declared not available",
            "uint16 0xFFFF not declared is a number", "int16 0x7FFF declared not available",
            "uint32 ABCD", "uint32 CDAB", "int32 ABCD negative", "int32 CDAB negative",
            "int32 0x7FFFFFFF declared not available (ABCD)", "int32 0x7FFFFFFF declared not available (CDAB)",
            "uint32 BADC", "uint32 DCBA", "float32 ABCD", "float32 CDAB", "float32 NaN", "float32 +Inf", "float32 -Inf",
            "float32 bit pattern declared not available", "uint64 ABCD", "uint64 all ones declared not available",
            "int64 ABCD negative", "int64 CDAB", "uint8 high byte", "uint8 low byte", "bool register", "bool bit 3 set",
            "bool bit 2 clear", "mask 0x0F00", "scale 0.1", "scale 0.1 offset -100 (Deye temperature)",
            "int16 scale 0.01", "above validMax", "uint32 CDAB scale 0.1 (Deye energy)", "int32 CDAB scale 0.1",
        };

        /// <summary>The point's members besides name and address, as the map writes them.</summary>
        public static readonly string[] Point =
        {
            "\"type\":\"uint16\"",
            "\"type\":\"int16\"",
            "\"type\":\"int16\",\"sentinels\":[\"0x8000\"]",
            "\"type\":\"uint16\",\"sentinels\":[65535]",
            "\"type\":\"uint16\"",
            "\"type\":\"int16\",\"sentinels\":[\"0x7FFF\"]",
            "\"type\":\"uint32\"",
            "\"type\":\"uint32\",\"wordOrder\":\"CDAB\"",
            "\"type\":\"int32\"",
            "\"type\":\"int32\",\"wordOrder\":\"CDAB\"",
            "\"type\":\"int32\",\"sentinels\":[2147483647]",
            "\"type\":\"int32\",\"wordOrder\":\"CDAB\",\"sentinels\":[\"0x7FFFFFFF\"]",
            "\"type\":\"uint32\",\"wordOrder\":\"BADC\"",
            "\"type\":\"uint32\",\"wordOrder\":\"DCBA\"",
            "\"type\":\"float32\"",
            "\"type\":\"float32\",\"wordOrder\":\"CDAB\"",
            "\"type\":\"float32\"",
            "\"type\":\"float32\"",
            "\"type\":\"float32\"",
            "\"type\":\"float32\",\"sentinels\":[\"0x7F7FFFFF\"]",
            "\"type\":\"uint64\"",
            "\"type\":\"uint64\",\"sentinels\":[\"0xFFFFFFFFFFFFFFFF\"]",
            "\"type\":\"int64\"",
            "\"type\":\"int64\",\"wordOrder\":\"CDAB\"",
            "\"type\":\"uint8_high\"",
            "\"type\":\"uint8_low\"",
            "\"type\":\"bool\"",
            "\"type\":\"bool\",\"bit\":3",
            "\"type\":\"bool\",\"bit\":2",
            "\"type\":\"uint16\",\"mask\":\"0x0F00\"",
            "\"type\":\"uint16\",\"scale\":0.1",
            "\"type\":\"uint16\",\"scale\":0.1,\"offset\":-100",
            "\"type\":\"int16\",\"scale\":0.01",
            "\"type\":\"uint16\",\"validMin\":0,\"validMax\":100",
            "\"type\":\"uint32\",\"wordOrder\":\"CDAB\",\"scale\":0.1",
            "\"type\":\"int32\",\"wordOrder\":\"CDAB\",\"scale\":0.1",
        };

        public static readonly ushort[][] Words =
        {
            new ushort[] { 0x1234 },
            new ushort[] { 0xFFFF },
            new ushort[] { 0x8000 },
            new ushort[] { 0xFFFF },
            new ushort[] { 0xFFFF },
            new ushort[] { 0x7FFF },
            new ushort[] { 0x0001, 0x0002 },
            new ushort[] { 0x0002, 0x0001 },
            new ushort[] { 0xFFFF, 0xFFFE },
            new ushort[] { 0xFFFE, 0xFFFF },
            new ushort[] { 0x7FFF, 0xFFFF },
            new ushort[] { 0xFFFF, 0x7FFF },
            new ushort[] { 0x3412, 0x7856 },
            new ushort[] { 0x7856, 0x3412 },
            new ushort[] { 0x4365, 0xB333 },
            new ushort[] { 0xB333, 0x4365 },
            new ushort[] { 0x7FC0, 0x0000 },
            new ushort[] { 0x7F80, 0x0000 },
            new ushort[] { 0xFF80, 0x0000 },
            new ushort[] { 0x7F7F, 0xFFFF },
            new ushort[] { 0x0000, 0x0000, 0x0001, 0x0000 },
            new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF },
            new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE },
            new ushort[] { 0x0001, 0x0000, 0x0000, 0x0000 },
            new ushort[] { 0x12AB },
            new ushort[] { 0x12AB },
            new ushort[] { 0x0100 },
            new ushort[] { 0x0008 },
            new ushort[] { 0x0008 },
            new ushort[] { 0x0203 },
            new ushort[] { 2297 },
            new ushort[] { 1253 },
            new ushort[] { 0xFF6A },
            new ushort[] { 101 },
            new ushort[] { 0x86A0, 0x0001 },
            new ushort[] { 0x7960, 0xFFFE },
        };

        /// <summary>The quality's name as the sample document writes it.</summary>
        public static readonly string[] Quality =
        {
            "ok", "ok", "sentinel", "sentinel", "ok", "sentinel", "ok", "ok", "ok", "ok", "sentinel", "sentinel", "ok", "ok",
            "ok", "ok", "invalid", "invalid", "invalid", "sentinel", "ok", "sentinel", "ok", "ok", "ok", "ok", "ok", "ok",
            "ok", "ok", "ok", "ok", "ok", "out_of_range", "ok", "ok",
        };

        /// <summary>The value as the writer prints it, or null when the quality is not ok.</summary>
        public static readonly string[] Text =
        {
            "4660", "-1", null, null, "65535", null, "65538", "65538", "-2", "-2", null, null, "305419896", "305419896",
            "229.7", "229.7", null, null, null, null, "65536", null, "-2", "1", "18", "171", "1", "1",
            "0", "2", "229.7", "25.3", "-1.5", null, "10000", "-10000",
        };
    }
}
