using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>A master, a virtual clock and a scripted bus wired together, as one test needs them.</summary>
public sealed class Bus
{
    /// <summary>Far from zero, so the first request owes no inter-frame silence to "time 0".</summary>
    public const long StartMs = 1_000_000;

    // 9600 baud 8N1, worked out by hand (MODBUS over serial line v1.02, 2.5.1.1):
    /// <summary>t3.5 = 3.5 x 10 bits / 9600 = 3.65 ms, in whole ms.</summary>
    public const int Silence9600Ms = 4;

    /// <summary>An 8-byte request: 80 bits / 9600 = 8.33 ms on the wire, in whole ms.</summary>
    public const int Request8Bytes9600Ms = 9;

    private Bus(MasterOptions options, bool tcp, IModbusFramer framer)
    {
        Options = options;
        Clock = new VirtualClock(StartMs);
        Link = new ScriptedSlaveLink(Clock, tcp);
        Framer = framer;
        Master = new ModbusMaster(Link, Clock, framer, options);
    }

    public MasterOptions Options { get; }

    public VirtualClock Clock { get; }

    public ScriptedSlaveLink Link { get; }

    public IModbusFramer Framer { get; }

    public ModbusMaster Master { get; }

    public long Now => Clock.MonotonicMs;

    public static Bus Rtu(MasterOptions? options = null, IModbusFramer? framer = null)
    {
        return new Bus(options ?? new MasterOptions(), false, framer ?? new RtuFramer());
    }

    public static Bus Tcp(MasterOptions? options = null)
    {
        MasterOptions tcpOptions = options ?? new MasterOptions();
        tcpOptions.BaudRate = 0;
        return new Bus(tcpOptions, true, new MbapFramer());
    }

    /// <summary>Slave 1 with holding registers 0..199 = 1000 + address.</summary>
    public Bus WithInverter(byte id = 1)
    {
        SlaveImage slave = Link.AddSlave(id);
        for (int a = 0; a < 200; a++)
        {
            slave.Holding[a] = (ushort)(1000 + a + (id - 1) * 10000);
        }

        return this;
    }

    public ModbusResult ReadHolding(byte slave, int address, int count, ushort[] dest)
    {
        return Master.ReadRegisters(slave, FunctionCode.ReadHoldingRegisters, address, count, dest, 0);
    }

    /// <summary>What <see cref="WithInverter"/> holds at these addresses.</summary>
    public static ushort[] Expected(byte slave, int address, int count)
    {
        var values = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (ushort)(1000 + address + i + (slave - 1) * 10000);
        }

        return values;
    }
}
