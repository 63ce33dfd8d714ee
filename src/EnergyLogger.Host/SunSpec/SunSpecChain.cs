using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.SunSpec;

/// <summary>One model of a device's SunSpec chain: its ID, the address of its header (ID, L) and its length L.</summary>
internal sealed record SunSpecModel(int Id, int Address, int Length)
{
    /// <summary>The first register after the header.</summary>
    public int Data => Address + 2;
}

/// <summary>A device's chain: where its marker was, and its models in order; or why none was found.</summary>
internal sealed record SunSpecDevice(byte Unit, int Base, IReadOnlyList<SunSpecModel> Models);

/// <summary>
/// Walks a SunSpec device's chain (SunSpec Information Model Specification, 4.1 and 4.2): "SunS" at 40000, 0 or 50000,
/// then models one after the other, each a header of its ID and its length L in registers, up to the end model (ID
/// 0xFFFF). The walk follows each model's own L, so a common model of 66 registers where 65 were expected moves the
/// later models and the walk finds them where they are.
/// </summary>
internal static class SunSpecChain
{
    /// <summary>Where the marker may be, in the order the specification asks to try them.</summary>
    public static readonly int[] Bases = [SunSpecModels.BaseAddress, 0, 50000];

    /// <summary>A chain longer than this is taken for a device that does not end its chain.</summary>
    private const int MaxModels = 64;

    /// <summary>The marker's address, or null when the device has none at any base.</summary>
    public static int? FindBase(ModbusMaster master, byte unit)
    {
        var marker = new ushort[2];
        foreach (int at in Bases)
        {
            if (master.ReadRegisters(unit, FunctionCode.ReadHoldingRegisters, at, 2, marker, 0).IsOk
                && marker[0] == SunSpecModels.MarkHigh && marker[1] == SunSpecModels.MarkLow)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>The device's chain, or null with <paramref name="error"/> saying why not.</summary>
    public static SunSpecDevice? Walk(ModbusMaster master, byte unit, out string? error)
    {
        error = null;
        int? found = FindBase(master, unit);
        if (found is not int start)
        {
            error = $"unit {unit}: no SunSpec marker \"SunS\" at {string.Join(", ", Bases)}";
            return null;
        }

        var models = new List<SunSpecModel>();
        var header = new ushort[2];
        int at = start + 2;
        while (true)
        {
            ModbusResult read = master.ReadRegisters(unit, FunctionCode.ReadHoldingRegisters, at, 2, header, 0);
            if (!read.IsOk)
            {
                error = $"unit {unit}: the model header at {at} could not be read ({read.Status})";
                return null;
            }

            if (header[0] == SunSpecModels.EndId)
            {
                return new SunSpecDevice(unit, start, models);
            }

            if (models.Count == MaxModels || at + 2 + header[1] > 65535)
            {
                error = $"unit {unit}: the chain does not end (model {header[0]} at {at}, length {header[1]})";
                return null;
            }

            models.Add(new SunSpecModel(header[0], at, header[1]));
            at += 2 + header[1];
        }
    }
}
