using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The four MODBUS data tables of one simulated slave, each the full 65536 entries, plus the address
/// ranges the slave refuses with exception 02, as real inverters do for registers they do not implement.
/// </summary>
internal sealed class RegisterBank
{
    private readonly List<(FunctionCode Table, int First, int Last)> _illegal = [];

    public bool[] Coils { get; } = new bool[65536];

    public bool[] DiscreteInputs { get; } = new bool[65536];

    public ushort[] HoldingRegisters { get; } = new ushort[65536];

    public ushort[] InputRegisters { get; } = new ushort[65536];

    /// <summary>Refuse reads and writes touching [first, last] of the table that <paramref name="function"/> reads.</summary>
    public void MarkIllegal(FunctionCode function, int first, int last) => _illegal.Add((TableOf(function), first, last));

    public bool IsLegal(FunctionCode function, int address, int count)
    {
        FunctionCode table = TableOf(function);
        int last = address + count - 1;
        foreach (var range in _illegal)
        {
            if (range.Table == table && address <= range.Last && last >= range.First)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes share the table of the matching read: FC05/15 write coils, FC06/16 holding registers.</summary>
    private static FunctionCode TableOf(FunctionCode function) => function switch
    {
        FunctionCode.WriteSingleCoil or FunctionCode.WriteMultipleCoils => FunctionCode.ReadCoils,
        FunctionCode.WriteSingleRegister or FunctionCode.WriteMultipleRegisters => FunctionCode.ReadHoldingRegisters,
        _ => function,
    };
}
