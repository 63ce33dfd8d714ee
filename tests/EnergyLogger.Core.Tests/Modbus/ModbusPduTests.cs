using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

public class ModbusPduTests
{
    public static TheoryData<int> Golden => Crc16Tests.Indexes(RtuVectors.Count);

    [Theory]
    [MemberData(nameof(Golden))]
    public void Encode_GoldenRequest_MatchesSpecPduBytes(int i)
    {
        var buf = new byte[300];
        byte[] expected = RtuVectors.Request[i][1..^2];

        int length = GoldenRequests.EncodePdu(i, buf, 3);

        Assert.Equal(expected.Length, length);
        Assert.Equal(expected, buf[3..(3 + length)]);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void CheckResponse_GoldenReply_Ok(int i)
    {
        byte[] request = RtuVectors.Request[i];
        byte[] response = RtuVectors.Response[i];

        ModbusStatus status = ModbusPdu.CheckResponse(request, 1, response, 1, response.Length - 3, out byte code);

        Assert.Equal(ModbusStatus.Ok, status);
        Assert.Equal(0, code);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void CheckResponse_GoldenException_ExceptionWithItsCode(int i)
    {
        byte[] reply = RtuVectors.Exception[i];

        ModbusStatus status = ModbusPdu.CheckResponse(RtuVectors.Request[i], 1, reply, 1, 2, out byte code);

        Assert.Equal(ModbusStatus.Exception, status);
        Assert.Equal(RtuVectors.ExceptionCode[i], code);
    }

    [Fact]
    public void CheckResponse_Section7Example_IllegalDataAddress()
    {
        ModbusStatus status = ModbusPdu.CheckResponse(RtuVectors.Section7Request, 1, RtuVectors.Section7Reply, 1, 2, out byte code);

        Assert.Equal(ModbusStatus.Exception, status);
        Assert.Equal(ExceptionCode.IllegalDataAddress, code);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void ResponseLength_GoldenReplyAndException_TellTheirPduLength(int i)
    {
        byte[] reply = RtuVectors.Response[i];
        byte[] exception = RtuVectors.Exception[i];

        Assert.Equal(reply.Length - 3, ModbusPdu.ResponseLength(reply, 1, reply.Length - 1));
        Assert.Equal(2, ModbusPdu.ResponseLength(exception, 1, exception.Length - 1));
    }

    [Fact]
    public void ResponseLength_ReadWithoutByteCountYet_NeedsMore()
    {
        Assert.Equal(0, ModbusPdu.ResponseLength([0x03], 0, 1));
        Assert.Equal(0, ModbusPdu.ResponseLength([0x03], 0, 0));
    }

    [Theory]
    [InlineData(new byte[] { 0x07, 0x00 })]  // not a function the logger speaks
    [InlineData(new byte[] { 0x87, 0x01 })]  // exception of one it does not speak
    [InlineData(new byte[] { 0x03, 0x00 })]  // a read with no data
    [InlineData(new byte[] { 0x03, 0xFC })]  // 252 data bytes cannot fit a 256-byte ADU
    [InlineData(new byte[] { 0x00, 0x00 })]
    public void ResponseLength_NoReplyCanStartHere_Invalid(byte[] pdu)
    {
        Assert.Equal(ModbusPdu.Invalid, ModbusPdu.ResponseLength(pdu, 0, pdu.Length));
    }

    [Fact]
    public void ResponseLength_LargestReadThatFits_2000Coils()
    {
        Assert.Equal(2 + 250, ModbusPdu.ResponseLength([0x01, 250], 0, 2));
        Assert.Equal(2 + 251, ModbusPdu.ResponseLength([0x01, 251], 0, 2));
    }

    public static TheoryData<string, int> Limits => new()
    {
        { "read 0 registers", Read(FunctionCode.ReadHoldingRegisters, 0, 0) },
        { "read 126 registers", Read(FunctionCode.ReadHoldingRegisters, 0, 126) },
        { "read 126 input registers", Read(FunctionCode.ReadInputRegisters, 0, 126) },
        { "read 2001 coils", Read(FunctionCode.ReadCoils, 0, 2001) },
        { "read 2001 inputs", Read(FunctionCode.ReadDiscreteInputs, 0, 2001) },
        { "read 0 coils", Read(FunctionCode.ReadCoils, 0, 0) },
        { "read past 65535", Read(FunctionCode.ReadHoldingRegisters, 0xFFFF, 2) },
        { "read at 65536", Read(FunctionCode.ReadHoldingRegisters, 0x10000, 1) },
        { "read negative address", Read(FunctionCode.ReadHoldingRegisters, -1, 1) },
        { "read with a write function", Read(FunctionCode.WriteSingleRegister, 0, 1) },
        { "write 124 registers", WriteRegisters(0, 124) },
        { "write 0 registers", WriteRegisters(0, 0) },
        { "write registers past 65535", WriteRegisters(0xFFFE, 3) },
        { "write 1969 coils", WriteCoils(0, 1969) },
        { "write 0 coils", WriteCoils(0, 0) },
        { "write coils past 65535", WriteCoils(0xFFF9, 8) },
        { "single coil at 65536", ModbusPdu.EncodeWriteSingleCoil(new byte[300], 0, 0x10000, true) },
        { "single register at -1", ModbusPdu.EncodeWriteSingleRegister(new byte[300], 0, -1, 1) },
        { "registers null", ModbusPdu.EncodeWriteMultipleRegisters(new byte[300], 0, 0, null!, 0, 1) },
        { "coils null", ModbusPdu.EncodeWriteMultipleCoils(new byte[300], 0, 0, null!, 0, 1) },
        { "registers offset past the array", ModbusPdu.EncodeWriteMultipleRegisters(new byte[300], 0, 0, new ushort[4], 3, 2) },
        { "coils negative offset", ModbusPdu.EncodeWriteMultipleCoils(new byte[300], 0, 0, new bool[4], -1, 2) },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Encode_OutsideProtocolLimits_Invalid(string why, int length)
    {
        Assert.True(length == ModbusPdu.Invalid, why);
    }

    public static TheoryData<string, int, int> EdgesThatFit => new()
    {
        { "read 125 registers", Read(FunctionCode.ReadHoldingRegisters, 0, 125), 5 },
        { "read 2000 coils", Read(FunctionCode.ReadCoils, 0, 2000), 5 },
        { "read the very last register", Read(FunctionCode.ReadInputRegisters, 0xFFFF, 1), 5 },
        { "read ending at 65535", Read(FunctionCode.ReadHoldingRegisters, 0xFF83, 125), 5 },
        { "write 123 registers", WriteRegisters(0, 123), 6 + 246 },
        { "write 1968 coils", WriteCoils(0, 1968), 6 + 246 },
        { "write registers ending at 65535", WriteRegisters(0xFFFD, 3), 6 + 6 },
        { "single coil at 65535", ModbusPdu.EncodeWriteSingleCoil(new byte[300], 0, 0xFFFF, false), 5 },
    };

    [Theory]
    [MemberData(nameof(EdgesThatFit))]
    public void Encode_AtProtocolLimits_Encodes(string why, int length, int expected)
    {
        Assert.True(length == expected, why);
    }

    [Fact]
    public void EncodeWriteSingleCoil_Off_Sends0000()
    {
        var buf = new byte[5];

        ModbusPdu.EncodeWriteSingleCoil(buf, 0, 0x00AC, false);

        Assert.Equal([0x05, 0x00, 0xAC, 0x00, 0x00], buf);
    }

    [Fact]
    public void EncodeWriteMultipleCoils_ClearsStaleBitsInTheBuffer()
    {
        byte[] buf = Enumerable.Repeat((byte)0xFF, 16).ToArray();

        int length = ModbusPdu.EncodeWriteMultipleCoils(buf, 0, 0x13, RtuVectors.Bits[6], 0, 10);

        Assert.Equal(RtuVectors.Request[6][1..^2], buf[..length]);
    }

    public static TheoryData<string, byte[], byte[], ModbusStatus> Mismatches => new()
    {
        { "function echo differs", Pdu(0x03, 0x00, 0x6B, 0x00, 0x03), Pdu(0x04, 0x06, 2, 0x2B, 0, 0, 0, 0x64), ModbusStatus.BadResponse },
        { "one register fewer", Pdu(0x03, 0x00, 0x6B, 0x00, 0x03), Pdu(0x03, 0x04, 2, 0x2B, 0, 0), ModbusStatus.BadResponse },
        { "byte count says 6, data is 4", Pdu(0x03, 0x00, 0x6B, 0x00, 0x03), Pdu(0x03, 0x06, 2, 0x2B, 0, 0), ModbusStatus.BadResponse },
        { "coil bytes one short", Pdu(0x01, 0x00, 0x13, 0x00, 0x13), Pdu(0x01, 0x02, 0xCD, 0x6B), ModbusStatus.BadResponse },
        { "FC05 value echo differs", Pdu(0x05, 0x00, 0xAC, 0xFF, 0x00), Pdu(0x05, 0x00, 0xAC, 0x00, 0x00), ModbusStatus.BadResponse },
        { "FC06 address echo differs", Pdu(0x06, 0x00, 0x01, 0x00, 0x03), Pdu(0x06, 0x00, 0x02, 0x00, 0x03), ModbusStatus.BadResponse },
        { "FC15 quantity echo differs", Pdu(0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01), Pdu(0x0F, 0x00, 0x13, 0x00, 0x09), ModbusStatus.BadResponse },
        { "FC16 address echo differs", Pdu(0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0, 0x0A, 1, 2), Pdu(0x10, 0x00, 0x00, 0x00, 0x02), ModbusStatus.BadResponse },
        { "FC16 echo too long", Pdu(0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0, 0x0A, 1, 2), Pdu(0x10, 0x00, 0x01, 0x00, 0x02, 0x00), ModbusStatus.BadResponse },
        { "exception of another function", Pdu(0x03, 0x00, 0x6B, 0x00, 0x03), Pdu(0x84, 0x02), ModbusStatus.BadResponse },
        { "exception with a trailing byte", Pdu(0x03, 0x00, 0x6B, 0x00, 0x03), Pdu(0x83, 0x02, 0x00), ModbusStatus.BadResponse },
        { "exception busy", Pdu(0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0, 0x0A, 1, 2), Pdu(0x90, 0x06), ModbusStatus.Exception },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void CheckResponse_ReplyThatDoesNotAnswer_Rejected(string why, byte[] request, byte[] response, ModbusStatus expected)
    {
        Assert.True(expected == ModbusPdu.CheckResponse(request, 0, response, 0, response.Length, out _), why);
    }

    [Fact]
    public void CopyRegisters_GoldenFc03_BigEndianValues()
    {
        var dest = new ushort[5];

        ModbusPdu.CopyRegisters(RtuVectors.Response[2], 1, dest, 1, 3);

        Assert.Equal([0, 0x022B, 0x0000, 0x0064, 0], dest);
    }

    [Fact]
    public void CopyBits_GoldenFc01_LeastSignificantBitFirst()
    {
        var dest = new bool[19];

        ModbusPdu.CopyBits(RtuVectors.Response[0], 1, dest, 0, 19);

        Assert.Equal(RtuVectors.Bits[0], dest);
    }

    private static byte[] Pdu(params byte[] bytes) => bytes;

    private static int Read(FunctionCode function, int address, int count) =>
        ModbusPdu.EncodeRead(new byte[300], 0, function, address, count);

    private static int WriteRegisters(int address, int count) =>
        ModbusPdu.EncodeWriteMultipleRegisters(new byte[300], 0, address, new ushort[200], 0, count);

    private static int WriteCoils(int address, int count) =>
        ModbusPdu.EncodeWriteMultipleCoils(new byte[300], 0, address, new bool[2000], 0, count);
}
