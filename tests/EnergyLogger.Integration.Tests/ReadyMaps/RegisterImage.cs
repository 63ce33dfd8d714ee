using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using Xunit;

namespace EnergyLogger.Integration.Tests.ReadyMaps;

/// <summary>
/// The registers of one slave, written as a device would hold them: a physical value in the schema's
/// units and sign convention goes through the map's scale and offset, the device's own sign convention
/// and <see cref="ValueCodec"/> into the point's registers. Peers/map_slave.py serves the result.
/// </summary>
internal sealed class RegisterImage(RegisterMap map)
{
    private readonly Dictionary<FunctionCode, SortedDictionary<int, ushort>> _tables = new()
    {
        [FunctionCode.ReadHoldingRegisters] = [],
        [FunctionCode.ReadInputRegisters] = [],
    };

    /// <summary>The slave id the peer answers as: the map's own unless a test moves it.</summary>
    public byte Slave { get; set; } = map.Devices[0].Slave;

    /// <summary>Registers first..last exist (holding 0 until set); reads of any other address get exception 02.</summary>
    public RegisterImage Exists(FunctionCode function, int first, int last)
    {
        for (int a = first; a <= last; a++)
        {
            _tables[function].TryAdd(a, (ushort)0);
        }

        return this;
    }

    /// <summary>
    /// Raw words at an address, as the vendor's table lays them out: a test that writes these rather than
    /// going through the map checks the map's addresses, types and scales against the table.
    /// </summary>
    public RegisterImage Words(FunctionCode function, int address, params ushort[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            Assert.True(_tables[function].ContainsKey(address + i), $"register {address + i} is outside the image's blocks");
            _tables[function][address + i] = words[i];
        }

        return this;
    }

    /// <summary>A 32-bit value as two registers, high word first (ABCD).</summary>
    public static ushort[] Long(long value) => [(ushort)((value >> 16) & 0xFFFF), (ushort)(value & 0xFFFF)];

    /// <summary>An IEEE 754 binary32 value as two registers, high word first.</summary>
    public static ushort[] Float(float value) => Long(BitConverter.SingleToInt32Bits(value));

    /// <summary>ASCII text, two characters a register, the first in the high byte, NUL padded to <paramref name="registers"/>.</summary>
    public static ushort[] Ascii(string text, int registers)
    {
        var words = new ushort[registers];
        for (int i = 0; i < text.Length; i++)
        {
            words[i / 2] |= (ushort)(i % 2 == 0 ? text[i] << 8 : text[i]);
        }

        return words;
    }

    /// <summary>Sets a point from a value in the schema's units and, for a schema target, the schema's sign convention.</summary>
    public RegisterImage Set(string point, double value)
    {
        PointDefinition p = Point(point);
        var words = new ushort[p.Count];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = Word(p, i);
        }

        double deviceValue = DeviceSigns(p) ? -value : value;
        EncodeStatus status = PointEncoder.Encode(p, deviceValue, nearestStep: false, words, 0);
        Assert.True(status == EncodeStatus.Ok, $"{point}: {value} cannot be held ({status})");
        for (int i = 0; i < words.Length; i++)
        {
            Put(p, i, words[i]);
        }

        return this;
    }

    public RegisterImage SetText(string point, string text)
    {
        PointDefinition p = Point(point);
        var words = new ushort[p.Count];
        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromText(text, words, 0, p.Count, p.Order));
        for (int i = 0; i < words.Length; i++)
        {
            Put(p, i, words[i]);
        }

        return this;
    }

    /// <summary>The word the slave will hold at this address.</summary>
    public ushort Word(FunctionCode function, int address) => _tables[function][address];

    /// <summary>The image as Peers/map_slave.py reads it: one block per run of consecutive addresses.</summary>
    public string ToJson()
    {
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["slave"] = (int)Slave,
            ["holding"] = Blocks(_tables[FunctionCode.ReadHoldingRegisters]),
            ["input"] = Blocks(_tables[FunctionCode.ReadInputRegisters]),
        });
    }

    private static Dictionary<string, List<int>> Blocks(SortedDictionary<int, ushort> table)
    {
        var blocks = new Dictionary<string, List<int>>();
        List<int>? run = null;
        int next = -1;
        foreach ((int address, ushort word) in table)
        {
            if (run == null || address != next)
            {
                run = [];
                blocks[address.ToString()] = run;
            }

            run.Add(word);
            next = address + 1;
        }

        return blocks;
    }

    /// <summary>True when the device signs this point's field the other way round from the schema.</summary>
    private bool DeviceSigns(PointDefinition p)
    {
        if (p.Target < 0)
        {
            return false;
        }

        DeviceDefinition device = map.Devices[p.Device];
        return SignConvention.IsReversed(TelemetrySchema.Field(p.Target).Sign, device.GridSign, device.BatterySign);
    }

    private PointDefinition Point(string name)
    {
        int index = map.IndexOfPoint(name);
        Assert.True(index >= 0, $"the map has no point {name}");
        return map.Points[index];
    }

    private ushort Word(PointDefinition p, int i) => _tables[p.Function].GetValueOrDefault(p.Address + i);

    private void Put(PointDefinition p, int i, ushort word)
    {
        Assert.True(_tables[p.Function].ContainsKey(p.Address + i), $"{p.Name}: register {p.Address + i} is outside the image's blocks");
        _tables[p.Function][p.Address + i] = word;
    }
}
