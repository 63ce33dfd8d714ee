namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// The data of one simulated slave. Only addresses that were set exist; asking for any other is
/// answered with exception 02, as a real device answers for a hole in its map.
/// </summary>
public sealed class SlaveImage
{
    public SlaveImage(byte id)
    {
        Id = id;
    }

    public byte Id { get; }

    public Dictionary<int, ushort> Holding { get; } = new();

    public Dictionary<int, ushort> Input { get; } = new();

    public Dictionary<int, bool> Coils { get; } = new();

    public Dictionary<int, bool> Discrete { get; } = new();

    public SlaveImage SetHolding(int address, params ushort[] values)
    {
        Set(Holding, address, values);
        return this;
    }

    public SlaveImage SetInput(int address, params ushort[] values)
    {
        Set(Input, address, values);
        return this;
    }

    public SlaveImage SetCoils(int address, params bool[] values)
    {
        Set(Coils, address, values);
        return this;
    }

    public SlaveImage SetDiscrete(int address, params bool[] values)
    {
        Set(Discrete, address, values);
        return this;
    }

    /// <summary>Registers 0..count-1 holding their own address plus <paramref name="salt"/>, for bulk reads.</summary>
    public SlaveImage FillHolding(int count, int salt = 0)
    {
        for (int i = 0; i < count; i++)
        {
            Holding[i] = (ushort)(i + salt);
        }

        return this;
    }

    private static void Set<T>(Dictionary<int, T> table, int address, T[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            table[address + i] = values[i];
        }
    }
}
