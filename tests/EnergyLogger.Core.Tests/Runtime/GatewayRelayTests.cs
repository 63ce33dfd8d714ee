using EnergyLogger.Core.Local;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// The transparent gateway on the whole firmware with fakes: a session of the local server (unit 100) leaves requests for
/// the inverter (slave 1) at the desk, the main loop puts them on the scripted bus between its polls, or answers them from
/// the cycle, or refuses them with no byte on the bus.
/// </summary>
public sealed class GatewayRelayTests
{
    private static readonly string Map = MapText.With(points: MapText.List(
        """{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"}""",
        """{"name":"soc","address":11,"poll":"fast","target":"battery.soc"}""",
        """{"name":"limit","address":20,"poll":"fast","writable":true,"writeMin":0,"writeMax":5000}"""));

    private readonly LoopRig _rig;
    private readonly ModbusServerSession _session;

    public GatewayRelayTests()
    {
        _rig = Rig(gateway: true);
        _rig.Slave.SetHolding(20, 100).SetHolding(30, 7, 8);
        _rig.Run(1500);
        _session = new ModbusServerSession(_rig.Loop.Local!, 100);
    }

    private static LoopRig Rig(bool gateway)
    {
        var store = new MemoryFileStore();
        DeviceSettings settings = LoopRig.Settings();
        Assert.Null(settings.Set(SettingFields.LocalModbus, "on"));
        Assert.Null(settings.Set(SettingFields.LocalModbusUnit, "100"));
        Assert.Null(settings.Set(SettingFields.LocalGateway, gateway ? "on" : "off"));
        Assert.True(new SettingsRepository(store).Save(settings));
        return new LoopRig(map: Map, store: store);
    }

    /// <summary>Sends one request (unit, PDU) and runs the loop until the reply; the reply's PDU.</summary>
    private static byte[] Ask(LoopRig rig, ModbusServerSession session, int unit, params byte[] pdu)
    {
        byte[] adu = [0, 9, 0, 0, 0, (byte)(pdu.Length + 1), (byte)unit, .. pdu];
        Assert.Equal(adu.Length, session.Receive(adu, 0, adu.Length));
        for (int i = 0; i < 100 && session.Waiting && !session.Collect(); i++)
        {
            rig.Run(rig.Options.TickMs);
        }

        Assert.False(session.Waiting);
        Assert.Equal([0, 9, 0, 0], session.Reply[..4]);
        return session.Reply[7..session.ReplyLength];
    }

    private byte[] Ask(int unit, params byte[] pdu) => Ask(_rig, _session, unit, pdu);

    private int BusRequests(byte function) => _rig.Scripted.Writes.Count(w => w.Bytes[0] == 1 && w.Bytes[1] == function);

    [Fact]
    public void Read_OfRegistersTheCycleRead_IsAnsweredFromTheCycle()
    {
        int before = BusRequests(3);

        Assert.Equal([3, 4, 0xFB, 0x50, 0, 64], Ask(1, 3, 0, 10, 0, 2));
        Assert.Equal(before, BusRequests(3));
        Assert.Equal(1, _rig.Loop.Local!.Gateway.FromCycle);
    }

    [Fact]
    public void Read_OfOtherRegisters_GoesOnTheBus()
    {
        Assert.Equal([3, 4, 0, 7, 0, 8], Ask(1, 3, 0, 30, 0, 2));
        Assert.Contains(_rig.Scripted.Writes, w => w.Bytes[1] == 3 && w.Bytes[3] == 30 && w.Bytes[5] == 2);
        Assert.Equal(1, _rig.Loop.Local!.Gateway.Forwarded);
    }

    [Fact]
    public void Write_TheMapAllows_GoesOnTheBus_AndAReadAfterItIsNotTheCyclesOlderValue()
    {
        Assert.Equal([6, 0, 20, 0x0F, 0xA0], Ask(1, 6, 0, 20, 0x0F, 0xA0));
        Assert.Equal(4000, _rig.Slave.Holding[20]);
        Assert.Equal([3, 2, 0x0F, 0xA0], Ask(1, 3, 0, 20, 0, 1));
        Assert.Equal([0x10, 0, 20, 0, 1], Ask(1, 0x10, 0, 20, 0, 1, 2, 0, 50));
        Assert.Equal(50, _rig.Slave.Holding[20]);
    }

    [Theory]
    [InlineData(new byte[] { 6, 0, 20, 0x17, 0x70 }, 0x86, 2)] // above writeMax
    [InlineData(new byte[] { 6, 0, 21, 0, 1 }, 0x86, 2)] // not a writable point
    [InlineData(new byte[] { 0x10, 0, 20, 0, 2, 4, 0, 1, 0, 2 }, 0x90, 2)] // more registers than the point has
    [InlineData(new byte[] { 5, 0, 1, 0xFF, 0 }, 0x85, 1)] // a coil
    [InlineData(new byte[] { 8, 0, 0, 0, 0 }, 0x88, 1)] // diagnostics
    [InlineData(new byte[] { 0x10, 0, 20, 0, 1, 4, 0, 1, 0, 2 }, 0x90, 3)] // byte count disagrees with the quantity
    [InlineData(new byte[] { 3, 0, 10, 0, 126 }, 0x83, 3)] // over 125 registers
    public void Refused_Requests_PutNoByteOnTheBus(byte[] pdu, int function, int code)
    {
        int before = _rig.Scripted.Writes.Count;
        _rig.Slave.SetHolding(20, 100);

        Assert.Equal([(byte)function, (byte)code], Ask(1, pdu));
        _rig.Run(2000);

        Assert.Equal(100, _rig.Slave.Holding[20]);
        Assert.DoesNotContain(_rig.Scripted.Writes.Skip(before), w => w.Bytes[1] != 3 || w.Bytes[3] != 10);
    }

    [Fact]
    public void UnitsOtherThanTheInverters_AndTheGatewayOff_Get0B()
    {
        Assert.Equal([0x83, 0x0B], Ask(7, 3, 0, 10, 0, 1));

        LoopRig off = Rig(gateway: false);
        off.Run(1500);
        Assert.Equal([0x83, 0x0B], Ask(off, new ModbusServerSession(off.Loop.Local!, 100), 1, 3, 0, 10, 0, 1));
    }

    [Fact]
    public void Requests_WaitForTheGapAfterTheCycle_AndTheCadenceHolds()
    {
        // Just before a cycle is due: a bus read (1 s response timeout) does not fit before it, so it waits for the next gap.
        List<long> polls() => _rig.Scripted.Writes.Where(w => w.Bytes[1] == 3 && w.Bytes[3] == 10).Select(w => w.AtMs).ToList();
        long lastPoll = polls().Last();
        _rig.Run(lastPoll + 4500 - _rig.Clock.MonotonicMs);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal([3, 4, 0, 7, 0, 8], Ask(1, 3, 0, 30, 0, 2));
        }

        _rig.Run(12000);
        List<long> at = polls().Where(t => t > LoopRig.StartMs + 1000).ToList(); // the first cycle learns its plan with two reads at 10
        Assert.True(at.Count >= 3);
        Assert.All(at.Zip(at.Skip(1), (a, b) => b - a), gap => Assert.Equal(_rig.Options.Poll.FastIntervalMs, gap));
        Assert.All(_rig.Scripted.Writes.Where(w => w.Bytes[3] == 30), w => Assert.True(w.AtMs > lastPoll + 5000, "a gateway read before the cycle it would have delayed"));
    }
}
