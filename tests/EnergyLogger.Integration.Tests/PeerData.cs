namespace EnergyLogger.Integration.Tests;

/// <summary>What Peers/modbus_slave.py serves; the two files change together.</summary>
internal static class PeerData
{
    public const byte Slave = 1;

    /// <summary>A slave id the peer does not answer at all.</summary>
    public const byte SilentSlave = 9;

    /// <summary>Registers at and above this address answer exception 02.</summary>
    public const int RegisterSpace = 0x4000;

    public const int HoldingBlock = 0x1000;

    public static readonly ushort[] Holding =
    [
        1234,                                   // 0x1000 u16
        0xFFFE,                                 // 0x1001 s16 -2
        0x1234, 0x5678,                         // 0x1002 u32 305419896
        0xFFFE, 0x1DC0,                         // 0x1004 s32 -123456
        0x4366, 0x8000,                         // 0x1006 f32 230.5
        0x0102, 0x0304, 0x0506, 0x0708,         // 0x1008 u64 72623859790382856
        0x534E, 0x2D32, 0x3032, 0x3400,         // 0x100C "SN-2024"
        0x5678, 0x1234,                         // 0x1010 u32 305419896, low word first
    ];

    public static readonly ushort[] Input = [.. Enumerable.Range(1000, 16).Select(v => (ushort)v), 0xBFC0, 0x0000];

    /// <summary>Coils and discrete inputs 0-19 follow these rules; the rest start false.</summary>
    public static bool Coil(int address) => address < 20 && address % 3 == 0;

    public static bool DiscreteInput(int address) => address < 20 && address % 2 == 1;

    /// <summary>Start of zeroed registers and coils that tests may write; each test takes its own slice.</summary>
    public const int WritableRegisters = 0x2000;

    public const int WritableCoils = 0x100;
}
